import { allows, evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const out: string[] = [];
    if (st.notAction) out.push('uses Allow with NotAction, which grants every action not listed');
    if (st.notResource) out.push('uses Allow with NotResource, which grants on every resource not listed');
    return out;
  });
}

export const iamNoAllowNotAction = defineControl({
  id: 'CICD.IAM.6',
  slug: 'iam-no-allow-not-action',
  title: 'IAM policies use no Allow with NotAction or NotResource',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: grants are allow-lists, not deny-lists.',
  rationale:
    'Allow with NotAction grants every action except the listed ones, including every action AWS adds later; Allow with NotResource grants on every resource except a few. Both are routinely broader than intended and are used to slip past checks that only look for Action "*". NotAction/NotResource in Deny statements are fine (they are how guard-rails are written).',
  remediation:
    'Rewrite the statement as Allow with an explicit Action list and Resource list; keep NotAction/NotResource only inside Deny statements.',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
