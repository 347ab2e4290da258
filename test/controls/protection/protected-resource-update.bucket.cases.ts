import { defineCases } from '../../helpers/cases';
import { bucket, KEY, PROTECT, PROTECT_STRING } from './fixtures';

const P = 'protected-artifacts';

export default defineCases({
  controlId: 'CICD.PROTECT.2',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'no-op update of a protected bucket', properties: bucket(P), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'harmless change (tags) to a protected bucket', properties: bucket(P, { Tags: [{ Key: 'team', Value: 'ci' }] }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'unprotected bucket may suspend versioning here (the S3 controls report it)', properties: bucket('ci-scratch', { VersioningConfiguration: { Status: 'Suspended' } }), previous: bucket('ci-scratch'), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'previous bucket without BucketName (cannot be matched)', properties: bucket(undefined, { VersioningConfiguration: undefined }), previous: bucket(undefined), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'renaming an unprotected bucket to a protected name', properties: bucket(P), previous: bucket('ci-old'), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'rename of a protected bucket (replacement)', properties: bucket('ci-renamed'), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['BucketName', 'replaces', P] },
    { name: 'BucketName removed from a protected bucket', properties: bucket(undefined), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'BucketName is removed' },
    { name: 'versioning suspended on a protected bucket', properties: bucket(P, { VersioningConfiguration: { Status: 'Suspended' } }), previous: bucket(P), config: PROTECT_STRING, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'VersioningConfiguration.Status' },
    { name: 'logging removed from a protected bucket', properties: bucket(P, { LoggingConfiguration: undefined }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'LoggingConfiguration' },
    { name: 'encryption removed from a protected bucket (block missing)', absent: ['BucketEncryption'], properties: bucket(P, { BucketEncryption: undefined }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'BucketEncryption' },
    // Every rule counts (as for CICD.S3.1); the update protection used to read rule 0 only.
    {
      name: 'second encryption rule downgraded to AES256',
      properties: bucket(P, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }, { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }),
      previous: bucket(P, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }, { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }] } }),
      config: PROTECT,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'BucketEncryption',
    },
    {
      name: 'a weak second rule that was already there is no change',
      properties: bucket(P, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }, { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }),
      previous: bucket(P, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }, { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }] } }),
      config: PROTECT,
      actions: ['UPDATE'],
      expect: 'PASS',
    },
    { name: 'versioning "enabled" in lower case stays enabled', properties: bucket(P, { VersioningConfiguration: { Status: ' enabled ' } }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'PASS' },
    { name: 'encryption downgraded to AES256', properties: bucket(P, { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'public access block relaxed', properties: bucket(P, { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: 'false', IgnorePublicAcls: true, RestrictPublicBuckets: true } }), previous: bucket(P), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'BlockPublicPolicy' },
    { name: 'Object Lock switched off', properties: bucket(P, { ObjectLockEnabled: false }), previous: bucket(P, { ObjectLockEnabled: true }), config: PROTECT, actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: 'ObjectLockEnabled' },
  ],
});
