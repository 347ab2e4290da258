import { PropertyView } from '../../predicates/view';
import { isIntrinsic } from '../../predicates/values';
import { connectionHosts } from '../connections/connection-hosts';
import { connectionProviderTypes } from '../connections/connection-provider-types';
import { defineStackControl, type Finding, type StackCheckInput, type StackResourceView } from '../types';
import { describeUses, judgeWith, type Use } from './judge-with';
import { followAt } from './relations';

const CONNECTIONS = ['AWS::CodeStarConnections::Connection', 'AWS::CodeConnections::Connection'];
const HOSTS = ['AWS::CodeStarConnections::Host', 'AWS::CodeConnections::Host'];

/**
 * Is a host this stack creates one that AllowedConnectionHostArns admits? Its ARN is known only after it is
 * created (`host/<Name>-<generated ID>`), so CICD.CONNECTIONS.2's check is run on the ARN it will have, once
 * per allow-list entry, in that entry's partition and region (the stack's region is not part of the template;
 * the RESOURCE-level CICD.CONNECTIONS.2 judges the real ARN): only an entry that is a pattern for new hosts of
 * this account (`arn:aws:codeconnections:eu-west-1:111122223333:host/*`) can admit it. With an empty list,
 * any host of this account is admitted, as CICD.CONNECTIONS.2 says.
 */
function hostApproval(host: StackResourceView, input: StackCheckInput): Finding[] {
  const service = host.type.startsWith('AWS::CodeConnections::') ? 'codeconnections' : 'codestar-connections';
  const rawName = host.view.get('Name');
  const name = typeof rawName === 'string' && /^[A-Za-z0-9._-]+$/.test(rawName) ? rawName : host.logicalId;
  const fields = (entry: string): { partition: string; region: string } => {
    const [, partition, , region] = entry.split(':');
    const literal = (v: string | undefined): v is string => v !== undefined && v !== '' && !/[*?]/.test(v);
    return { partition: literal(partition) ? partition : 'aws', region: literal(region) ? region : 'us-east-1' };
  };
  // an empty list admits any host of this account, and the stack creates its hosts in this account
  for (const entry of input.settings.AllowedConnectionHostArns) {
    const { partition, region } = fields(entry);
    const arn = `arn:${partition}:${service}:${region}:${input.accountId}:host/${name}-0a1b2c3d`;
    const found = connectionHosts.check({
      resourceType: CONNECTIONS[0],
      logicalId: host.logicalId,
      action: input.action,
      resource: new PropertyView({ HostArn: arn }),
      settings: input.settings,
      accountId: input.accountId,
    });
    if (found.length === 0) return [];
  }
  if (input.settings.AllowedConnectionHostArns.length === 0) return [];
  return [
    {
      logicalId: host.logicalId,
      path: '',
      message: `${connectionHosts.id}: the host is created by this stack, so its ARN is not one of AllowedConnectionHostArns (the platform-approved hosts)`,
    },
  ];
}

/** The host's ProviderEndpoint is an https URL (source code and the provider's credentials travel over it). */
function endpointFindings(host: StackResourceView): Finding[] {
  const raw = host.view.get('ProviderEndpoint');
  if (isIntrinsic(raw)) {
    host.view.str('ProviderEndpoint'); // records UNKNOWN
    return [];
  }
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return [{ logicalId: host.logicalId, path: 'ProviderEndpoint', message: 'ProviderEndpoint is missing: the server the host connects to cannot be judged' }];
  let protocol: string | undefined;
  try {
    protocol = new URL(text).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'https:') return [];
  return [
    {
      logicalId: host.logicalId,
      path: 'ProviderEndpoint',
      message: protocol === undefined ? 'ProviderEndpoint is not a URL' : `ProviderEndpoint uses ${protocol.replace(/:$/, '')}, not https: source and the provider's credentials would travel unencrypted`,
    },
  ];
}

export const stackConnectionHosts = defineStackControl({
  id: 'CICD.STACK.8',
  slug: 'stack-connection-hosts',
  title: 'The hosts of the stack that source connections point to use an approved provider type, an https endpoint and, when the platform lists approved hosts, are among them',
  resourceTypes: [...CONNECTIONS, ...HOSTS],
  severity: 'HIGH',
  risks: ['CICD-SEC-8', 'CICD-SEC-4'],
  requirement: 'Ungoverned usage of third-party services (OWASP CICD-SEC-8): self-managed code hosts that feed pipelines are approved by the platform and reached over TLS.',
  rationale:
    'A connection with a HostArn trusts whatever server its host resource points at. CICD.CONNECTIONS.1 leaves the provider of such a connection to the host, and CICD.CONNECTIONS.2 sees only the host ARN, so a host created in the same stack — for an unmanaged GitHub Enterprise Server or GitLab instance — passes both. At stack level every connection\'s HostArn is followed through the template (Ref, Fn::GetAtt HostArn, Fn::Sub, each branch of an Fn::If) to the AWS::CodeStarConnections::Host (or AWS::CodeConnections::Host) of the stack, which must have a ProviderType that CICD.CONNECTIONS.1 accepts (AllowedConnectionProviderTypes), a ProviderEndpoint with https, and — when AllowedConnectionHostArns is set — be admitted by it as CICD.CONNECTIONS.2 judges it: a host this stack creates gets a new ARN, so only a pattern for new hosts of the account admits it. A HostArn the template does not decide (a parameter, an import) is UNKNOWN; a literal host ARN is judged by CICD.CONNECTIONS.2.',
  remediation:
    'Point HostArn at a platform-approved host (a literal ARN from AllowedConnectionHostArns) instead of creating a host in the stack, or give the host an approved ProviderType and an https ProviderEndpoint and ask the platform team to approve it.',
  parameters: ['AllowedConnectionProviderTypes', 'AllowedConnectionHostArns'],
  checkStack(input) {
    const { stack } = input;
    const hosts = new Map<string, { host: StackResourceView; uses: Use[] }>();
    for (const type of CONNECTIONS) {
      for (const connection of stack.resources(type)) {
        for (const rel of followAt(stack, connection, 'HostArn', HOSTS)) {
          if (rel.kind === 'unresolved') stack.unknown(connection.logicalId, 'HostArn', 'the host is decided only at deployment: whether it is approved cannot be seen');
          if (rel.kind !== 'resource') continue; // absent: a cloud provider (CICD.CONNECTIONS.1); external: CICD.CONNECTIONS.2
          const entry = hosts.get(rel.resource.logicalId);
          if (entry) entry.uses.push({ by: connection.logicalId, path: 'HostArn' });
          else hosts.set(rel.resource.logicalId, { host: rel.resource, uses: [{ by: connection.logicalId, path: 'HostArn' }] });
        }
      }
    }
    const findings: Finding[] = [];
    for (const { host, uses } of hosts.values()) {
      const subject = `the host of ${describeUses(uses)}`;
      findings.push(...judgeWith([connectionProviderTypes], host, input, subject, { asType: CONNECTIONS[0] }));
      for (const f of [...hostApproval(host, input), ...endpointFindings(host)]) findings.push({ ...f, message: `${subject}: ${f.message}` });
    }
    return findings;
  },
});
