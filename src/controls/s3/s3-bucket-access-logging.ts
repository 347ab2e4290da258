import { isLogDeliveryTarget } from '../../predicates/bucket';
import { isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding, type ResourceView } from '../types';

const DEST = 'LoggingConfiguration.DestinationBucketName';

function evaluate(v: ResourceView): Finding[] {
  const logTarget = isLogDeliveryTarget(v.str('AccessControl'));
  if (!v.has('LoggingConfiguration')) {
    if (logTarget) return []; // the log bucket itself: no infinite regress
    return [{ path: 'LoggingConfiguration', message: 'LoggingConfiguration is missing: server access logging is off' }];
  }
  const raw = v.get(DEST);
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return [{ path: DEST, message: `${DEST} is missing: the bucket would log into itself` }];
  }
  // A bucket without BucketName gets a generated name no property of its own can reference.
  if (isIntrinsic(raw) && !v.has('BucketName')) return [];
  const dest = v.str(DEST);
  const own = v.str('BucketName');
  if (dest !== undefined && own !== undefined && dest.trim().toLowerCase() === own.trim().toLowerCase()) {
    return [{ path: DEST, message: `${DEST} is the bucket itself (BucketName); deliver access logs to a separate log bucket` }];
  }
  return [];
}

export const s3BucketAccessLogging = defineControl({
  id: 'CICD.S3.3',
  slug: 's3-bucket-access-logging',
  title: 'S3 buckets deliver server access logs to a separate log bucket',
  resourceTypes: ['AWS::S3::Bucket'],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-10', 'CICD-SEC-9'],
  requirement: 'Artifact buckets have versioning and access logging (enterprise CI/CD guidance); the pipeline emits its state for central logging and monitoring.',
  rationale:
    'Server access logs are the only per-object record of who read or replaced an artifact; without them a tampered deployable leaves no trace. Logging is off unless LoggingConfiguration is set, and a LoggingConfiguration without DestinationBucketName (or naming the bucket itself) logs into the same bucket, an endless loop that the S3 documentation advises against. The log bucket itself is exempt, otherwise every log bucket would need its own log bucket: it is recognised structurally by AccessControl LogDeliveryWrite (the canned ACL that lets the S3 log-delivery group write, and grants nothing else), never by a name the developer picks (bypass B-09); a bucket that gets log-delivery access only through a bucket policy (CDK feature flag serverAccessLogsUseBucketPolicy) is not recognised and needs the ACL or a platform exemption in the type configuration.',
  remediation:
    'Set LoggingConfiguration: {DestinationBucketName: <log bucket>, LogFilePrefix: <bucket>/}. The log bucket sets AccessControl: LogDeliveryWrite with OwnershipControls ObjectWriter.',
  cdkHint:
    "serverAccessLogsBucket: logBucket, serverAccessLogsPrefix: 'my-bucket/' on s3.Bucket; the log bucket: accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE, objectOwnership: s3.ObjectOwnership.OBJECT_WRITER",
  check({ resource }) {
    return evaluate(resource);
  },
});
