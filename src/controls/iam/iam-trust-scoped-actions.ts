import { allows, evaluateStatements, trustPolicy } from '../../predicates/iam';
import { defineControl, type ResourceView } from '../types';

/** What a trust policy may allow: the assume-role calls and the session extras that go with them. */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

function findings(view: ResourceView) {
  const src = trustPolicy(view);
  return evaluateStatements(view, src ? [src] : [], (st) => {
    if (!allows(st)) return undefined;
    if (st.notAction) return 'uses Allow with NotAction in a trust policy';
    const bad = st.actions.filter((a) => !TRUST_ACTIONS.has(a));
    if (bad.length === 0) return undefined;
    // every action counts in the message: an update that adds one more is a new finding for the engine
    const more = bad.length > 4 ? ` and ${bad.length - 4} more` : '';
    return `allows ${bad.slice(0, 4).join(', ')}${more} in a trust policy (only named sts:AssumeRole* actions belong there)`;
  });
}

export const iamTrustScopedActions = defineControl({
  id: 'CICD.IAM.8',
  slug: 'iam-trust-scoped-actions',
  title: 'Role trust policies allow only named sts:AssumeRole actions (no *, sts:*, NotAction)',
  resourceTypes: ['AWS::IAM::Role'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Short-lived credentials via federation: a trust policy states exactly how the role may be assumed.',
  rationale:
    'A trust policy with Action "*", "sts:*", a wildcard such as sts:AssumeRole* or Allow with NotAction lets the trusted principal assume the role through every mechanism at once (plain, web identity and SAML), so a trust written for one path silently opens the others. Action names compare without regard to letter case.',
  remediation:
    'List the exact actions: "sts:AssumeRole" for services and accounts, "sts:AssumeRoleWithWebIdentity" for OIDC federation, plus "sts:TagSession" where session tags are needed.',
  cdkHint: 'assumedBy: new iam.ServicePrincipal(...) or new iam.WebIdentityPrincipal(...) emits exactly these actions',
  check({ resource }) {
    return findings(resource);
  },
});
