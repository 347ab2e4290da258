/**
 * CLI conventions of issue 16: short flags, --version, --severity-threshold, JUnit XML, closed pipes,
 * FORCE_COLOR/NO_COLOR, the JSON report (version, schema, short PASS rows, --include-passed), markdown
 * for GitHub's width with the applied exemptions, SARIF URIs relative to --base-dir.
 */
import Ajv from 'ajv';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { version as packageVersion } from '../../package.json';
import { parseCheckArgs, runCheckCommand, useColor } from '../../src/cli/check';
import { JSON_REPORT_VERSION, MARKDOWN_CELL_MAX } from '../../src/cli/check/format';
import type { CheckResult } from '../../src/cli/check/run';
import { parseArgs, UsageError } from '../../src/cli/io';
import { REGISTRY } from '../../src/engine/registry';
import { ensureBuilt } from '../helpers/built';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'templates', 'build-project.yaml');
const INSECURE = join(ROOT, 'examples', 'insecure', 'cdk.out');
const HARDENED = join(ROOT, 'examples', 'hardened', 'cdk.out');
const PRIVILEGED = 'CICD.CODEBUILD.5';
/** An exemption expiry within MaximumExemptionDays (365) of the real today (check validates against the clock). */
const EXPIRES_ON = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  result?: CheckResult;
}

async function check(args: string[], io: { stdoutTty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const outcome = await runCheckCommand(parseCheckArgs(args), {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutTty: io.stdoutTty ?? false,
    stderrTty: false,
    env: io.env ?? {},
  });
  return { code: outcome.code, stdout, stderr, result: outcome.result };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pg-conventions-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = join(tmp, name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** Every control disabled but these. */
function only(...ids: string[]): Record<string, unknown> {
  return { DisabledControls: [...REGISTRY.ids].filter((id) => !ids.includes(id)) };
}

describe('flags', () => {
  it('-f, -o and -c are --format, --output and --config (also -fjson and -f=json)', () => {
    const long = parseCheckArgs(['x.yaml', '--format', 'json', '--output', 'r.json', '--config', 'c.json']);
    expect(parseCheckArgs(['x.yaml', '-f', 'json', '-o', 'r.json', '-c', 'c.json'])).toEqual(long);
    expect(parseCheckArgs(['-fjson', '-o=r.json', '-cc.json', 'x.yaml'])).toEqual(long);
  });

  it('an unknown or incomplete short flag is a usage error, `-` alone stays a positional', () => {
    expect(() => parseCheckArgs(['x.yaml', '-x', 'y'])).toThrow(/unknown option -x/);
    expect(() => parseCheckArgs(['x.yaml', '-f'])).toThrow(/-f \(--format\) needs a value/);
    // a short flag only exists where its long form does
    expect(() => parseArgs(['-c', 'x'], ['format', 'output'])).toThrow(UsageError);
    expect(parseArgs(['-'], []).positionals).toEqual(['-']);
  });

  it('--severity-threshold takes a severity in any case; anything else is a usage error', () => {
    expect(parseCheckArgs(['x.yaml', '--severity-threshold', 'high']).severityThreshold).toBe('HIGH');
    expect(parseCheckArgs(['x.yaml']).severityThreshold).toBeUndefined();
    expect(() => parseCheckArgs(['x.yaml', '--severity-threshold', 'SEVERE'])).toThrow(/--severity-threshold must be one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL/);
  });
});

describe('the built CLI', () => {
  beforeAll(() => ensureBuilt());

  const run = (...args: string[]) => spawnSync(process.execPath, ['dist/cli.js', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('--version and -V print the package version', () => {
    for (const flag of ['--version', '-V']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${packageVersion}\n`);
    }
  });

  it('controls accepts -f and -o', () => {
    const out = join(tmp, 'controls.json');
    const r = run('controls', '-f', 'json', '-o', out);
    expect(r.status).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length).toBe(REGISTRY.controls.length);
  });

  /** Closes our end of the child's stdout before it writes: every write of the child meets EPIPE. */
  function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolvePromise) => {
      const child = spawn(process.execPath, ['dist/cli.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('close', (code) => resolvePromise({ code, stderr }));
    });
  }

  it.each([
    [['controls'], 0],
    [['--help'], 0],
    [['controls', '--format', 'markdown'], 0],
    [['check', INSECURE], 1],
  ])('a closed pipe ends %j quietly with its own exit code', async (args, code) => {
    const r = await closedPipe(args as string[]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
  });
});

describe('--severity-threshold', () => {
  // CICD.S3.2 (MEDIUM) fails on ArtifactBucket; with only it enabled, every FAIL is MEDIUM
  let config: string;
  beforeAll(() => {
    expect(REGISTRY.byId('CICD.S3.2')?.severity).toBe('MEDIUM');
    config = writeJson('only-s3-2.json', only('CICD.S3.2'));
  });

  it('exit 1 for a MEDIUM FAIL by default and at MEDIUM or below, 0 above it; the report still shows the FAIL', async () => {
    expect((await check([FIXTURE, '-c', config])).code).toBe(1);
    expect((await check([FIXTURE, '-c', config, '--severity-threshold', 'MEDIUM'])).code).toBe(1);
    expect((await check([FIXTURE, '-c', config, '--severity-threshold', 'LOW'])).code).toBe(1);
    const high = await check([FIXTURE, '-c', config, '--severity-threshold', 'HIGH']);
    expect(high.code).toBe(0);
    expect(high.stdout).toMatch(/FAIL +MEDIUM +CICD\.S3\.2/);
    expect(high.stdout).toMatch(/the hook would reject this change \(nothing fails at or above --severity-threshold HIGH, so the exit code is 0\)/);
    const json = JSON.parse((await check([FIXTURE, '-c', config, '-f', 'json', '--severity-threshold', 'HIGH'])).stdout);
    expect(json.summary).toMatchObject({ failing: false, severityThreshold: 'HIGH' });
    expect(json.summary.fail).toBeGreaterThan(0);
  });

  it('a HIGH FAIL still fails at HIGH; UNKNOWN counts with --fail-on-unknown only at or above the threshold', async () => {
    const cfg = writeJson('only-privileged.json', only(PRIVILEGED));
    expect((await check([FIXTURE, '-c', cfg, '--severity-threshold', 'HIGH'])).code).toBe(1);
    expect((await check([FIXTURE, '-c', cfg, '--severity-threshold', 'CRITICAL'])).code).toBe(0);
    // the fixture's ParameterisedBuild is UNKNOWN for CICD.CODEBUILD.5 (HIGH): a template with only that resource
    const param = writeJson('param.template.json', {
      Parameters: { Privileged: { Type: 'String' } },
      Resources: { B: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: { Ref: 'Privileged' } } } } },
    });
    expect((await check([param, '-c', cfg])).code).toBe(0);
    expect((await check([param, '-c', cfg, '--fail-on-unknown'])).code).toBe(1);
    expect((await check([param, '-c', cfg, '--fail-on-unknown', '--severity-threshold', 'HIGH'])).code).toBe(1);
    expect((await check([param, '-c', cfg, '--fail-on-unknown', '--severity-threshold', 'CRITICAL'])).code).toBe(0);
  });
});

describe('colour', () => {
  it('FORCE_COLOR turns colour on into a pipe and wins over NO_COLOR; FORCE_COLOR=0 and NO_COLOR turn it off', () => {
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '' })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColor(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, { NO_COLOR: '' })).toBe(true);
  });

  it('the text report honours them; json never carries colour', async () => {
    expect((await check([FIXTURE], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[31;1mFAIL/);
    expect((await check([FIXTURE], { stdoutTty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(/\u001b\[/);
    expect((await check([FIXTURE, '-f', 'json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('json', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'check-report.schema.json'), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  const valid = (doc: unknown): string => (validate(doc) ? 'valid' : JSON.stringify(validate.errors?.slice(0, 3)));

  let exemptionConfig: string;
  beforeAll(() => {
    exemptionConfig = writeJson('exemption.json', {
      Exemptions: [{ ControlId: PRIVILEGED, StackName: 'build-project', LogicalId: 'PrivilegedBuild', Reason: 'builds the Docker images of the platform', ExpiresOn: EXPIRES_ON }],
    });
  });

  it('real reports validate against docs/check-report.schema.json (default, --include-passed, exemptions, severity threshold)', async () => {
    const runs = [
      [INSECURE, HARDENED, '-f', 'json'],
      [INSECURE, HARDENED, '-f', 'json', '--include-passed'],
      [FIXTURE, '-f', 'json', '-c', exemptionConfig, '--severity-threshold', 'high'],
    ];
    for (const args of runs) {
      const doc = JSON.parse((await check(args)).stdout) as { version: string; tool: { version: string }; findings: Array<Record<string, unknown>> };
      expect(valid(doc)).toBe('valid');
      expect(doc.version).toBe(JSON_REPORT_VERSION);
      expect(doc.tool.version).toBe(packageVersion);
    }
    const withExemption = JSON.parse((await check([FIXTURE, '-f', 'json', '-c', exemptionConfig])).stdout) as { findings: Array<Record<string, unknown>> };
    expect(withExemption.findings.some((f) => f.exemption !== undefined)).toBe(true);
  });

  it('the schema is not vacuous: an undocumented field, a long PASS row missing its message, a bad status are rejected', async () => {
    const doc = JSON.parse((await check([FIXTURE, '-f', 'json'])).stdout) as { findings: Array<Record<string, unknown>> };
    const fail = doc.findings.findIndex((f) => f.status === 'FAIL');
    const pass = doc.findings.findIndex((f) => f.status === 'PASS');
    const mutate = (i: number, patch: Record<string, unknown>) => ({ ...doc, findings: doc.findings.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
    expect(valid(mutate(fail, { undocumented: 1 }))).not.toBe('valid');
    expect(valid(mutate(pass, { severity: 'HIGH' }))).not.toBe('valid');
    expect(valid(mutate(fail, { status: 'BROKEN' }))).not.toBe('valid');
    expect(valid({ ...doc, version: undefined })).not.toBe('valid');
  });

  it('one short PASS row per passed control by default; full rows with --include-passed', async () => {
    const short = JSON.parse((await check([INSECURE, HARDENED, '-f', 'json'])).stdout) as { findings: Array<Record<string, unknown>>; summary: { pass: number } };
    const passes = short.findings.filter((f) => f.status === 'PASS');
    expect(passes.length).toBe(short.summary.pass);
    expect(passes.length).toBeGreaterThan(0);
    for (const f of passes) expect(Object.keys(f).sort()).toEqual(['controlId', 'file', 'logicalId', 'resourceType', 'stack', 'status']);
    const full = JSON.parse((await check([INSECURE, HARDENED, '-f', 'json', '--include-passed'])).stdout) as { findings: Array<Record<string, unknown>> };
    const fullPasses = full.findings.filter((f) => f.status === 'PASS');
    expect(fullPasses.length).toBe(passes.length);
    for (const f of fullPasses) expect(f).toMatchObject({ message: expect.any(String), severity: expect.any(String), path: '' });
    // the same rows, in the same order: the short form only drops fields
    expect(passes.map((f) => `${f.stack}/${f.logicalId}/${f.controlId}`)).toEqual(fullPasses.map((f) => `${f.stack}/${f.logicalId}/${f.controlId}`));
  });

  it('--include-passed shows PASS rows in text, markdown, sarif (kind pass) too; by default they do not', async () => {
    const cfg = writeJson('only-privileged-2.json', only(PRIVILEGED));
    const text = (await check([FIXTURE, '-c', cfg, '--include-passed'])).stdout;
    expect(text).toMatch(/^ {4}PASS +HIGH +CICD\.CODEBUILD\.5 /m);
    expect((await check([FIXTURE, '-c', cfg])).stdout).not.toMatch(/^ {4}PASS /m);
    expect((await check([FIXTURE, '-c', cfg, '-f', 'markdown', '--include-passed'])).stdout).toMatch(/^\| \d+ \| ✅ PASS \| \[CICD\.CODEBUILD\.5\]/m);
    const sarif = JSON.parse((await check([FIXTURE, '-c', cfg, '-f', 'sarif', '--include-passed'])).stdout);
    const passed = sarif.runs[0].results.filter((x: { kind?: string }) => x.kind === 'pass');
    expect(passed.length).toBeGreaterThan(0);
    for (const x of passed) expect(x.level).toBe('none');
    const plain = JSON.parse((await check([FIXTURE, '-c', cfg, '-f', 'sarif'])).stdout);
    expect(plain.runs[0].results.some((x: { kind?: string }) => x.kind === 'pass')).toBe(false);
  });
});

describe('junit', () => {
  const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const unescape = (s: string) => s.replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('one testsuite per stack, one testcase per resource and control, failures with message, path and fix', async () => {
    const second = join(tmp, 'second-stack.yaml');
    writeFileSync(second, readFileSync(FIXTURE, 'utf8'));
    const r = await check([FIXTURE, second, '-f', 'junit']);
    expect(r.code).toBe(1);
    const xml = r.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    const rows = r.result!.findings;
    const suites = [...xml.matchAll(/<testsuite [^>]*>/g)].map((m) => attrs(m[0]));
    expect(suites.map((s) => s.name).sort()).toEqual(['build-project', 'second-stack']);
    for (const suite of suites) {
      const mine = rows.filter((f) => f.stack === suite.name);
      const cases = new Set(mine.map((f) => `${f.logicalId}/${f.controlId}`));
      const failing = new Set(mine.filter((f) => f.status === 'FAIL').map((f) => `${f.logicalId}/${f.controlId}`));
      expect(Number(suite.tests)).toBe(cases.size);
      expect(Number(suite.failures)).toBe(failing.size);
    }
    expect((xml.match(/<testcase /g) ?? []).length).toBe(new Set(rows.map((f) => `${f.stack}/${f.logicalId}/${f.controlId}`)).size);
    expect((xml.match(/<failure /g) ?? []).length).toBe(new Set(rows.filter((f) => f.status === 'FAIL').map((f) => `${f.stack}/${f.logicalId}/${f.controlId}`)).size);
    // well-formed enough: every opened element is closed
    for (const tag of ['testsuites', 'testsuite', 'failure']) expect((xml.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe((xml.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);

    const m = /<testcase ([^>]*name="CICD\.CODEBUILD\.5 PrivilegedBuild"[^>]*)>\s*<failure ([^>]*)>([^<]*)<\/failure>/.exec(xml);
    expect(m).not.toBeNull();
    expect(attrs(m![1])).toMatchObject({ classname: 'build-project.PrivilegedBuild', file: relative(process.cwd(), FIXTURE) });
    expect(attrs(m![2]).type).toBe('FAIL');
    expect(unescape(attrs(m![2]).message)).toContain('Environment.PrivilegedMode is true');
    const body = unescape(m![3]);
    expect(body).toContain('path: Environment.PrivilegedMode');
    expect(body).toContain(`fix: ${REGISTRY.byId(PRIVILEGED)!.remediation}`);
    // the UNKNOWN of ParameterisedBuild is not a failure without --fail-on-unknown, and is one with it
    expect(xml).toMatch(/name="CICD\.CODEBUILD\.5 ParameterisedBuild"[^>]*>\s*<system-out>/);
    expect((await check([FIXTURE, '-f', 'junit', '--fail-on-unknown'])).stdout).toMatch(/name="CICD\.CODEBUILD\.5 ParameterisedBuild"[^>]*>\s*<failure type="UNKNOWN"/);
  });

  it('an exempted control is a skipped testcase naming the exemption; markup in messages is escaped', async () => {
    const cfg = writeJson('exempt-junit.json', {
      Exemptions: [{ ControlId: PRIVILEGED, StackName: 'build-project', LogicalId: 'PrivilegedBuild', Reason: 'Docker <images> & "tags"', ExpiresOn: EXPIRES_ON }],
    });
    const xml = (await check([FIXTURE, '-f', 'junit', '-c', cfg])).stdout;
    const m = /name="CICD\.CODEBUILD\.5 PrivilegedBuild"[^>]*>\s*<skipped message="([^"]*)"\/>/.exec(xml);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(`exempted until ${EXPIRES_ON}: Docker &lt;images&gt; &amp; &quot;tags&quot;`);
  });
});

describe('markdown', () => {
  /** What GitHub shows of a table row: link targets are not displayed. */
  const visible = (line: string) => line.replace(/\]\([^)]*\)/g, ']').replace(/[[\]`]/g, '');

  it('tables fit GitHub\'s width: no cell text longer than the clip, every table row narrow; messages are below the table', async () => {
    const r = await check([INSECURE, '-f', 'markdown']);
    const tableRows = r.stdout.split('\n').filter((l) => l.startsWith('|') && !/^\|[-:|]+\|$/.test(l));
    expect(tableRows.length).toBeGreaterThan(3);
    for (const row of tableRows) {
      expect(visible(row).length).toBeLessThanOrEqual(110);
      for (const cell of visible(row).split(' | ')) expect(cell.replace(/^\| |\|$/g, '').trim().length).toBeLessThanOrEqual(Math.max(MARKDOWN_CELL_MAX, 24));
    }
    // the messages are in the numbered list, one per table row
    const numbered = r.stdout.split('\n').filter((l) => /^\d+\. \*\*/.test(l));
    expect(numbered.length).toBe(r.stdout.split('\n').filter((l) => /^\| \d+ \| /.test(l)).length);
    // a CDK logical ID longer than the clip is shortened in the table and given whole below it
    const long = r.result!.findings.find((f) => f.status === 'FAIL' && f.logicalId.length > MARKDOWN_CELL_MAX);
    if (long) expect(r.stdout).toContain(`\`${long.stack}/${long.logicalId}\``);
  });

  it('a per-control summary table and the applied exemptions', async () => {
    const cfg = writeJson('exempt-md.json', {
      Exemptions: [{ ControlId: PRIVILEGED, StackName: 'build-project', LogicalId: 'PrivilegedBuild', Reason: 'builds the Docker images of the platform', ExpiresOn: EXPIRES_ON }],
    });
    const md = (await check([FIXTURE, '-f', 'markdown', '-c', cfg])).stdout;
    expect(md).toMatch(/^\| Control \| Severity \| ❌ FAIL \| ❔ UNKNOWN \| ⚠️ WARN \| ⏭️ SKIPPED \| ✅ PASS \|$/m);
    // CICD.CODEBUILD.5 on the fixture: ConditionalBuild FAIL, ParameterisedBuild UNKNOWN, PrivilegedBuild exempted, CompliantBuild PASS
    expect(md).toMatch(/^\| \[CICD\.CODEBUILD\.5\]\([^)]+\) \| HIGH \| 1 \| 1 \| 0 \| 1 \| 1 \|$/m);
    expect(md).toMatch(/other controls? passed on every resource/);
    expect(md).toMatch(/#### Applied exemptions\n\n- \[CICD\.CODEBUILD\.5\]\([^)]+\) on `build-project\/PrivilegedBuild` until \d{4}-\d{2}-\d{2}: builds the Docker images of the platform/);
    expect((await check([FIXTURE, '-f', 'markdown'])).stdout).not.toContain('Applied exemptions');
  });
});

describe('sarif URIs', () => {
  function locations(stdout: string): { uris: Array<{ uri: string; uriBaseId?: string }>; base: string } {
    const run = JSON.parse(stdout).runs[0];
    return {
      uris: run.results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }) => x.locations[0].physicalLocation.artifactLocation),
      base: run.originalUriBaseIds.SRCROOT.uri,
    };
  }

  it('relative to the working folder by default, with the base in originalUriBaseIds', async () => {
    const { uris, base } = locations((await check([FIXTURE, '-f', 'sarif'])).stdout);
    expect(base).toBe(`${pathToFileURL(process.cwd()).href}/`);
    for (const u of uris) expect(u).toEqual({ uri: relative(process.cwd(), FIXTURE), uriBaseId: 'SRCROOT' });
  });

  it('a template outside the base is a relative reference too, never an absolute file:/// URI; --base-dir moves the base', async () => {
    const outside = join(tmp, 'dir with space', 'outside.template.json');
    mkdirSync(join(outside, '..'), { recursive: true });
    writeFileSync(outside, JSON.stringify({ Resources: { B: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: true } } } } }));
    const { uris, base } = locations((await check([outside, '-f', 'sarif'])).stdout);
    expect(uris.length).toBeGreaterThan(0);
    for (const u of uris) {
      expect(u.uri).not.toMatch(/^file:/);
      expect(u.uriBaseId).toBe('SRCROOT');
      expect(fileURLToPath(new URL(u.uri, base))).toBe(outside);
    }
    const moved = locations((await check([outside, '-f', 'sarif', '--base-dir', join(tmp, 'dir with space')])).stdout);
    expect(moved.base).toBe(`${pathToFileURL(join(tmp, 'dir with space')).href}/`);
    for (const u of moved.uris) expect(u).toEqual({ uri: 'outside.template.json', uriBaseId: 'SRCROOT' });
  });

  it('--base-dir must be a folder', async () => {
    const r = await check([FIXTURE, '-f', 'sarif', '--base-dir', join(tmp, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--base-dir .*nope: not a directory/);
  });
});
