/**
 * `check --config`: the whole set-type-configuration document is validated at every level, every problem is
 * reported at once (exit 2), and the modes that change what a report means (HookInvocationStatus DISABLED,
 * FailureMode WARN) are named on stderr and in every report format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { FORMATS } from '../../src/cli/check/format';
import { REGISTRY } from '../../src/engine/registry';

const FIXTURE = join(__dirname, '..', 'fixtures', 'templates', 'build-project.yaml');
const PRIVILEGED = 'CICD.CODEBUILD.5';
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pg-config-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const outcome = await runCheckCommand(parseCheckArgs(args), { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutTty: false, stderrTty: false, env: {} });
  return { code: outcome.code, stdout, stderr };
}

function write(name: string, doc: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return file;
}

const hookConfiguration = (hc: Record<string, unknown>) => ({ CloudFormationConfiguration: { HookConfiguration: { TargetStacks: 'ALL', FailureMode: 'FAIL', ...hc } } });

describe('unknown keys at any level are errors', () => {
  it('a typo "Propertes" is exit 2 naming the path, not the defaults applied silently', async () => {
    const file = write('typo.json', hookConfiguration({ Propertes: { DisabledControls: [PRIVILEGED] } }));
    const r = await check(FIXTURE, '--config', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('property CloudFormationConfiguration.HookConfiguration.Propertes is not a known property (did you mean Properties?)');
  });

  it('unknown keys in CloudFormationConfiguration, the top level and TargetFilters; invalid modes', async () => {
    const doc = {
      CloudFormationConfiguration: {
        HookConfiguration: { FailureMode: 'warn', HookInvocationStatus: 'ENABLED', TargetFilters: { Actions: ['CREATE'], Action: ['UPDATE'] }, Properties: {} },
        Extra: 1,
      },
      Comment: 'x',
    };
    const r = await check(FIXTURE, '--config', write('levels.json', doc));
    expect(r.code).toBe(2);
    for (const p of ['property Comment is not a known property', 'property CloudFormationConfiguration.Extra is not a known property', 'property CloudFormationConfiguration.HookConfiguration.FailureMode must be one of FAIL, WARN', 'property CloudFormationConfiguration.HookConfiguration.TargetFilters.Action is not a known property (did you mean Actions?)']) {
      expect(r.stderr).toContain(p);
    }
  });

  it('every documented key is accepted', async () => {
    const doc = hookConfiguration({
      HookInvocationStatus: 'ENABLED',
      TargetOperations: ['RESOURCE', 'STACK'],
      EncryptionConfiguration: { KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc' },
      TargetFilters: { FilteringCriteria: 'ALL', StackNames: { Include: ['ci-*'], Exclude: ['sandbox'] }, StackRoles: { Include: ['arn:aws:iam::123456789012:role/cfn'] }, Targets: [{ TargetName: 'AWS::CodeBuild::Project', Action: 'CREATE', InvocationPoint: 'PRE_PROVISION' }] },
      Properties: { DisabledControls: [...REGISTRY.ids].filter((id) => id !== PRIVILEGED) },
    });
    const r = await check(FIXTURE, '--config', write('full.json', doc));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });
});

it('problems of the document and of its Properties are reported together, in one message', async () => {
  const doc = hookConfiguration({
    Propertes: {},
    Properties: { WarnOnlyControls: ['CICD.NOPE.1'], Exemptions: [{ ControlId: PRIVILEGED, StackName: '*', LogicalId: '*', Reason: 'short', ExpiresOn: '9999-12-31' }] },
  });
  const r = await check(FIXTURE, '--config', write('many.json', doc));
  expect(r.code).toBe(2);
  const line = r.stderr.trim();
  expect(line.split('\n')).toHaveLength(1);
  expect(line).toMatch(/^pipeline-guard: .*many\.json: invalid type configuration: property /);
  for (const p of ['CloudFormationConfiguration.HookConfiguration.Propertes', 'WarnOnlyControls[0] names an unknown control ID', 'Exemptions[0].Reason must be at least 10 characters', 'Exemptions[0].ExpiresOn of the exemption CICD.CODEBUILD.5 for */* is 9999-12-31, more than MaximumExemptionDays (365)']) {
    expect(line).toContain(p);
  }
});

it('a configuration file with a duplicate key is exit 2 (which value would the platform team get?)', async () => {
  const r = await check(FIXTURE, '--config', write('dup.json', '{"DisabledControls": [], "DisabledControls": ["CICD.CODEBUILD.5"]}'));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/dup\.json: is not valid JSON or YAML \(line 1: duplicate key "DisabledControls"/);
});

describe('DISABLED and WARN modes are named on stderr and in every report', () => {
  const only = { DisabledControls: [...REGISTRY.ids].filter((id) => id !== PRIVILEGED) };
  it.each(FORMATS)('%s', async (format) => {
    const file = write(`modes-${format}.json`, hookConfiguration({ HookInvocationStatus: 'DISABLED', FailureMode: 'WARN', Properties: only }));
    const r = await check(FIXTURE, '--config', file, '--format', format);
    expect(r.stderr).toMatch(/note: the configuration sets HookInvocationStatus DISABLED/);
    expect(r.stderr).toMatch(/note: the configuration sets FailureMode WARN/);
    expect(r.stdout).toContain('HookInvocationStatus DISABLED');
    expect(r.stdout).toContain('FailureMode WARN');
    // the verdict is what the hook answers: still a failure
    expect(r.code).toBe(1);
  });

  it('no note without those modes', async () => {
    const file = write('enabled.json', hookConfiguration({ HookInvocationStatus: 'ENABLED', Properties: only }));
    const r = await check(FIXTURE, '--config', file, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).not.toHaveProperty('notes');
  });
});
