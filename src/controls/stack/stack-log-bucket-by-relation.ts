import { isLogDeliveryTarget } from '../../predicates/bucket';
import { parsePolicy } from '../../predicates/policy';
import { defineStackControl, type Finding, type StackResourceView, type StackView } from '../types';
import { referrersAt } from './relations';

const BUCKET = 'AWS::S3::Bucket';
const POLICY = 'AWS::S3::BucketPolicy';
const LOGGING_SERVICE = 'Service:logging.s3.amazonaws.com';

/** Another bucket of the stack sends its server access logs here (LoggingConfiguration.DestinationBucketName). */
function loggedToBy(stack: StackView, bucket: StackResourceView): StackResourceView[] {
  return referrersAt(stack, bucket, BUCKET, 'LoggingConfiguration.DestinationBucketName', 'BucketName');
}

/** A bucket policy of the stack for this bucket allows the S3 logging service principal. */
function grantsLogDelivery(stack: StackView, bucket: StackResourceView): boolean {
  for (const policy of referrersAt(stack, bucket, POLICY, 'Bucket', 'BucketName')) {
    const doc = policy.view.get('PolicyDocument');
    const parsed = parsePolicy(doc);
    if (parsed.error) continue;
    if (parsed.statements.some((st) => st.effect === 'Allow' && !st.notPrincipal && st.principals.some((p) => p.toLowerCase() === LOGGING_SERVICE.toLowerCase()))) return true;
  }
  return false;
}

export const stackLogBucketByRelation = defineStackControl({
  id: 'CICD.STACK.2',
  slug: 'stack-log-bucket-by-relation',
  title: 'A bucket counts as a log bucket only when the stack makes it one, never by its own AccessControl LogDeliveryWrite',
  resourceTypes: [BUCKET, POLICY],
  severity: 'MEDIUM',
  risks: ['CICD-SEC-7', 'CICD-SEC-10'],
  requirement: 'Harden the pipeline like a production system (SEC11-BP07): artifact storage is encrypted with a customer-managed key and access-logged, with no self-declared exceptions.',
  rationale:
    'The resource-level S3 controls (CMK encryption, access logging) exempt a server-access-log bucket, recognised by AccessControl LogDeliveryWrite. Any bucket can set that ACL on itself and so escape both controls while holding artifacts. At stack level the exemption is earned only by a relation the stack writes: another bucket\'s LoggingConfiguration.DestinationBucketName refers to it (Ref or its literal BucketName), or a bucket policy of the stack grants the S3 logging service (logging.s3.amazonaws.com). A bucket that sets LogDeliveryWrite without either fails.',
  remediation:
    'Remove AccessControl: LogDeliveryWrite from buckets that do not receive server access logs (and give them a customer-managed key and access logging), or point the logged bucket\'s LoggingConfiguration.DestinationBucketName at this bucket in the same stack.',
  checkStack({ stack }) {
    const findings: Finding[] = [];
    for (const bucket of stack.resources(BUCKET)) {
      if (!isLogDeliveryTarget(bucket.view.str('AccessControl'))) continue;
      if (loggedToBy(stack, bucket).length > 0 || grantsLogDelivery(stack, bucket)) continue;
      findings.push({
        logicalId: bucket.logicalId,
        path: 'AccessControl',
        message: `AccessControl is LogDeliveryWrite LogDeliveryWrite, but no bucket in the stack logs to it (LoggingConfiguration.DestinationBucketName) and no bucket policy grants logging.s3.amazonaws.com: it is not a log bucket and gets no log-bucket exception`,
      });
    }
    return findings;
  },
});
