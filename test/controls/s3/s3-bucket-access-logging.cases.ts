import { defineCases } from '../../helpers/cases';
import { artifactBucket, logBucket } from './fixtures';

export default defineCases({
  controlId: 'CICD.S3.3',
  resourceType: 'AWS::S3::Bucket',
  cases: [
    { name: 'logs to a separate bucket', properties: artifactBucket(), expect: 'PASS' },
    { name: 'logs to another bucket by Ref, generated name (local template)', properties: artifactBucket({ BucketName: undefined, LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogs' } } }), expect: 'PASS', typedOnly: true },
    { name: 'LoggingConfiguration missing', absent: ['LoggingConfiguration'], properties: artifactBucket({ LoggingConfiguration: undefined }), expect: 'FAIL', messageIncludes: 'LoggingConfiguration is missing' },
    { name: 'empty LoggingConfiguration logs into itself', properties: artifactBucket({ LoggingConfiguration: {} }), expect: 'FAIL', messageIncludes: 'DestinationBucketName' },
    { name: 'destination is the bucket itself', properties: artifactBucket({ LoggingConfiguration: { DestinationBucketName: 'ci-artifacts' } }), expect: 'FAIL', messageIncludes: 'bucket itself' },
    { name: 'destination is the bucket itself in another letter case', properties: artifactBucket({ LoggingConfiguration: { DestinationBucketName: ' CI-Artifacts ' } }), expect: 'FAIL' },
    { name: 'log-target bucket (LogDeliveryWrite) without logging is exempt', absent: ['LoggingConfiguration'], properties: logBucket(), expect: 'PASS' },
    { name: 'log-target ACL spelled logdeliverywrite', properties: logBucket({ AccessControl: 'logdeliverywrite' }), expect: 'PASS' },
    { name: 'log-target bucket that logs into itself', properties: logBucket({ LoggingConfiguration: { DestinationBucketName: 'ci-access-logs' } }), expect: 'FAIL' },
    { name: 'bucket named like a log bucket is not exempt', properties: artifactBucket({ BucketName: 'ci-access-logs-2', LoggingConfiguration: undefined }), expect: 'FAIL' },
    { name: 'Private ACL is not a log target', properties: artifactBucket({ AccessControl: 'Private', LoggingConfiguration: undefined }), expect: 'FAIL' },
    {
      name: 'update removes logging',
      properties: artifactBucket({ LoggingConfiguration: undefined }),
      previous: artifactBucket(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['LoggingConfiguration is missing', 'introduced by this update'],
    },
  ],
});
