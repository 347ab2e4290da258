import { allows, evaluateStatements, isPinnedSubject, onlyWildcards, trustPolicy, webIdentityProvider } from '../../predicates/iam';
import { globMatch } from '../../predicates/glob';
import { type Statement } from '../../predicates/policy';
import { isIntrinsic, isRecord } from '../../predicates/values';
import { defineControl, type ResourceView } from '../types';

/** Operators that pin a value: StringEquals / StringLike (also IgnoreCase, and ForAnyValue: for multi-valued claims). */
const PINNING_OPERATOR = /^(foranyvalue:)?string(equals|like)(ignorecase)?$/i;

interface ClaimValues {
  values: string[];
  unresolved: boolean;
}

/** Values of condition keys matching `match` under pinning operators. */
function claimValues(st: Statement, match: (key: string) => boolean): ClaimValues {
  const out: ClaimValues = { values: [], unresolved: false };
  for (const [op, block] of Object.entries(st.condition ?? {})) {
    if (!PINNING_OPERATOR.test(op) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      if (!match(k.toLowerCase())) continue;
      for (const x of Array.isArray(v) ? v : [v]) {
        if (typeof x === 'string') out.values.push(x);
        else if (isIntrinsic(x)) out.unresolved = true;
        else out.values.push(''); // a number/object where a claim value belongs pins nothing
      }
    }
  }
  return out;
}

/**
 * A Cognito identity pool's amr claim pins nothing when it admits guests: `unauthenticated` (or a pattern that
 * matches it) gives credentials to anyone on the internet. `authenticated` (every identity signed in to the pool
 * named in aud) and a login provider (`cognito-idp.<region>.amazonaws.com/<pool>:…`) pin.
 */
function looseAmr(v: string): boolean {
  const t = v.trim().toLowerCase();
  return t === '' || onlyWildcards(t) || globMatch(t, 'unauthenticated', { caseInsensitive: true });
}

function isWebIdentity(st: Statement): { web: boolean; providers: string[] } {
  const federated = st.principals.filter((p) => p.toLowerCase().startsWith('federated:')).map((p) => p.slice('federated:'.length));
  const providers = federated.map(webIdentityProvider).filter((p): p is string => p !== undefined);
  const samlOnly = federated.length > 0 && providers.length === 0;
  // wildcard actions (sts:*) in trust policies are the business of CICD.IAM.8; here: a web-identity provider
  // as principal, or the explicit web-identity action with a principal that is not a SAML provider
  const web = providers.length > 0 || (!samlOnly && st.actions.includes('sts:assumerolewithwebidentity'));
  return { web, providers };
}

function findings(view: ResourceView) {
  const src = trustPolicy(view);
  return evaluateStatements(view, src ? [src] : [], (st, path) => {
    if (!allows(st)) return undefined;
    const { web, providers } = isWebIdentity(st);
    if (!web) return undefined;
    const out: string[] = [];
    const hosts = providers.length > 0 ? providers : [undefined];
    for (const host of hosts) {
      const name = (claim: string) => (host ? `${host}:${claim}` : `<provider>:${claim}`);
      const keyMatch = (claim: string) => (k: string) => (host ? k === `${host}:${claim}` : k.endsWith(`:${claim}`));
      const subjectClaim = host === 'cognito-identity.amazonaws.com' ? 'amr' : 'sub';
      for (const claim of ['aud', subjectClaim]) {
        const c = claimValues(st, keyMatch(claim));
        if (c.unresolved) {
          view.unknown(`${path}.Condition`, `the ${name(claim)} condition is not resolvable from the template`);
          out.push(`Condition ${name(claim)} cannot be checked (unresolved value)`);
          continue;
        }
        if (c.values.length === 0) {
          out.push(`does not pin ${name(claim)} with StringEquals/StringLike (any token from the provider could assume the role)`);
          continue;
        }
        const loose = claim === 'sub' ? c.values.filter((v) => !isPinnedSubject(v)) : claim === 'amr' ? c.values.filter(looseAmr) : c.values.filter((v) => v.trim() === '' || (claim === 'aud' ? /[*?]/.test(v) : onlyWildcards(v)));
        if (loose.length > 0) {
          const more = loose.length > 3 ? ` and ${loose.length - 3} more` : '';
          out.push(`pins ${name(claim)} too loosely (${loose.slice(0, 3).map((v) => JSON.stringify(v)).join(', ')}${more}): name the organisation and repository`);
        }
      }
    }
    return out;
  });
}

export const iamWebIdentityTrustPinned = defineControl({
  id: 'CICD.IAM.9',
  slug: 'iam-web-identity-trust-pinned',
  title: 'Web-identity (OIDC) trust policies pin the token audience and subject to specific values',
  resourceTypes: ['AWS::IAM::Role'],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-6'],
  requirement: 'Short-lived credentials via federation: only the intended repository and branch can obtain pipeline credentials.',
  rationale:
    'A role trusting an OIDC provider (sts:AssumeRoleWithWebIdentity, Federated principal) without conditions on <provider>:aud and <provider>:sub can be assumed by a workflow in ANY repository that uses the same provider: for token.actions.githubusercontent.com that is every GitHub repository in the world. Values such as "*" or "repo:*" pin nothing; "repo:org/*" pins the organisation. Only StringEquals/StringLike (also IgnoreCase, ForAnyValue:) count: negated operators and ForAllValues: do not. For Cognito identity pools the subject claim is amr; "unauthenticated" (or a pattern matching it) admits guest identities, that is anyone on the internet, and fails.',
  remediation:
    'Add "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"}} (or an environment: repo:my-org/my-repo:environment:prod).',
  cdkHint:
    "assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:ref:refs/heads/main' } })",
  check({ resource }) {
    return findings(resource);
  },
});
