import { encryptionRules, isLogDeliveryTarget } from '../../predicates/bucket';
import { defineControl, type FactView, type Finding, type ResourceView } from '../types';

function evaluate(v: ResourceView, facts?: FactView): Finding[] {
  const logTarget = isLogDeliveryTarget(v.str('AccessControl'));
  const rules = encryptionRules(v, facts);
  if (rules.length === 0) {
    return [{ path: 'BucketEncryption', message: 'BucketEncryption is missing: the bucket gets SSE-S3 (AES256), not a customer-managed KMS key' }];
  }
  const findings: Finding[] = [];
  for (const { byDefault, encryption: e } of rules) {
    const base = byDefault.path;
    const algPath = byDefault.pathOf('SSEAlgorithm');
    const keyPath = byDefault.pathOf('KMSMasterKeyID');
    if (e.kind === 'none') findings.push({ path: base, message: `${base} is missing: no default encryption algorithm is set` });
    else if (e.kind === 'kms' && e.key.kind === 'missing') findings.push({ path: keyPath, message: `${keyPath} is missing: ${e.algorithm} without a key uses the AWS-managed key aws/s3` });
    else if (e.kind === 'kms' && e.key.kind === 'aws-managed') findings.push({ path: keyPath, message: `${keyPath} is the AWS-managed key ${e.key.alias}, not a customer-managed key` });
    else if (e.kind === 'sse-s3' && !logTarget) findings.push({ path: algPath, message: `${algPath} is AES256 (SSE-S3); use aws:kms with a customer-managed key` });
    else if (e.kind === 'other') findings.push({ path: algPath, message: `${algPath} is ${e.algorithm === undefined ? 'missing' : 'not aws:kms or aws:kms:dsse'}` });
  }
  return findings;
}

export const s3BucketKmsEncryption = defineControl({
  id: 'CICD.S3.1',
  slug: 's3-bucket-kms-encryption',
  title: 'S3 buckets encrypt by default with a customer-managed KMS key',
  resourceTypes: ['AWS::S3::Bucket'],
  severity: 'HIGH',
  risks: ['CICD-SEC-9', 'CICD-SEC-7'],
  requirement: 'Everything encrypted with KMS customer-managed keys (enterprise CI/CD guidance): pipeline artifacts, caches and logs at rest.',
  rationale:
    'Artifacts decide what is deployed. With SSE-S3 (AES256) or the AWS-managed key aws/s3, anyone with s3:GetObject can read them and no key policy separates the pipeline from the rest of the account; a customer-managed key adds a second, auditable permission and can be revoked. A bucket without BucketEncryption falls back to SSE-S3, so an absent block fails. Exception: a server-access-log target bucket (recognised structurally by AccessControl LogDeliveryWrite, never by its name — bypass B-09) may use SSE-S3, because the AWS documentation supports only SSE-S3 default encryption on log-delivery target buckets (SSE-KMS works only with a customer-managed key whose policy admits logging.s3.amazonaws.com); a log bucket that uses aws:kms still needs a customer-managed key.',
  remediation:
    'Set BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault to {SSEAlgorithm: aws:kms, KMSMasterKeyID: <ARN of a customer-managed key with rotation>}. Server-access-log buckets (AccessControl: LogDeliveryWrite) may use SSEAlgorithm AES256.',
  cdkHint: "encryption: s3.BucketEncryption.KMS, encryptionKey: new kms.Key(this, 'Key', { enableKeyRotation: true })",
  check({ resource, facts }) {
    return evaluate(resource, facts);
  },
});
