import { allows, evaluateStatements, fullServiceWildcards, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st) || st.notAction) return undefined;
    const all = st.actions.filter((a) => a === '*' || a === '*:*');
    const services = fullServiceWildcards(st);
    const hits = [...all, ...services];
    if (hits.length === 0) return undefined;
    return `allows the full-service wildcard${hits.length > 1 ? 's' : ''} ${hits.join(', ')} (Action)`;
  });
}

export const iamNoServiceWildcards = defineControl({
  id: 'CICD.IAM.3',
  slug: 'iam-no-service-wildcards',
  title: 'IAM policies allow no full-service wildcard actions (*, iam:*, s3:*, kms:*, ...)',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: actions are listed, not granted service by service.',
  rationale:
    'A service wildcard (iam:*, s3:*, kms:*) grants every present and future action of the service, including the destructive and permission-changing ones (s3:PutBucketPolicy, kms:ScheduleKeyDeletion, iam:*). Action names compare without regard to letter case (IAM:* is iam:*); partial wildcards such as s3:GetObject* are accepted here (CDK grants use them) and judged by the privilege-escalation control instead.',
  remediation:
    'List the actions the step needs (e.g. s3:GetObject, s3:PutObject instead of s3:*); in CDK use the grant methods (bucket.grantReadWrite(role), key.grantDecrypt(role)) which emit scoped action lists.',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
