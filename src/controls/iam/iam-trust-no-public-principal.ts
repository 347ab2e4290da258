import { allows, evaluateStatements, hasNarrowingCondition, trustPolicy } from '../../predicates/iam';
import { CALLER_SCOPING_KEYS, isAnyPrincipal, type Statement } from '../../predicates/policy';
import { rawStatements, unresolvedPrincipalPaths } from '../../predicates/resource-policy';
import { defineControl, type ResourceView } from '../types';

/** `*`, `{"AWS":"*"}`, `{"AWS":["*"]}`, or any principal identifier containing a wildcard (`arn:aws:iam::*:root`). */
function wildcardPrincipal(st: Statement): boolean {
  return isAnyPrincipal(st) || st.principals.some((p) => p.includes('*'));
}

function findings(view: ResourceView) {
  const src = trustPolicy(view);
  return evaluateStatements(view, src ? [src] : [], (st, path) => {
    if (!allows(st)) return undefined;
    if (st.notPrincipal) return 'uses Allow with NotPrincipal, which trusts everyone except the listed principals';
    // a principal the template does not resolve ({Ref: P}, {"AWS": {Ref: Q}}, an intrinsic in a list) may be anyone
    const unresolved = !wildcardPrincipal(st) && st.unresolved.includes('Principal');
    if (!wildcardPrincipal(st) && !unresolved) return undefined;
    if (hasNarrowingCondition(st, CALLER_SCOPING_KEYS)) return undefined;
    if (unresolved) {
      const paths = unresolvedPrincipalPaths(rawStatements(view.get('AssumeRolePolicyDocument'))[st.index]);
      for (const p of paths.length > 0 ? paths : ['Principal']) view.unknown(`${path}.${p}`, 'a principal is not resolvable from the template (it may be any account)');
      return 'may trust a principal the template does not resolve (it may be any account) without a condition that limits the caller';
    }
    return 'trusts any principal (*) without a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn or aws:SourceAccount';
  });
}

export const iamTrustNoPublicPrincipal = defineControl({
  id: 'CICD.IAM.7',
  slug: 'iam-trust-no-public-principal',
  title: 'Role trust policies do not trust any principal (*) or use NotPrincipal',
  resourceTypes: ['AWS::IAM::Role'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: only the pipeline service or named accounts can assume a pipeline role.',
  rationale:
    'A trust policy with Principal "*", {"AWS": "*"} or {"AWS": ["*"]} lets any AWS account in the world assume the role; Allow with NotPrincipal trusts everyone but the listed principals. Every statement is evaluated (a leading Deny does not hide a later Allow). A wildcard principal is accepted only with a positive condition on the caller\'s organisation, account or ARN.',
  remediation:
    'Set Principal to the service ({"Service": "codebuild.amazonaws.com"}) or the specific account/role ARN that assumes the role; if many accounts must assume it, keep "*" only with "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-..."}}.',
  cdkHint: "new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') })",
  check({ resource }) {
    return findings(resource);
  },
});
