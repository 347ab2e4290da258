import { logDeliveryDenials } from '../../predicates/log-delivery';
import { protectedMatch } from '../../predicates/protected-names';
import { isDynamicReference, isIntrinsic } from '../../predicates/values';
import { defineControl, type Finding } from '../types';

const TYPE = 'AWS::S3::BucketPolicy';

export const protectedBucketPolicyLogDelivery = defineControl({
  id: 'CICD.PROTECT.3',
  slug: 'protected-bucket-policy-log-delivery',
  ignoresScope: true,
  title: 'Policies of protected buckets do not deny log delivery and stay on their bucket',
  resourceTypes: [TYPE],
  severity: 'HIGH',
  risks: ['CICD-SEC-10'],
  requirement: 'Audit and logging resources cannot be deleted or weakened (G-08): the services that write audit evidence into a protected bucket keep writing.',
  rationale:
    'A Deny wins over every Allow, so one bucket-policy statement silently stops S3 server access logs (logging.s3.amazonaws.com), CloudTrail (cloudtrail.amazonaws.com), vended logs (delivery.logs.amazonaws.com) and CloudWatch Logs exports (logs[.<region>].amazonaws.com) from reaching the bucket while the bucket, its trail and its log groups stay in place. For a policy whose Bucket matches ProtectedResourceNames (or, on an update, whose deployed Bucket did), every statement is read through the policy normaliser: a Deny (or an Effect that cannot be read) that applies to a log-delivery service (Principal "*", a wildcard account, the service, or a NotPrincipal that does not name it) and covers s3:PutObject or s3:GetBucketAcl fails, unless one of its condition entries never matches the services\' own delivery: aws:SecureTransport false, s3:TlsVersion below 1.2, or a negated aws:SourceAccount / aws:SourceArn naming the account the change is made in. Moving the policy to another bucket (Bucket changes) deletes the protected bucket\'s policy and fails too. Limits: a statement\'s Resource is not narrowed (a Deny on part of the bucket is judged as if it covered the log prefix); only an explicit bucket name can be matched.',
  remediation:
    'Keep the Deny statements of a protected bucket away from its log-delivery services: scope them with aws:SecureTransport false, or exclude the services (a NotPrincipal naming them, or StringNotEquals aws:SourceAccount with your account); leave the policy on its bucket. Changes to protected buckets are made by the platform team.',
  parameters: ['ProtectedResourceNames'],
  check({ resource, previous, settings, accountId }) {
    const patterns = settings.ProtectedResourceNames;
    const findings: Finding[] = [];
    const before = previous ? protectedMatch(TYPE, previous.str('Bucket'), patterns) : undefined;
    const now = protectedMatch(TYPE, resource.str('Bucket'), patterns);
    if (before && (now === undefined || now.name !== before.name)) {
      findings.push({ path: 'Bucket', message: `Bucket changes, so the policy of the protected bucket "${before.name}" ("${before.pattern}" in ProtectedResourceNames) is deleted` });
    }
    const match = now ?? before;
    if (match === undefined) return findings;
    const doc = resource.get('PolicyDocument');
    if (isIntrinsic(doc) || isDynamicReference(doc)) {
      resource.unknown('PolicyDocument', 'the policy document is not resolvable from the template');
      return [...findings, { path: 'PolicyDocument', message: 'PolicyDocument is not resolvable, so whether it denies log delivery cannot be told' }];
    }
    if (doc === undefined || doc === null) return findings;
    const { denials, error } = logDeliveryDenials(doc, accountId);
    if (error) return [...findings, { path: 'PolicyDocument', message: `PolicyDocument: ${error}` }];
    for (const d of denials) {
      findings.push({
        path: `PolicyDocument.Statement[${d.index}]`,
        message: `PolicyDocument.Statement[${d.index}] denies log delivery by ${d.services.join(', ')} to the protected bucket "${match.name}" ("${match.pattern}" in ProtectedResourceNames)`,
      });
    }
    return findings;
  },
});
