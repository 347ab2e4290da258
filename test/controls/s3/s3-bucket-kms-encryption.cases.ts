import { defineCases } from '../../helpers/cases';
import { artifactBucket, kmsEncryption, logBucket, sseS3 } from './fixtures';

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
  ],
});
