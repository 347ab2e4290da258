import { defineCases } from '../../helpers/cases';
import { cmkStore, hardenedPipeline } from './builders';

// Live lookups (issue 14): the artifact store names an existing bucket; its facts come from the case's table.
const BUCKET = 'pipestack-ppipelineartifactsbucket-1x2y3z4w5v6u';
const OTHER = 'legacy-artifacts-eu';
const US = 'pipestack-support-us-east-1-replicationbucket';
const OWN_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:444455556666:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const allBlocked = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const tlsOnly = { Version: '2012-10-17', Statement: [{ Sid: 'TlsOnly', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };
/** A bucket that passes: versioned, all four flags, a TLS-only policy, SSE-KMS with a key of another account (not looked up). */
const good = (over: Record<string, unknown> = {}) => ({ versioning: true, logging: true, encryption: { algorithm: 'aws:kms', keyId: FOREIGN_KEY }, publicAccessBlock: allBlocked, policy: tlsOnly, ...over });
const publicRead = { Version: '2012-10-17', Statement: [tlsOnly.Statement[0], { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` }] };
/** The attack: an existing public, unversioned bucket with SSE-S3. */
const weak = { versioning: false, logging: false, encryption: { algorithm: 'AES256' }, policy: publicRead };

const at = (location: string) => hardenedPipeline({ ArtifactStore: cmkStore({ Location: location }) });
const { ArtifactStore: _drop, ...noStore } = hardenedPipeline();
const multi = (eu: string, us: string) => ({ ...noStore, ArtifactStores: [{ Region: 'eu-west-1', ArtifactStore: cmkStore({ Location: eu }) }, { Region: 'us-east-1', ArtifactStore: cmkStore({ Location: us }) }] });

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.13',
  resourceType: 'AWS::CodePipeline::Pipeline',
  cases: [
    { name: 'lookups off: nothing in the template to judge', properties: hardenedPipeline(), expect: 'PASS' },
    { name: 'lookup: a versioned, private bucket encrypted with a customer-managed key', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good() }, expect: 'PASS' },
    {
      name: 'lookup: a public, unversioned bucket with SSE-S3 fails, naming the property, the bucket and each problem',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: weak },
      expect: 'FAIL',
      messageIncludes: ['ArtifactStore.Location', BUCKET, 'not versioned', 'no public access block', 'Statement[1] (Sid PublicRead)', 'SSE-S3 (AES256)'],
    },
    {
      name: 'lookup: a bucket policy that cannot be read exactly (duplicate keys: the fact keeps its text) fails, never counts as no policy',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good({ policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}' }) },
      expect: 'FAIL',
      messageIncludes: ['ArtifactStore.Location', 'cannot be read'],
    },
    { name: 'lookup: versioning suspended or never enabled', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ versioning: false }) }, expect: 'FAIL', messageIncludes: ['ArtifactStore.Location', 'not versioned'] },
    { name: 'lookup: a public access block with two flags off', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ publicAccessBlock: { ...allBlocked, blockPublicPolicy: false, restrictPublicBuckets: false } }) }, expect: 'FAIL', messageIncludes: 'BlockPublicPolicy, RestrictPublicBuckets' },
    { name: 'lookup: a bucket policy that allows everyone', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ policy: publicRead }) }, expect: 'FAIL', messageIncludes: ['bucket policy', 'any principal'] },
    {
      name: 'lookup: "*" narrowed by aws:PrincipalOrgID is not public (the resource-policy predicate)',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good({ policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] } }) },
      expect: 'PASS',
    },
    { name: 'lookup: a bucket policy given as JSON text is parsed', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ policy: JSON.stringify(publicRead) }) }, expect: 'FAIL', messageIncludes: 'PublicRead' },
    { name: 'lookup: no default encryption', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: undefined }) }, expect: 'FAIL', messageIncludes: 'no default encryption' },
    { name: 'lookup: aws:kms without a key ID is the AWS-managed aws/s3', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: { algorithm: 'aws:kms' } }) }, expect: 'FAIL', messageIncludes: 'aws/s3' },
    { name: 'lookup: aws:kms with the alias ARN of aws/s3', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: { algorithm: 'aws:kms', keyId: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/s3' } }) }, expect: 'FAIL', messageIncludes: 'alias/aws/s3' },
    {
      name: 'lookup: the bucket key is looked up next (key ARN of an AWS managed key)',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: { algorithm: 'aws:kms', keyId: OWN_KEY } }), [`kms.key ${OWN_KEY}`]: { arn: OWN_KEY, awsManaged: true, enabled: true, rotation: true } },
      expect: 'FAIL',
      messageIncludes: ['ArtifactStore.Location', 'KeyManager AWS'],
    },
    {
      name: 'lookup: the bucket key is a customer-managed key',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: { algorithm: 'aws:kms:dsse', keyId: OWN_KEY } }), [`kms.key ${OWN_KEY}`]: { arn: OWN_KEY, awsManaged: false, enabled: true, rotation: true } },
      expect: 'PASS',
    },
    {
      name: 'lookup of the bucket key denied: fails closed at the location, naming the permission',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good({ encryption: { algorithm: 'aws:kms', keyId: OWN_KEY } }), [`kms.key ${OWN_KEY}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } },
      expect: 'FAIL',
      messageIncludes: ['ArtifactStore.Location', 'kms:DescribeKey'],
    },
    {
      name: 'lookup denied: fails closed naming the property and the permission',
      properties: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: { $error: "access denied: the hook's role needs s3:GetBucketVersioning" } },
      expect: 'FAIL',
      messageIncludes: ['ArtifactStore.Location', 's3:GetBucketVersioning', 'could not be looked up'],
    },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: hardenedPipeline(), config: { LookupFailureMode: 'UNKNOWN' }, facts: { [`s3.bucket ${BUCKET}`]: { $error: 'throttled on s3:GetBucketPolicy' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a bucket that does not exist fails closed', properties: hardenedPipeline(), facts: {}, expect: 'FAIL', messageIncludes: 'not found' },
    { name: 'lookup: the location as an S3 ARN with a prefix names the bucket', properties: at(`arn:aws:s3:::${OTHER}/pipeline`), facts: { [`s3.bucket ${OTHER}`]: weak }, expect: 'FAIL', messageIncludes: OTHER },
    { name: 'multi-region: every region\'s store is looked up', properties: multi(BUCKET, US), facts: { [`s3.bucket ${BUCKET}`]: good(), [`s3.bucket ${US}`]: good({ versioning: false }) }, expect: 'FAIL', messageIncludes: ['ArtifactStores[1].ArtifactStore.Location', US] },
    { name: 'multi-region: all hardened', absent: ['ArtifactStore'], properties: multi(BUCKET, US), facts: { [`s3.bucket ${BUCKET}`]: good(), [`s3.bucket ${US}`]: good() }, expect: 'PASS' },
    { name: 'lookup: the single store (no ArtifactStores block) is judged', absent: ['ArtifactStores'], properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: weak }, expect: 'FAIL', messageIncludes: 'ArtifactStore.Location' },
    { name: 'lookup: a store without Location names no bucket', absent: ['ArtifactStore.Location'], properties: hardenedPipeline({ ArtifactStore: { Type: 'S3', EncryptionKey: cmkStore().EncryptionKey } }), facts: {}, expect: 'PASS' },
    {
      name: 'lookup: an update that moves the artifact store to a weak existing bucket is a weakening',
      properties: at(OTHER),
      previous: hardenedPipeline(),
      facts: { [`s3.bucket ${BUCKET}`]: good(), [`s3.bucket ${OTHER}`]: weak },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: OTHER,
    },
    { name: 'lookup: an update that keeps the same weak bucket is not a weakening', properties: hardenedPipeline(), facts: { [`s3.bucket ${BUCKET}`]: weak }, actions: ['UPDATE'], expect: 'FAIL' },
    { name: 'lookup: a Location the template does not resolve (the bucket is in the template) is left to the S3 controls', properties: at({ Ref: 'ArtifactsBucket' } as unknown as string), facts: {}, expect: 'PASS', typedOnly: true },
  ],
});
