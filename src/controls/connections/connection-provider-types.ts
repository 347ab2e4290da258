import { matchesAny } from '../../predicates/glob';
import { looksLikeSecretValue } from '../../predicates/secret';
import { defineControl } from '../types';

const TYPES = ['AWS::CodeStarConnections::Connection', 'AWS::CodeConnections::Connection'] as const;

export const connectionProviderTypes = defineControl({
  id: 'CICD.CONNECTIONS.1',
  slug: 'connection-provider-types',
  title: 'Source connections use only approved provider types',
  resourceTypes: TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-8'],
  requirement: 'Ungoverned usage of third-party services (OWASP CICD-SEC-8): pipelines pull source only from the code hosting providers the platform has approved.',
  rationale:
    'A connection is the trust link between a third-party code host and the pipelines: whatever the connected account can push becomes pipeline input. Connections to providers the organisation does not manage move the source of truth (and its branch protection and reviews) outside its governance.',
  remediation:
    'Set ProviderType to an approved provider (default: GitHub, GitHubEnterpriseServer, GitLab, GitLabSelfManaged, Bitbucket), or use HostArn for a self-managed host. The platform team changes the list through AllowedConnectionProviderTypes.',
  parameters: ['AllowedConnectionProviderTypes'],
  check({ resource, settings }) {
    const allowed = settings.AllowedConnectionProviderTypes;
    const ok = (v: string | undefined) => v !== undefined && v.trim() !== '' && matchesAny(allowed, v.trim(), { caseInsensitive: true });
    const type = resource.str('ProviderType');
    if (type === undefined || type.trim() === '') {
      // A connection to a self-managed host names the host instead; its provider is the host's (checked by CICD.CONNECTIONS.2).
      if (resource.has('HostArn')) return [];
      return [{ path: 'ProviderType', message: 'ProviderType is not set and there is no HostArn, so the provider cannot be checked' }];
    }
    if (ok(type)) return [];
    const shown = /^[A-Za-z0-9_-]{1,64}$/.test(type.trim()) && !looksLikeSecretValue(type.trim()) ? type.trim() : '(an unrecognised value)';
    return [{ path: 'ProviderType', message: `ProviderType ${shown} is not in AllowedConnectionProviderTypes` }];
  },
});
