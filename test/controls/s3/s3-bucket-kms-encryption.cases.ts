import { defineCases } from '../../helpers/cases';
import { artifactBucket, kmsEncryption, logBucket, sseS3 } from './fixtures';

const OWN_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';
const OWN_KEY_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const OTHER_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-4333-8444-555555555555';
const keyFact = (awsManaged: boolean) => ({ arn: OWN_KEY_ARN, awsManaged, enabled: true, rotation: true });

export default defineCases({
  controlId: 'CICD.S3.1',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'aws:kms with a customer-managed key ARN', properties: artifactBucket(), expect: 'PASS' },
    { name: 'aws:kms:dsse with a customer-managed key', properties: artifactBucket({ BucketEncryption: kmsEncryption(undefined, 'aws:kms:dsse') }), expect: 'PASS' },
    { name: 'aws:kms:dsse without a key', absent: ['BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID'], properties: artifactBucket({ BucketEncryption: kmsEncryption(null, 'aws:kms:dsse') }), expect: 'FAIL', messageIncludes: 'KMSMasterKeyID' },
    { name: 'aws:kms:dsse with a key alias of the customer', properties: artifactBucket({ BucketEncryption: kmsEncryption('alias/ci-artifacts', 'aws:kms:dsse') }), expect: 'PASS' },
    { name: 'BucketEncryption missing', absent: ['BucketEncryption'], properties: artifactBucket({ BucketEncryption: undefined }), expect: 'FAIL', messageIncludes: 'BucketEncryption is missing' },
    { name: 'empty ServerSideEncryptionConfiguration list', properties: artifactBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [] } }), expect: 'FAIL' },
    { name: 'rule without ServerSideEncryptionByDefault', absent: ['BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault'], properties: artifactBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true }] } }), expect: 'FAIL', messageIncludes: 'ServerSideEncryptionByDefault' },
    {
      name: 'every rule counts, named in the one path style',
      properties: artifactBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [kmsEncryption().ServerSideEncryptionConfiguration[0], sseS3.ServerSideEncryptionConfiguration[0]] } }),
      expect: 'FAIL',
      messageIncludes: 'BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.SSEAlgorithm is AES256',
    },
    { name: 'unresolved ServerSideEncryptionByDefault (local check only)', properties: artifactBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { 'Fn::If': ['C', { SSEAlgorithm: 'aws:kms' }, { SSEAlgorithm: 'AES256' }] } }] } }), expect: 'UNKNOWN', typedOnly: true },
    { name: 'AES256 on an artifact bucket', properties: artifactBucket({ BucketEncryption: sseS3 }), expect: 'FAIL', messageIncludes: ['SSEAlgorithm', 'AES256'] },
    { name: 'aws:kms without a key (aws/s3)', absent: ['BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID'], properties: artifactBucket({ BucketEncryption: kmsEncryption(null) }), expect: 'FAIL', messageIncludes: 'KMSMasterKeyID is missing' },
    { name: 'aws:kms with alias/aws/s3', properties: artifactBucket({ BucketEncryption: kmsEncryption('alias/aws/s3') }), expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    { name: 'aws:kms with an aws/s3 alias ARN', properties: artifactBucket({ BucketEncryption: kmsEncryption('arn:aws:kms:eu-west-1:123456789012:alias/aws/s3') }), expect: 'FAIL' },
    { name: 'SSEAlgorithm upper-case AWS:KMS with a CMK', properties: artifactBucket({ BucketEncryption: kmsEncryption(undefined, 'AWS:KMS') }), expect: 'PASS' },
    { name: 'unknown algorithm', properties: artifactBucket({ BucketEncryption: kmsEncryption('alias/x', 'rot13') }), expect: 'FAIL', messageIncludes: 'not aws:kms' },
    { name: 'junk instead of a rule list', properties: artifactBucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [42, 'x'] } }), expect: 'FAIL' },
    { name: 'log-target bucket (LogDeliveryWrite) with SSE-S3', properties: logBucket(), expect: 'PASS' },
    { name: 'log-target bucket without BucketEncryption', absent: ['BucketEncryption'], properties: logBucket({ BucketEncryption: undefined }), expect: 'FAIL' },
    { name: 'log-target bucket with aws:kms but no key', properties: logBucket({ BucketEncryption: kmsEncryption(null) }), expect: 'FAIL' },
    { name: 'bucket name that looks like a log bucket is not exempt', properties: artifactBucket({ BucketName: 'access-logs-bucket', BucketEncryption: sseS3 }), expect: 'FAIL' },
    {
      name: 'update removes KMS encryption',
      properties: artifactBucket({ BucketEncryption: sseS3 }),
      previous: artifactBucket(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'by this update',
    },
    { name: 'unresolved key Ref (local check only)', properties: artifactBucket({ BucketEncryption: kmsEncryption({ Ref: 'KeyArn' }) }), expect: 'UNKNOWN', typedOnly: true },
    // live lookups (issue 14): a KMSMasterKeyID named by key ARN or ID is looked up like every other CMK property
    { name: 'lookup: the key ARN of an AWS managed key (aws/s3 named by key ARN)', properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ARN) }), facts: { [`kms.key ${OWN_KEY_ARN}`]: keyFact(true) }, expect: 'FAIL', messageIncludes: ['KMSMasterKeyID', 'KeyManager AWS'] },
    { name: 'lookup: a bare key ID of an AWS managed key', properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ID, 'aws:kms:dsse') }), facts: { [`kms.key ${OWN_KEY_ID}`]: keyFact(true) }, expect: 'FAIL', messageIncludes: 'KeyManager AWS' },
    { name: 'lookup: a customer-managed key by ARN', properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ARN) }), facts: { [`kms.key ${OWN_KEY_ARN}`]: keyFact(false) }, expect: 'PASS' },
    { name: 'lookup denied: fails closed naming the property and the permission', properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ARN) }), facts: { [`kms.key ${OWN_KEY_ARN}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } }, expect: 'FAIL', messageIncludes: ['ServerSideEncryptionByDefault.KMSMasterKeyID', 'kms:DescribeKey'] },
    { name: 'lookup denied with LookupFailureMode UNKNOWN', properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ARN) }), config: { LookupFailureMode: 'UNKNOWN' }, facts: { [`kms.key ${OWN_KEY_ARN}`]: { $error: 'throttled on kms:DescribeKey' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a key of another account is not looked up (TrustedAccountIds judges it)', properties: artifactBucket({ BucketEncryption: kmsEncryption('arn:aws:kms:eu-west-1:444455556666:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d') }), facts: {}, expect: 'PASS' },
    {
      name: 'lookup: an update from a customer-managed key to an AWS managed key ARN is a weakening',
      properties: artifactBucket({ BucketEncryption: kmsEncryption(OWN_KEY_ARN) }),
      previous: artifactBucket({ BucketEncryption: kmsEncryption(OTHER_KEY_ARN) }),
      facts: { [`kms.key ${OWN_KEY_ARN}`]: keyFact(true), [`kms.key ${OTHER_KEY_ARN}`]: keyFact(false) },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
