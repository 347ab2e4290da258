import { matchesAny } from '../../predicates/glob';
import { defineControl } from '../types';

/** Trailing slashes do not change the issuer (`https://token.actions.githubusercontent.com/`); case is ignored by the match. */
function normalise(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export const iamOidcProviderAllowed = defineControl({
  id: 'CICD.IAM.15',
  slug: 'iam-oidc-provider-allowed',
  title: 'OIDC identity providers are on the platform allow-list',
  resourceTypes: ['AWS::IAM::OIDCProvider'],
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-6'],
  requirement: 'Short-lived credentials via federation: only approved CI identity providers may mint AWS credentials (G-10).',
  rationale:
    'An OIDC provider lets whoever controls its tokens assume every role that trusts it. A provider URL the platform has not approved (a self-hosted issuer, a typo-squatted domain, a generic provider) is a new way into the account. Url is matched against AllowedOidcProviderUrls (globs, letter case ignored, trailing slashes ignored); a missing Url fails.',
  remediation:
    'Use an approved issuer (default: Url: https://token.actions.githubusercontent.com) or ask the platform team to add the issuer to AllowedOidcProviderUrls in the hook configuration.',
  cdkHint:
    "new iam.OpenIdConnectProvider(this, 'GitHub', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] })",
  parameters: ['AllowedOidcProviderUrls'],
  check({ resource, settings }) {
    const url = resource.str('Url');
    if (url !== undefined && matchesAny(settings.AllowedOidcProviderUrls.map(normalise), normalise(url), { caseInsensitive: true })) return [];
    if (url === undefined && resource.has('Url')) return [{ path: 'Url', message: 'Url is not a string' }];
    return [{ path: 'Url', message: url === undefined ? 'Url is missing' : `Url ${normalise(url)} is not in AllowedOidcProviderUrls` }];
  },
});
