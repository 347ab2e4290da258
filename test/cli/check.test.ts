/**
 * `pipeline-guard check` end to end, in process: discovery (templates, cdk.out with nested assemblies,
 * directories), resolution, the real hook entry point, report formats, configuration and exit codes.
 * Assertions name controls that exist (CICD.CODEBUILD.5); others are discovered from the registry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { HOOK_ERROR_ID, type CheckFinding, type CheckResult } from '../../src/cli/check/run';
import { REGISTRY } from '../../src/engine/registry';
import { handleHookEvent } from '../../src/protocol/hook';
import type { HookResponse } from '../../src/protocol/wire';

const FIXTURES = join(__dirname, '..', 'fixtures', 'templates');
const YAML_FIXTURE = join(FIXTURES, 'build-project.yaml');
const JSON_FIXTURE = join(FIXTURES, 'build-project.template.json');
const PRIVILEGED = 'CICD.CODEBUILD.5';
const STATUSES = ['FAIL', 'WARN', 'PASS', 'SKIPPED', 'UNKNOWN'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  result?: CheckResult;
  requests: Array<{ event: Record<string, unknown>; response: HookResponse }>;
}

async function check(args: string[], io: { stdoutTty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const requests: Run['requests'] = [];
  const outcome = await runCheckCommand(
    parseCheckArgs(args),
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      stdoutTty: io.stdoutTty ?? false,
      stderrTty: false,
      env: io.env ?? {},
    },
    { onRequest: (event, response) => requests.push({ event, response }) },
  );
  return { code: outcome.code, stdout, stderr, result: outcome.result, requests };
}

function find(r: Run, logicalId: string, controlId: string, stack?: string): CheckFinding {
  const f = r.result?.findings.find((x) => x.logicalId === logicalId && x.controlId === controlId && (stack === undefined || x.stack === stack));
  if (!f) throw new Error(`no ${controlId} row for ${logicalId}${stack ? ` in ${stack}` : ''}`);
  return f;
}

function props(r: Run, logicalId: string, stack?: string): Array<Record<string, unknown>> {
  return r.requests
    .filter((q) => {
      const data = q.event.requestData as Record<string, unknown>;
      return data.targetLogicalId === logicalId && (stack === undefined || String(q.event.stackId).includes(`:stack/${stack}/`));
    })
    .map((q) => ((q.event.requestData as Record<string, unknown>).targetModel as Record<string, Record<string, unknown>>).resourceProperties);
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pg-check-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function writeJson(path: string, value: unknown): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

/** A configuration that leaves only CICD.CODEBUILD.5 active: stable exit codes while other controls are added. */
function onlyPrivilegedMode(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { DisabledControls: [...REGISTRY.ids].filter((id) => id !== PRIVILEGED), ...extra };
}

describe.each([
  ['YAML with short-form tags', YAML_FIXTURE],
  ['JSON', JSON_FIXTURE],
])('template in %s', (_name, fixture) => {
  let r: Run;
  beforeAll(async () => {
    r = await check([fixture, '--format', 'json']);
  });

  it('FAILs the privileged project with the property path, PASSes the compliant one', () => {
    const fail = find(r, 'PrivilegedBuild', PRIVILEGED);
    expect(fail).toMatchObject({ status: 'FAIL', severity: 'HIGH', path: 'Environment.PrivilegedMode', resourceType: 'AWS::CodeBuild::Project' });
    expect(fail.message).toContain('Environment.PrivilegedMode');
    expect(find(r, 'CompliantBuild', PRIVILEGED).status).toBe('PASS');
  });

  it('a Ref to a parameter is UNKNOWN with the property path, never silently passed', () => {
    const f = find(r, 'ParameterisedBuild', PRIVILEGED);
    expect(f.status).toBe('UNKNOWN');
    expect(f.path).toBe('Environment.PrivilegedMode');
    expect(f.message).toMatch(/Privileged/);
    expect(props(r, 'ParameterisedBuild')[0]).toMatchObject({ Environment: { PrivilegedMode: { Ref: 'Privileged' } } });
  });

  it('Fn::If: both branches are evaluated and a finding in either counts', () => {
    const variants = props(r, 'ConditionalBuild');
    expect(variants).toHaveLength(2);
    expect(variants.map((p) => (p.Environment as Record<string, unknown>).PrivilegedMode)).toEqual(['true', undefined]);
    const f = find(r, 'ConditionalBuild', PRIVILEGED);
    expect(f.status).toBe('FAIL');
    expect(f.message).toContain('IsDockerBuild=true');
  });

  it('hands the hook what CloudFormation would: resolved values, primitives as strings', () => {
    const [p] = props(r, 'PrivilegedBuild');
    expect(p.ServiceRole).toBe('arn:aws:iam::123456789012:role/build-project-BuildRole');
    expect(p.EncryptionKey).toBe('arn:aws:kms:us-east-1:123456789012:key/ArtifactKey');
    expect((p.Environment as Record<string, unknown>).PrivilegedMode).toBe('true');
    expect((p.Environment as Record<string, unknown>).Image).toBe('aws/codebuild/standard:7.0');
    expect((p.Source as Record<string, unknown>).BuildSpec).toContain('docker build .');
    const [c] = props(r, 'CompliantBuild');
    expect(c.Name).toBe('build-project-compliant');
    expect(c.EncryptionKey).toBe('arn:aws:kms:us-east-1:123456789012:key/ArtifactKey');
    expect((c.Environment as Record<string, unknown>).PrivilegedMode).toBe('false');
  });

  it('every request is a CREATE_PRE_PROVISION wire request answered by the real entry point', async () => {
    expect(r.requests.length).toBeGreaterThanOrEqual(5);
    for (const q of r.requests.slice(0, 3)) {
      expect(q.event.actionInvocationPoint).toBe('CREATE_PRE_PROVISION');
      expect(q.event.hookModel).toBeNull();
      expect(q.event.stackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/build-project\//);
      // the entry point's single path (handlers.entrypoint) as check runs it without --lookups: live lookups off
      const again = await handleHookEvent(q.event, { lookups: undefined });
      expect(again).toEqual(q.response);
    }
  });

  it('rows come from the evaluation behind the response: every annotated control, one row per finding', () => {
    const q = r.requests.find((x) => (x.event.requestData as Record<string, unknown>).targetLogicalId === 'PrivilegedBuild');
    const a = q?.response.annotations?.find((x) => x.annotationName === PRIVILEGED);
    expect(a?.status).toBe('FAILED');
    expect(a?.statusMessage).toContain(find(r, 'PrivilegedBuild', PRIVILEGED).message);
    // rows of the stack request (CICD.STACK.*: the project's undeclared log group) may name the same logical ID
    const rows = r.result?.findings.filter((f) => f.logicalId === 'PrivilegedBuild' && !f.controlId.startsWith('CICD.STACK.')) ?? [];
    expect([...new Set(rows.map((f) => f.controlId))]).toEqual(q?.response.annotations?.map((x) => x.annotationName));
    for (const x of q?.response.annotations ?? []) {
      const mine = rows.filter((f) => f.controlId === x.annotationName);
      const expected = x.status === 'PASSED' ? ['PASS'] : x.status === 'SKIPPED' ? ['SKIPPED'] : mine.map(() => 'FAIL');
      expect(mine.map((f) => f.status)).toEqual(expected);
      if (x.status === 'FAILED') for (const f of mine) expect(x.statusMessage).toContain(f.path);
    }
  });

  it('resources the hook does not target are not evaluated', () => {
    expect(r.result?.findings.some((f) => f.resourceType === 'AWS::EC2::VPC')).toBe(false);
    const targeted = r.requests.map((q) => (q.event.requestData as Record<string, unknown>).targetName);
    expect(targeted).toContain('AWS::CodeBuild::Project');
  });
});

describe('customer-managed keys resolved from the same template', () => {
  const cmkControl = (type: string) =>
    REGISTRY.controls.find((c) => c.resourceTypes.includes(type) && /customer-managed (KMS )?key/i.test(c.title) && (c.actions ?? ['CREATE']).includes('CREATE'));
  const project = cmkControl('AWS::CodeBuild::Project');
  const bucket = cmkControl('AWS::S3::Bucket');

  it(`Ref/GetAtt to an AWS::KMS::Key counts as a CMK for ${project?.id ?? 'the CodeBuild CMK control'}`, async () => {
    expect(project?.id).toBe('CICD.CODEBUILD.7'); // fails, not skips, when the control is renamed or gone
    const r = await check([YAML_FIXTURE]);
    expect(find(r, 'CompliantBuild', project!.id).status).toBe('PASS');
    expect(find(r, 'PrivilegedBuild', project!.id).status).toBe('PASS');
    const awsManaged = writeJson(join(tmp, 'aws-managed-key.template.json'), {
      Resources: {
        Build: {
          Type: 'AWS::CodeBuild::Project',
          Properties: { EncryptionKey: 'alias/aws/s3', Environment: { Type: 'LINUX_CONTAINER', Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL' } },
        },
      },
    });
    expect(find(await check([awsManaged]), 'Build', project!.id).status).toBe('FAIL');
  });

  it(`GetAtt Key.Arn in bucket encryption counts as a CMK for ${bucket?.id ?? 'the S3 CMK control'}`, async () => {
    expect(bucket?.id).toBe('CICD.S3.1'); // fails, not skips, when the control is renamed or gone
    const r = await check([YAML_FIXTURE]);
    expect(find(r, 'ArtifactBucket', bucket!.id).status).toBe('PASS');
  });
});

describe('cdk.out', () => {
  let out: string;
  beforeAll(() => {
    out = join(tmp, 'cdk.out');
    const fixture = JSON.parse(readFileSync(JSON_FIXTURE, 'utf8')) as { Resources: Record<string, unknown>; Parameters: unknown };
    const { BuildRole, ArtifactKey, CompliantBuild, PrivilegedBuild } = fixture.Resources as Record<string, Record<string, unknown>>;
    writeJson(join(out, 'manifest.json'), {
      version: '36.0.0',
      artifacts: {
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        PipelineStack: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111111111111/eu-west-1',
          properties: { templateFile: 'PipelineStack.template.json', stackName: 'PipelineStack' },
          displayName: 'PipelineStack',
        },
        'assembly-PipelineStack-Prod': {
          type: 'cdk:cloud-assembly',
          properties: { directoryName: 'assembly-PipelineStack-Prod', displayName: 'PipelineStack/Prod' },
        },
      },
    });
    writeJson(join(out, 'PipelineStack.template.json'), {
      Resources: {
        BuildRole,
        ArtifactKey,
        SynthProject: { ...CompliantBuild, Metadata: { 'aws:cdk:path': 'PipelineStack/Pipeline/Synth/Resource' } },
        Nested: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { TemplateURL: 'https://example.invalid/nested.json' },
          Metadata: { 'aws:asset:path': 'PipelineStackAssets.nested.template.json' },
        },
      },
      Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
    });
    writeJson(join(out, 'PipelineStackAssets.nested.template.json'), { Resources: { BuildRole, AssetsProject: PrivilegedBuild } });
    writeJson(join(out, 'assembly-PipelineStack-Prod', 'manifest.json'), {
      version: '36.0.0',
      artifacts: {
        PipelineStackProdApp: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://222222222222/us-west-2',
          properties: { templateFile: 'PipelineStackProdApp.template.json', stackName: 'Prod-App' },
          displayName: 'PipelineStack/Prod/App',
        },
      },
    });
    writeJson(join(out, 'assembly-PipelineStack-Prod', 'PipelineStackProdApp.template.json'), { Resources: { BuildRole, ArtifactKey, AppBuild: PrivilegedBuild } });
  });

  it('evaluates every stack: top level, the nested assembly of a pipeline stage and a nested stack', async () => {
    const r = await check([out, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(find(r, 'SynthProject', PRIVILEGED, 'PipelineStack').status).toBe('PASS');
    expect(find(r, 'AppBuild', PRIVILEGED, 'Prod-App').status).toBe('FAIL');
    expect(find(r, 'AssetsProject', PRIVILEGED, 'PipelineStack-Nested').status).toBe('FAIL');
    // outside the working directory: shown as an absolute path
    expect(find(r, 'AppBuild', PRIVILEGED).file).toBe(join(out, 'assembly-PipelineStack-Prod', 'PipelineStackProdApp.template.json'));
    expect(find(r, 'SynthProject', PRIVILEGED).cdkPath).toBe('PipelineStack/Pipeline/Synth/Resource');
    expect(r.result?.summary.stacks).toBe(3);
  });

  it("uses each stack's environment for the pseudo parameters; --account/--region override it", async () => {
    const r = await check([out]);
    const [app] = props(r, 'AppBuild', 'Prod-App');
    expect(app.EncryptionKey).toBe('arn:aws:kms:us-west-2:222222222222:key/ArtifactKey');
    const q = r.requests.find((x) => (x.event.requestData as Record<string, unknown>).targetLogicalId === 'AppBuild');
    expect(q?.event.awsAccountId).toBe('222222222222');
    const o = await check([out, '--account', '333333333333', '--region', 'cn-north-1']);
    expect(props(o, 'AppBuild', 'Prod-App')[0].EncryptionKey).toBe('arn:aws-cn:kms:cn-north-1:333333333333:key/ArtifactKey');
  });

  it('the manifest.json path and a parent directory find the same stacks once', async () => {
    const a = await check([join(out, 'manifest.json')]);
    const b = await check([tmp, out]);
    expect(a.result?.summary.stacks).toBe(3);
    const stacks = new Set(b.result?.findings.map((f) => `${f.file}`));
    expect([...stacks].filter((f) => f.includes('cdk.out'))).toHaveLength(3);
    expect(b.result?.findings.filter((f) => f.logicalId === 'AppBuild' && f.controlId === PRIVILEGED)).toHaveLength(1);
  });

  it('a nested assembly without a manifest is an input error (exit 2)', async () => {
    const broken = join(tmp, 'broken.out');
    writeJson(join(broken, 'manifest.json'), { version: '36.0.0', artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Missing' } } } });
    const r = await check([broken]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('assembly-Missing');
  });
});

describe('directories', () => {
  it('finds templates by content (YAML and JSON), skipping other JSON/YAML files and node_modules', async () => {
    const dir = join(tmp, 'repo');
    mkdirSync(join(dir, 'infra'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'infra', 'build.yml'), readFileSync(YAML_FIXTURE));
    writeJson(join(dir, 'package.json'), { name: 'x', version: '1.0.0' });
    writeFileSync(join(dir, 'infra', 'values.yaml'), 'replicas: 3\n');
    writeFileSync(join(dir, 'node_modules', 'x', 'template.json'), readFileSync(JSON_FIXTURE));
    const r = await check([dir, '--format', 'json']);
    expect([...new Set(r.result?.findings.map((f) => f.stack))]).toEqual(['build']);
    expect(find(r, 'PrivilegedBuild', PRIVILEGED).status).toBe('FAIL');
  });

  it('a template with a Transform is evaluated as written, with a note on stderr', async () => {
    const t = writeJson(join(tmp, 'sam', 'sam.template.json'), {
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: true } } } },
    });
    const r = await check([t]);
    expect(r.stderr).toMatch(/sam\.template\.json declares a Transform/);
    expect(find(r, 'Build', PRIVILEGED).status).toBe('FAIL');
  });

  it('no template at all is exit 2 with a message', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = await check([empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no CloudFormation template/);
  });
});

describe('formats', () => {
  it('json: {version, tool, findings, summary}; each finding has the documented fields and a known status; PASS rows are short', async () => {
    const r = await check([YAML_FIXTURE, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { version: string; tool: Record<string, string>; findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(doc).sort()).toEqual(['findings', 'summary', 'tool', 'version']);
    expect(doc.version).toMatch(/^\d+\.\d+$/);
    expect(doc.tool.name).toBe('pipeline-guard');
    for (const f of doc.findings) {
      const keys = f.status === 'PASS' ? ['file', 'stack', 'logicalId', 'resourceType', 'controlId', 'status'] : ['file', 'stack', 'logicalId', 'resourceType', 'controlId', 'status', 'severity', 'message', 'path'];
      for (const k of keys) expect(typeof f[k]).toBe('string');
      if (f.status === 'PASS') expect(Object.keys(f).sort()).toEqual([...keys].sort());
      expect(STATUSES).toContain(f.status);
    }
    const statuses = new Set(doc.findings.map((f) => f.status));
    for (const st of ['FAIL', 'PASS', 'UNKNOWN']) expect(statuses.has(st)).toBe(true);
    expect(doc.summary.fail).toBe(doc.findings.filter((f) => f.status === 'FAIL').length);
    expect(doc.summary.unknown).toBe(doc.findings.filter((f) => f.status === 'UNKNOWN').length);
    expect(doc.summary.pass).toBe(doc.findings.filter((f) => f.status === 'PASS').length);
    expect(doc.findings[0].file).toBe(relative(process.cwd(), YAML_FIXTURE));
  });

  it('sarif: 2.1.0, one rule per control with help and link, results located at the resource line', async () => {
    const r = await check([YAML_FIXTURE, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('pipeline-guard');
    const ids = driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...REGISTRY.ids]));
    const rule = driver.rules.find((x: { id: string }) => x.id === PRIVILEGED);
    const control = REGISTRY.byId(PRIVILEGED)!;
    expect(rule.shortDescription.text).toBe(control.title);
    expect(rule.help.text).toContain(control.remediation);
    expect(rule.helpUri).toMatch(/#cicd-codebuild-5$/);

    const text = readFileSync(YAML_FIXTURE, 'utf8').split('\n');
    const line = text.findIndex((l) => l === '  PrivilegedBuild:') + 1;
    const result = sarif.runs[0].results.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === PRIVILEGED && x.message.text.startsWith('PrivilegedBuild'));
    expect(result.level).toBe('error');
    expect(driver.rules[result.ruleIndex].id).toBe(PRIVILEGED);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(relative(process.cwd(), YAML_FIXTURE));
    expect(result.locations[0].physicalLocation.region.startLine).toBe(line);
    const unknown = sarif.runs[0].results.find((x: { message: { text: string } }) => x.message.text.startsWith('UNKNOWN: ParameterisedBuild'));
    expect(unknown.level).toBe('warning');
    // PASS and SKIPPED rows are not results
    const doc = (await check([YAML_FIXTURE, '--format', 'json'])).result!;
    expect(sarif.runs[0].results).toHaveLength(doc.summary.fail + doc.summary.unknown + doc.summary.warn);
    expect(sarif.runs[0].results.map((x: { properties: { status: string } }) => x.properties.status)).not.toContain('PASS');
  });

  it('sarif: JSON templates are located at the line of the "LogicalId": key', async () => {
    const r = await check([JSON_FIXTURE, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout);
    const line = readFileSync(JSON_FIXTURE, 'utf8').split('\n').findIndex((l) => l.startsWith('    "PrivilegedBuild":')) + 1;
    const result = sarif.runs[0].results.find((x: { ruleId: string; message: { text: string } }) => x.ruleId === PRIVILEGED && x.message.text.startsWith('PrivilegedBuild'));
    expect(result.locations[0].physicalLocation.region.startLine).toBe(line);
  });

  it('markdown: a headline, the counts and a table row per problem with a link, its message below', async () => {
    const r = await check([YAML_FIXTURE, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^### pipeline-guard: ❌ \d+ failing/);
    const row = /^\| (\d+) \| ❌ FAIL \| \[CICD\.CODEBUILD\.5\]\(https:[^)]+#cicd-codebuild-5\) \| build-project \| `PrivilegedBuild` \|$/m.exec(r.stdout);
    expect(row).not.toBeNull();
    expect(r.stdout).toMatch(new RegExp(`^${row![1]}\\. \\*\\*CICD\\.CODEBUILD\\.5\\*\\* HIGH · \`build-project/PrivilegedBuild\` \\(AWS::CodeBuild::Project, [^)]+\\): .*Environment\\.PrivilegedMode`, 'm'));
    expect(r.stdout).toMatch(/❔ UNKNOWN \| \[CICD\.CODEBUILD\.5\]/);
    expect(r.stdout).not.toMatch(/\| \d+ \| ✅ PASS \|/); // PASS rows only with --include-passed
    expect(r.stdout).toMatch(/\d+ PASS/);
  });

  it('text: grouped by stack and resource, a summary line, no colour when stdout is not a TTY', async () => {
    const r = await check([YAML_FIXTURE]);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain('Stack build-project');
    expect(r.stdout).toMatch(/^ {2}PrivilegedBuild AWS::CodeBuild::Project {2}test\/fixtures\/templates\/build-project\.yaml:\d+/m);
    expect(r.stdout).toMatch(/^ {4}FAIL +HIGH +CICD\.CODEBUILD\.5 +Environment\.PrivilegedMode is true/m);
    expect(r.stdout).toMatch(/\d+ FAIL, \d+ UNKNOWN, \d+ WARN, \d+ PASS, \d+ SKIPPED — \d+ resources in 1 stack: the hook would reject this change\.\n$/);
  });

  it('text: colour on a TTY, none with NO_COLOR or into a file', async () => {
    expect((await check([YAML_FIXTURE], { stdoutTty: true })).stdout).toMatch(/\u001b\[31;1mFAIL/);
    expect((await check([YAML_FIXTURE], { stdoutTty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
    const file = join(tmp, 'report.txt');
    const r = await check([YAML_FIXTURE, '--output', file], { stdoutTty: true });
    expect(r.stdout).toBe('');
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('CICD.CODEBUILD.5');
    expect(written).not.toMatch(/\u001b\[/);
  });
});

describe('configuration', () => {
  const warnOnly = onlyPrivilegedMode({ WarnOnlyControls: [PRIVILEGED] });

  it.each([
    ['just the Properties', warnOnly],
    ['the set-type-configuration document', { CloudFormationConfiguration: { HookConfiguration: { TargetStacks: 'ALL', FailureMode: 'FAIL', Properties: warnOnly } } }],
  ])('--config with %s is the hookModel of every request', async (_name, doc) => {
    const file = writeJson(join(tmp, `config-${_name.replace(/\W+/g, '-')}.json`), doc);
    const r = await check([YAML_FIXTURE, '--config', file, '--format', 'json']);
    expect(r.requests[0].event.hookModel).toEqual(warnOnly);
    expect(find(r, 'PrivilegedBuild', PRIVILEGED).status).toBe('WARN');
    expect(find(r, 'PrivilegedBuild', PRIVILEGED).message).not.toMatch(/^WARN/);
    const other = [...REGISTRY.ids].find((id) => id !== PRIVILEGED && r.result?.findings.some((f) => f.controlId === id));
    if (other) expect(r.result?.findings.filter((f) => f.controlId === other).every((f) => f.status === 'SKIPPED')).toBe(true);
    // WARN does not fail; UNKNOWN (warn-only too here) does not either
    expect(r.code).toBe(0);
  });

  it('YAML configuration files are accepted', async () => {
    const file = join(tmp, 'config.yaml');
    const ids = onlyPrivilegedMode().DisabledControls as string[];
    writeFileSync(file, `# Properties only, in YAML\nDisabledControls:\n${ids.map((id) => `  - ${id}`).join('\n')}\n`);
    const r = await check([YAML_FIXTURE, '--config', file]);
    expect(r.code).toBe(1);
    expect(r.requests[0].event.hookModel).toEqual(onlyPrivilegedMode());
  });

  it('exemptions match the stack name: the file name by default, --stack-name for plain templates', async () => {
    const file = writeJson(join(tmp, 'exemption.json'), {
      // within MaximumExemptionDays (365) of the real today: check validates against the clock
      Exemptions: [{ ControlId: PRIVILEGED, StackName: 'ci-*', LogicalId: 'PrivilegedBuild', Reason: 'builds the Docker images of the platform', ExpiresOn: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) }],
    });
    expect(find(await check([YAML_FIXTURE, '--config', file]), 'PrivilegedBuild', PRIVILEGED).status).toBe('FAIL');
    const r = await check([YAML_FIXTURE, '--config', file, '--stack-name', 'ci-images']);
    const f = find(r, 'PrivilegedBuild', PRIVILEGED);
    expect(f).toMatchObject({ status: 'SKIPPED', stack: 'ci-images' });
    expect(f.message).toContain('builds the Docker images of the platform');
    expect(r.requests[0].event.stackId).toMatch(/:stack\/ci-images\//);
    expect(find(r, 'ConditionalBuild', PRIVILEGED).status).toBe('FAIL');
  });

  it('an invalid configuration is exit 2 with the InvalidTypeConfiguration message', async () => {
    const file = writeJson(join(tmp, 'bad-config.json'), { DisabledControls: ['CICD.NOPE.99'] });
    const r = await check([YAML_FIXTURE, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad-config.json');
    expect(r.stderr).toContain('invalid type configuration: property DisabledControls[0] names an unknown control ID CICD.NOPE.99');
    const unknownProp = writeJson(join(tmp, 'bad-config-2.json'), { CloudFormationConfiguration: { HookConfiguration: { Properties: { NoSuchSetting: true } } } });
    const r2 = await check([YAML_FIXTURE, '--config', unknownProp]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/property NoSuchSetting is not a known property/);
  });

  it('an unreadable or unparsable configuration file is exit 2 naming the file', async () => {
    const r = await check([YAML_FIXTURE, '--config', join(tmp, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: cannot be read \(ENOENT\)/);
    const bad = join(tmp, 'broken.json');
    writeFileSync(bad, '{ "DisabledControls": [');
    const r2 = await check([YAML_FIXTURE, '--config', bad]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/broken\.json: is not valid JSON or YAML/);
  });
});

describe('exit codes', () => {
  const configFile = () => writeJson(join(tmp, 'only-privileged.json'), onlyPrivilegedMode());

  it('0 when nothing fails, 1 with a FAIL', async () => {
    const compliant = writeJson(join(tmp, 'compliant.template.json'), {
      Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: false } } } },
    });
    expect((await check([compliant, '--config', configFile()])).code).toBe(0);
    expect((await check([YAML_FIXTURE, '--config', configFile()])).code).toBe(1);
  });

  it('UNKNOWN alone is exit 0 (mentioned in the summary) unless --fail-on-unknown', async () => {
    const t = writeJson(join(tmp, 'unknown.template.json'), {
      Parameters: { P: { Type: 'String', Default: 'false' } },
      Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: { Ref: 'P' } } } } },
    });
    const r = await check([t, '--config', configFile()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 UNKNOWN/);
    expect(r.stdout).toMatch(/--fail-on-unknown/);
    expect((await check([t, '--config', configFile(), '--fail-on-unknown'])).code).toBe(1);
  });

  it('--soft-fail reports the same findings but exits 0; input errors stay 2', async () => {
    const hard = await check([YAML_FIXTURE, '--format', 'json']);
    const soft = await check([YAML_FIXTURE, '--format', 'json', '--soft-fail']);
    expect(hard.code).toBe(1);
    expect(soft.code).toBe(0);
    expect(soft.stdout).toBe(hard.stdout);
    expect((await check([join(tmp, 'missing.yaml'), '--soft-fail'])).code).toBe(2);
  });

  it('--ignore-non-templates (pre-commit passes every changed file): non-templates are skipped, templates checked', async () => {
    const values = join(tmp, 'values.yaml');
    writeFileSync(values, 'replicas: 3\n');
    const broken = join(tmp, 'workflow.yml');
    writeFileSync(broken, 'on: [push\n');
    const pkg = writeJson(join(tmp, 'pkg', 'package.json'), { name: 'x' });
    const none = await check([values, broken, pkg, '--ignore-non-templates']);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe('');
    const some = await check([values, YAML_FIXTURE, pkg, '--ignore-non-templates', '--format', 'json']);
    expect(some.code).toBe(1);
    expect(some.result?.summary.stacks).toBe(1);
    // a file that says it is a template must parse
    const claims = join(tmp, 'claims.template.json');
    writeFileSync(claims, '{ nope');
    expect((await check([claims, '--ignore-non-templates'])).code).toBe(2);
  });

  it('2 for a missing path, invalid YAML or a file that is not a template, naming the file and why', async () => {
    const missing = await check([join(tmp, 'missing.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.yaml: does not exist/);

    const badYaml = join(tmp, 'bad.yaml');
    writeFileSync(badYaml, 'Resources:\n  A:\n    Type: [oops\n');
    const bad = await check([badYaml]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+: not valid YAML \(/);

    const notTemplate = writeJson(join(tmp, 'package.json'), { name: 'x' });
    const nt = await check([notTemplate]);
    expect(nt.code).toBe(2);
    expect(nt.stderr).toMatch(/package\.json: is not a CloudFormation template/);
  });

  it('usage errors are thrown for main to print the usage (exit 2)', () => {
    expect(() => parseCheckArgs([])).toThrow(/at least one path/);
    expect(() => parseCheckArgs(['x', '--format', 'xml'])).toThrow(/unknown format xml/);
    expect(() => parseCheckArgs(['x', '--account', '12'])).toThrow(/12-digit/);
    expect(() => parseCheckArgs(['x', '--bogus'])).toThrow(/unknown option --bogus/);
  });
});

describe('hook errors and progress', () => {
  it('a request the hook cannot evaluate is a FAIL row (CloudFormation would see FAILED), also in SARIF', async () => {
    const t = writeJson(join(tmp, 'odd.template.json'), { Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: 'not-an-object' } } });
    const r = await check([t, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const f = find(r, 'Build', HOOK_ERROR_ID);
    expect(f.status).toBe('FAIL');
    expect(f.message).toMatch(/^InvalidRequest: .*resourceProperties must be an object/);
    const sarif = JSON.parse(r.stdout);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === HOOK_ERROR_ID);
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(HOOK_ERROR_ID);
  });

  it('progress goes to stderr only when it is a TTY and there are many stacks', async () => {
    const dir = join(tmp, 'many');
    for (let i = 0; i < 6; i++) {
      writeJson(join(dir, `s${i}.template.json`), { Resources: { B: { Type: 'AWS::CodeBuild::Project', Properties: {} } } });
    }
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (t: string) => (stderr += t), stdoutTty: false, stderrTty: true, env: {} };
    await runCheckCommand(parseCheckArgs([dir]), io);
    expect(stderr).toContain('6/6 stacks evaluated');
    stderr = '';
    await runCheckCommand(parseCheckArgs([dir]), { ...io, stderrTty: false });
    expect(stderr).toBe('');
  });
});

describe('hook logs', () => {
  it('go to the injected sink: nowhere by default, the command stderr with --verbose; the environment is not touched', async () => {
    const before = process.env.PIPELINE_GUARD_LOG;
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      for (const env of [undefined, 'stdout', 'stderr']) {
        if (env === undefined) delete process.env.PIPELINE_GUARD_LOG;
        else process.env.PIPELINE_GUARD_LOG = env;
        const quiet = await check([YAML_FIXTURE]);
        expect(quiet.stderr).toBe('');
        expect(process.env.PIPELINE_GUARD_LOG).toBe(env);
        const verbose = await check([YAML_FIXTURE, '--verbose']);
        expect(verbose.stderr).toContain('"msg":"hook answered"');
        expect(verbose.stdout).not.toContain('"msg"');
      }
      expect(spy).not.toHaveBeenCalled();
      expect(out).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      out.mockRestore();
      if (before === undefined) delete process.env.PIPELINE_GUARD_LOG;
      else process.env.PIPELINE_GUARD_LOG = before;
    }
  });
});
