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
  parameters: ['AllowedOidcProviderUrls'],
  check({ resource, previous, settings }) {
    const url = resource.str('Url');
    const allowed = (u: string | undefined) => u !== undefined && matchesAny(settings.AllowedOidcProviderUrls.map(normalise), normalise(u), { caseInsensitive: true });
    if (allowed(url)) return [];
    if (url === undefined && resource.has('Url')) return [{ path: 'Url', message: 'Url is not a string' }];
    const weakened = previous !== undefined && allowed(previous.str('Url'));
    const message = url === undefined ? 'Url is missing' : `Url ${normalise(url)} is not in AllowedOidcProviderUrls${weakened ? ' (changed by this update)' : ''}`;
    return [{ path: 'Url', message, weakened }];
  },
});
