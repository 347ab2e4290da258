import { allows, evaluateStatements, fullServiceGrants, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st) || st.notAction) return undefined;
    const g = fullServiceGrants(st);
    if (!g.all && g.services.length === 0) return undefined;
    const what = g.all
      ? 'every action of every service'
      : `every action of ${g.services.slice(0, 4).join(', ')}${g.services.length > 4 ? ` and ${g.services.length - 4} more services` : ''}`;
    return `allows the full-service wildcard${g.patterns.length > 1 ? 's' : ''} ${g.patterns.join(', ')} (Action): ${what}`;
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
    'A service wildcard (iam:*, s3:*, kms:*) grants every present and future action of the service, including the destructive and permission-changing ones (s3:PutBucketPolicy, kms:ScheduleKeyDeletion, iam:*). Patterns are judged by what they match in the IAM action catalogue: `*` and `?` anywhere, any letter case, including the service prefix (IAM:*, s3:**, s3:?*, s?:* — every service of two letters starting with s — and *:* all count), and several patterns that together match every action of a service (s3:A* … s3:W*) count as one. Partial wildcards such as s3:GetObject* are accepted here (CDK grants use them) and judged by the privilege-escalation control instead; a pattern that matches no action of the catalogue (an unknown service) grants nothing.',
  remediation:
    'List the actions the step needs (e.g. s3:GetObject, s3:PutObject instead of s3:*).',
  cdkHint: 'grant methods (bucket.grantReadWrite(role), key.grantDecrypt(role)), which emit scoped action lists',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
