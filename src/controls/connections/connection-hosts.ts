import { matchesAny } from '../../predicates/glob';
import { defineControl } from '../types';

const TYPES = ['AWS::CodeStarConnections::Connection', 'AWS::CodeConnections::Connection'] as const;

/** The ARN of a CodeConnections / CodeStar Connections host: arn:<partition>:<service>:<region>:<account>:host/<id>. */
const HOST_ARN = /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:(\d{12}):host\/[A-Za-z0-9._/-]+$/;

export const connectionHosts = defineControl({
  id: 'CICD.CONNECTIONS.2',
  slug: 'connection-hosts',
  title: 'Source connections to self-managed hosts use only approved hosts',
  resourceTypes: TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-8'],
  requirement: 'Ungoverned usage of third-party services (OWASP CICD-SEC-8): self-managed code hosts (GitHub Enterprise Server, GitLab self-managed) that feed pipelines are approved by the platform.',
  rationale:
    'A connection with a HostArn trusts whatever server that host resource points at. A developer-created host for an unmanaged or personal GitHub Enterprise / GitLab instance would feed pipelines from source outside the organisation\'s reviews and branch protection.',
  remediation:
    'Use a HostArn from AllowedConnectionHostArns (ask the platform team for the approved host ARNs), or connect to an approved cloud provider with ProviderType instead. When AllowedConnectionHostArns is empty, any host ARN of this account is accepted.',
  parameters: ['AllowedConnectionHostArns'],
  check({ resource, settings, accountId }) {
    const host = resource.str('HostArn');
    if (host === undefined || host.trim() === '') return [];
    const allowed = settings.AllowedConnectionHostArns;
    const ok = (arn: string | undefined): boolean => {
      if (arn === undefined || arn.trim() === '') return true;
      const m = HOST_ARN.exec(arn.trim());
      if (!m) return false;
      return allowed.length > 0 ? matchesAny(allowed, arn.trim()) : m[2] === accountId;
    };
    if (ok(host)) return [];
    const m = HOST_ARN.exec(host.trim());
    const why = !m
      ? 'is not a connection host ARN'
      : allowed.length > 0
        ? 'is not in AllowedConnectionHostArns'
        : `is a host in another account (${m[2]})`;
    return [{ path: 'HostArn', message: `HostArn ${why}` }];
  },
});
