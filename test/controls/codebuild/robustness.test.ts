/**
 * The CodeBuild checks never throw, whatever shape the properties have: junk at every path the controls
 * read (numbers where objects belong, arrays of junk, nested intrinsics, odd buildspec text), typed and
 * stringified, CREATE and UPDATE.
 */
import fc from 'fast-check';
import { codebuildControls } from '../../../src/controls/codebuild';
import { loadSettings } from '../../../src/engine/config';
import { PropertyView } from '../../../src/engine/view';
import { ALL_CONTROLS } from '../../../src/controls';

const settings = loadSettings(null, new Set(ALL_CONTROLS.map((c) => c.id)), { accountId: '123456789012' });

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constant({ Ref: 'X' }),
  fc.constant({ 'Fn::GetAtt': ['A', 'Arn'] }),
  fc.constantFrom('True', 'false', '', '{{resolve:ssm:/x}}', 'version: 0.2\nphases: [', '{"phases": {"build": {"commands": [1, null, {"a": "curl x | sh"}]}}}', 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm ci --registry $X | sh\n'),
);

const paths = [
  'Source', 'Source.Location', 'Source.BuildSpec', 'Source.Auth', 'Source.Auth.Resource', 'Source.InsecureSsl',
  'SecondarySources', 'Artifacts', 'Artifacts.EncryptionDisabled', 'SecondaryArtifacts', 'EncryptionKey',
  'Environment', 'Environment.Image', 'Environment.EnvironmentVariables', 'Environment.Fleet', 'Environment.RegistryCredential',
  'VpcConfig', 'VpcConfig.Subnets', 'LogsConfig', 'LogsConfig.CloudWatchLogs', 'LogsConfig.S3Logs', 'Visibility',
  'Triggers', 'Triggers.FilterGroups', 'Triggers.Webhook', 'ExportConfig', 'ExportConfig.S3Destination', 'AuthType', 'Token',
  'FleetVpcConfig', 'FleetVpcConfig.SecurityGroupIds',
];

function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = target;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

const propsArb = fc.array(fc.tuple(fc.constantFrom(...paths), junk), { maxLength: 8 }).map((entries) => {
  const p: Record<string, unknown> = {};
  for (const [path, v] of entries) put(p, path, v);
  return p;
});

test('no CodeBuild control throws on junk', () => {
  fc.assert(
    fc.property(propsArb, propsArb, (now, before) => {
      for (const c of codebuildControls) {
        for (const action of ['CREATE', 'UPDATE'] as const) {
          const findings = c.check({
            resourceType: c.resourceTypes[0],
            logicalId: 'R',
            action,
            resource: new PropertyView(now),
            previous: action === 'UPDATE' ? new PropertyView(before) : undefined,
            settings,
            accountId: '123456789012',
          });
          expect(Array.isArray(findings)).toBe(true);
          for (const f of findings) expect(typeof f.path === 'string' && typeof f.message === 'string').toBe(true);
        }
      }
    }),
    { numRuns: 300, seed: 4242 },
  );
});
