/**
 * deploy/: the rollout kit. The example configuration is valid; each template passes the hook's own `check`
 * (with its parameters set to example values, so nothing is left UNKNOWN) under the default and under the example
 * configuration; the templates agree with the schema, the bundle, the log line the alarms count, and the names the
 * SCP protects. cfn-lint runs in .ci/run (it is a Python tool).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTemplateText } from '../../src/template/parse';
import { CONFIG_PARAMETER_ENV } from '../../src/protocol/lambda-hook';
import { HOOK_SCHEMA } from '../../src/engine/schema';
import { ensureBuilt } from '../helpers/built';
import { typeConfigurationProblems } from '../helpers/type-configuration';

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const read = (f: string) => readFileSync(join(DEPLOY, f), 'utf8');
type Template = { Parameters?: Record<string, { Default?: string }>; Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
const template = (f: string) => parseTemplateText(read(f), f).value as Template;
const resources = (t: Template, type: string) => Object.values(t.Resources).filter((r) => r.Type === type);
const TEMPLATES = readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml')).sort();

/** Example deployment values for every parameter (what the StackSet passes). */
const EXAMPLE_PARAMETERS: Record<string, string> = {
  PackageBucket: 'acme-pipeline-guard-packages',
  PackageKey: 'pipelineguard-cicd-hook/0.1.0-abc1234.zip',
  CodeBucket: 'acme-pipeline-guard-packages',
  CodeKey: 'pipeline-guard-lambda/0.1.0-abc1234.zip',
  HookConfiguration: JSON.stringify(JSON.parse(read('hook-config.json'))),
  AlarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:platform-alarms',
  OrganizationId: 'o-abcdefghij',
  StackSetName: 'pipeline-guard-registry-hook',
  TemplateURL: 'https://acme-pipeline-guard-packages.s3.amazonaws.com/deploy/registry-hook.yaml',
  OrganizationalUnitIds: 'ou-abcd-11111111',
  Regions: 'eu-west-1',
  CallAs: 'SELF',
  IsRegistryMode: 'true',
};

/** The template with every `!Ref P` / `${P}` replaced by the example value (a YAML-safe textual substitution). */
function materialise(f: string): string {
  let text = read(f);
  for (const p of Object.keys(template(f).Parameters ?? {})) {
    const value = EXAMPLE_PARAMETERS[p];
    if (value === undefined) throw new Error(`${f}: no example value for parameter ${p}`);
    text = text.replace(new RegExp(`!Ref ${p}\\b`, 'g'), JSON.stringify(value)).replace(new RegExp(`\\$\\{${p}\\}`, 'g'), value);
  }
  return text;
}

/**
 * The kit is the hook's own infrastructure, not a pipeline: its buckets, keys and roles are judged with
 * Scope all (under the default Scope pipeline they are not pipeline-related and would be skipped).
 */
function withScopeAll(extra: string[]): string[] {
  const i = extra.indexOf('--config');
  const doc = i >= 0 ? JSON.parse(readFileSync(extra[i + 1], 'utf8')) : {};
  const properties = doc.CloudFormationConfiguration?.HookConfiguration?.Properties ?? doc;
  const file = join(mkdtempSync(join(tmpdir(), 'pg-deploy-scope-')), 'config.json');
  writeFileSync(file, JSON.stringify({ ...properties, Scope: 'all' }));
  return [...extra.filter((_, k) => k !== i && k !== i + 1), '--config', file];
}

function check(files: string[], extra: string[] = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', '--fail-on-unknown', ...withScopeAll(extra), ...files], {
    encoding: 'utf8',
    env: { ...process.env, PIPELINE_GUARD_LOG: 'off', NO_COLOR: '1' },
  });
  return { status: r.status, report: JSON.parse(r.stdout) as { findings: Array<{ file: string; logicalId: string; controlId: string; status: string; path: string }> } };
}

beforeAll(() => ensureBuilt());

describe('deploy/hook-config.json', () => {
  const doc = JSON.parse(read('hook-config.json'));
  test('is valid against the schema typeConfiguration and accepted by the hook', () => {
    expect(typeConfigurationProblems(doc)).toEqual([]);
  });
  test('keeps the hook enforcing: ENABLED, FailureMode FAIL (warn-only is per control)', () => {
    expect(doc.CloudFormationConfiguration.HookConfiguration).toMatchObject({ HookInvocationStatus: 'ENABLED', FailureMode: 'FAIL' });
  });
  test('a broken copy is rejected (the validation is not vacuous)', () => {
    const bad = JSON.parse(JSON.stringify(doc));
    bad.CloudFormationConfiguration.HookConfiguration.Properties.WarnOnlyControls = ['CICD.NOPE.1'];
    expect(typeConfigurationProblems(bad).join('\n')).toMatch(/CICD\.NOPE\.1/);
  });
});

describe('deploy/*.yaml pass the hook itself (dogfooding)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-deploy-'));
    for (const f of TEMPLATES) writeFileSync(join(dir, f), materialise(f));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([['the embedded default configuration', []], ['deploy/hook-config.json', ['--config', join(DEPLOY, 'hook-config.json')]]])(
    'no FAIL and no UNKNOWN under %s, with the parameters set',
    (_label, extra) => {
      const { status, report } = check([...TEMPLATES.map((f) => join(dir, f)), join(ROOT, 'hook-role.yaml')], extra as string[]);
      const bad = report.findings.filter((x) => x.status === 'FAIL' || x.status === 'UNKNOWN');
      if (extra.length === 0) {
        // the default trusts no organisation: the package bucket's organisation-read policy needs TrustedOrganizationIds;
        // and it names no platform stack: the kit's hook declarations need PlatformStackNames (CICD.CFN.2)
        expect(bad.map((x) => `${x.logicalId} ${x.controlId} ${x.path}`).sort()).toEqual(
          [
            ...[0, 1].map((i) => `PackageBucketPolicy CICD.ACCOUNTS.1 PolicyDocument.Statement[${i}].Condition.StringEquals.aws:PrincipalOrgID`),
            ...['HookDefaultVersion', 'HookTypeConfig', 'HookVersion', 'LambdaHook'].map((id) => `${id} CICD.CFN.2 `),
          ].sort(),
        );
        expect(status).toBe(1);
      } else {
        expect(bad).toEqual([]);
        expect(status).toBe(0);
      }
      // the IAM, KMS and logs controls really ran on the kit's own resources
      const evaluated = new Set(report.findings.filter((x) => x.status === 'PASS').map((x) => x.logicalId));
      for (const id of ['ExecutionRole', 'LogDeliveryRole', 'LogKey', 'ProviderLogGroup', 'FunctionRole', 'HookInvokeRole', 'HookKey', 'FunctionLogGroup']) expect(evaluated).toContain(id);
    },
  );

  test('the dogfooding check can fail: the old hook-role.yaml (MaxSessionDuration 8400) fails CICD.IAM.18', () => {
    const old = join(dir, 'old-hook-role.yaml');
    writeFileSync(old, readFileSync(join(ROOT, 'hook-role.yaml'), 'utf8').replace('MaxSessionDuration: 3600', 'MaxSessionDuration: 8400'));
    const { status, report } = check([old]);
    expect(status).toBe(1);
    expect(report.findings.filter((x) => x.status === 'FAIL').map((x) => x.controlId)).toEqual(['CICD.IAM.18']);
  });
});

describe('the templates agree with the project', () => {
  const registry = template('registry-hook.yaml');
  const lambda = template('lambda-hook.yaml');

  test('registry mode: HookVersion of this type from a versioned .zip key, default version, configuration from the document', () => {
    const [version] = resources(registry, 'AWS::CloudFormation::HookVersion');
    expect(version.Properties.TypeName).toBe(HOOK_SCHEMA.typeName);
    expect(registry.Parameters?.PackageKey).toMatchObject({ AllowedPattern: expect.stringContaining('zip') });
    expect(resources(registry, 'AWS::CloudFormation::HookDefaultVersion')).toHaveLength(1);
    const [config] = resources(registry, 'AWS::CloudFormation::HookTypeConfig');
    expect(config.Properties.Configuration).toEqual({ Ref: 'HookConfiguration' });
    expect(version.Properties.LoggingConfig.LogGroupName).toEqual({ Ref: 'ProviderLogGroup' });
  });

  test('Lambda mode: the bundle exports the handler, configuration from the SSM parameter the handler reads', () => {
    const [fn] = resources(lambda, 'AWS::Lambda::Function');
    const [file, exported] = [fn.Properties.Handler.replace(/\.[^.]+$/, ''), fn.Properties.Handler.replace(/^.*\./, '')];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(typeof require(join(ROOT, `${file}.js`))[exported]).toBe('function');
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual([CONFIG_PARAMETER_ENV]);
    const [hook] = resources(lambda, 'AWS::CloudFormation::LambdaHook');
    expect(hook.Properties).toMatchObject({ FailureMode: 'FAIL', HookStatus: 'ENABLED' });
  });

  test('the metric filters match the line the hook logs for a FAILED InvalidTypeConfiguration answer', () => {
    const request = {
      clientRequestToken: 't-1', awsAccountId: '123456789012', stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
      hookTypeName: HOOK_SCHEMA.typeName, hookTypeVersion: '00000001', hookModel: { NotAProperty: 'x' }, actionInvocationPoint: 'CREATE_PRE_PROVISION',
      requestData: { targetName: 'AWS::CodeBuild::Project', targetType: 'RESOURCE', targetLogicalId: 'P', targetModel: { resourceProperties: {} } },
    };
    const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(join(ROOT, 'dist', 'handlers.js'))}).entrypoint(${JSON.stringify(request)}, {})`], {
      encoding: 'utf8', env: { ...process.env, PIPELINE_GUARD_LOG: 'stdout' },
    });
    const line = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.msg === 'hook answered');
    const matches = (pattern: string, event: Record<string, unknown>) =>
      [...pattern.matchAll(/\$\.(\w+) = "([^"]*)"/g)].every(([, k, v]) => event[k] === v);
    for (const t of [registry, lambda]) {
      const patterns = resources(t, 'AWS::Logs::MetricFilter').map((r) => r.Properties.FilterPattern as string);
      expect(patterns).toHaveLength(3);
      const hit = patterns.filter((p) => matches(p, line));
      expect(hit).toEqual([expect.stringContaining('FAILED'), expect.stringContaining('InvalidTypeConfiguration')]);
      expect(patterns.filter((p) => matches(p, { ...line, hookStatus: 'SUCCESS', errorCode: undefined }))).toEqual([]);
    }
  });
});

describe('deploy/scp-protect-hook.json', () => {
  const scp = JSON.parse(read('scp-protect-hook.json'));
  const statements = scp.Statement as Array<{ Sid: string; Effect: string; Action: string[]; Resource: string | string[]; Condition: Record<string, Record<string, unknown>> }>;
  const glob = (pattern: string, value: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);
  const denies = (action: string, resource: string) =>
    statements.some((s) => s.Effect === 'Deny' && s.Action.includes(action) && [s.Resource].flat().some((r) => glob(r, resource)));

  test('fits the SCP size limit (5,120 characters) and every statement exempts the platform role and the StackSet execution role', () => {
    expect(JSON.stringify(scp).length).toBeLessThanOrEqual(5120);
    for (const s of statements) {
      expect(s.Effect).toBe('Deny');
      expect(s.Condition.ArnNotLike['aws:PrincipalArn']).toEqual(expect.arrayContaining(['arn:aws:iam::*:role/stacksets-exec-*', expect.stringMatching(/^arn:aws:iam::\*:role\//)]));
    }
  });

  test('denies the type-management actions, including registering and defaulting a new version', () => {
    for (const a of ['RegisterType', 'SetTypeDefaultVersion', 'SetTypeConfiguration', 'DeactivateType', 'DeregisterType']) expect(denies(`cloudformation:${a}`, '*')).toBe(true);
  });

  test('covers the names the templates give: instance stacks, roles, function, parameter, log groups, alarms', () => {
    const org = template('org-stackset.yaml');
    const stackSetName = org.Parameters!.StackSetName.Default!;
    expect(denies('cloudformation:UpdateStack', `arn:aws:cloudformation:eu-west-1:111111111111:stack/StackSet-${stackSetName}-0a1b2c3d/uuid`)).toBe(true);
    expect(denies('cloudformation:UpdateStack', 'arn:aws:cloudformation:eu-west-1:111111111111:stack/team-app/uuid')).toBe(false);
    // a stack created under an instance stack's name would pass as the platform's (PlatformStackNames)
    expect(denies('cloudformation:CreateStack', `arn:aws:cloudformation:eu-west-1:111111111111:stack/StackSet-${stackSetName}-evil/uuid`)).toBe(true);
    expect(denies('cloudformation:CreateStack', 'arn:aws:cloudformation:eu-west-1:111111111111:stack/team-app/uuid')).toBe(false);
    for (const t of [template('registry-hook.yaml'), template('lambda-hook.yaml')]) {
      for (const role of resources(t, 'AWS::IAM::Role')) expect(denies('iam:PutRolePolicy', `arn:aws:iam::111111111111:role${role.Properties.Path}Generated-ABC`)).toBe(true);
      for (const g of resources(t, 'AWS::Logs::LogGroup')) expect(denies('logs:DeleteLogGroup', `arn:aws:logs:eu-west-1:111111111111:log-group:${g.Properties.LogGroupName}`)).toBe(true);
      for (const a of resources(t, 'AWS::CloudWatch::Alarm')) expect(denies('cloudwatch:DeleteAlarms', `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${a.Properties.AlarmName}`)).toBe(true);
      for (const k of resources(t, 'AWS::KMS::Key')) expect(k.Properties.Tags).toContainEqual({ Key: 'pipeline-guard', Value: 'hook' });
    }
    const lambda = template('lambda-hook.yaml');
    const [fn] = resources(lambda, 'AWS::Lambda::Function');
    expect(denies('lambda:UpdateFunctionCode', `arn:aws:lambda:eu-west-1:111111111111:function:${fn.Properties.FunctionName}`)).toBe(true);
    const [param] = resources(lambda, 'AWS::SSM::Parameter');
    expect(denies('ssm:PutParameter', `arn:aws:ssm:eu-west-1:111111111111:parameter${param.Properties.Name}`)).toBe(true);
  });
});
