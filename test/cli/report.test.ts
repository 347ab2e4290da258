/**
 * The "hook answered" log line (docs/log-format.md, logFormatVersion 1) and `pipeline-guard report`.
 * Every log line here is produced by running the hook entries (registry mode and Lambda-hook mode) with a
 * captured sink and a clock set to the scenario's day — none is written by hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, parseExport, reportText, type Report } from '../../src/cli/report';
import { main } from '../../src/cli/main';
import { handleHookEvent, LOG_FORMAT_VERSION } from '../../src/protocol/hook';
import { CONFIG_ENV, handleLambdaHookEvent, resetConfigCache } from '../../src/protocol/lambda-hook';
import { REGISTRY } from '../../src/engine/registry';
import { buildRequest, codebuildProject, compliantProperties, type RequestOptions } from '../helpers/requests';

const A = '111111111111';
const B = '222222222222';
const WARN_ONLY = ['CICD.CODEBUILD.5', 'CICD.CODEBUILD.9', 'CICD.S3.2'];
/**
 * The scenario's controls; every other one is disabled, so that the counts below depend only on these
 * (the catalogue grows; a control added later must not change this test's arithmetic).
 */
const ENABLED = new Set(['CICD.CODEBUILD.1', 'CICD.CODEBUILD.2', 'CICD.CODEBUILD.5', 'CICD.CODEBUILD.9', 'CICD.S3.1', 'CICD.S3.2', 'CICD.S3.3', 'CICD.S3.4']);
const CONFIG = { WarnOnlyControls: WARN_ONLY, DisabledControls: [...REGISTRY.ids].filter((id) => !ENABLED.has(id)) };
const SECRET_VALUE = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const CALLER_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'; // in buildRequest's callerCredentials

const stackId = (account: string, stack: string) => `arn:aws:cloudformation:eu-west-1:${account}:stack/${stack}/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f`;

let invocations = 0;

/** One hook invocation on a given day; returns the lines the hook wrote. */
async function invoke(mode: 'registry' | 'lambda', date: string, account: string, stack: string, o: RequestOptions, config: unknown = CONFIG): Promise<string[]> {
  const lines: string[] = [];
  const now = () => new Date(`${date}T10:00:00Z`);
  const event = { ...buildRequest({ ...o, stackId: stackId(account, stack) }), awsAccountId: account, clientRequestToken: `${date}-${account}-${stack}-${o.logicalId ?? 'Resource'}-${++invocations}` };
  if (mode === 'registry') {
    await handleHookEvent({ ...event, hookModel: config }, { now, sink: { write: (l) => lines.push(l) }, deliver: undefined });
  } else {
    await handleLambdaHookEvent({ ...event, hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111111111111:function:pg' } }, {
      now,
      sink: { write: (l) => lines.push(l) },
      deliver: undefined,
      env: { [CONFIG_ENV]: typeof config === 'string' ? config : JSON.stringify(config) },
    });
  }
  return lines;
}

const bucket = (change: Record<string, unknown> = {}, drop: string[] = []) => {
  const p = { ...compliantProperties('AWS::S3::Bucket'), ...change };
  for (const k of drop) delete p[k];
  return p;
};

let lines: string[] = [];
const parsedLine = (i: number) => JSON.parse(lines[i]) as Record<string, unknown>;

beforeAll(async () => {
  resetConfigCache();
  const steps: Array<() => Promise<string[]>> = [
    // 0: day 1, account A: privileged build (warn-only CICD.CODEBUILD.5), through the Lambda-hook mode
    () => invoke('lambda', '2026-06-01', A, 'app-a', { type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject({ PrivilegedMode: 'true' }) }),
    // 1: day 2, account B: an image outside AllowedBuildImages (warn-only CICD.CODEBUILD.9), registry mode
    () => invoke('registry', '2026-06-02', B, 'app-b', { type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject({ Image: 'someone/else:latest' }) }),
    // 2: day 2, account B: versioning suspended (warn-only CICD.S3.2)
    () => invoke('registry', '2026-06-02', B, 'app-b', { type: 'AWS::S3::Bucket', logicalId: 'Artifacts', properties: bucket({ VersioningConfiguration: { Status: 'Suspended' } }) }),
    // 3: day 16, account A: privileged again (CICD.CODEBUILD.5 keeps warning inside the window)
    () => invoke('lambda', '2026-06-16', A, 'app-a', { type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject({ PrivilegedMode: 'true' }) }),
    // 4: day 20, account B: no public access block (CICD.S3.4 enforcing → FAIL)
    () => invoke('registry', '2026-06-20', B, 'data', { type: 'AWS::S3::Bucket', logicalId: 'Lake', properties: bucket({}, ['PublicAccessBlockConfiguration']) }),
    // 5: day 20: a bad configuration (a hook error, not a finding)
    () => invoke('lambda', '2026-06-20', B, 'data', { type: 'AWS::S3::Bucket', logicalId: 'Lake', properties: bucket() }, { ...CONFIG, WarnOnlyControls: ['CICD.NOPE.1'] }),
    // 6: day 20: a plaintext secret in a build's environment (the value must never reach the log)
    () => invoke('registry', '2026-06-20', A, 'app-a', {
      type: 'AWS::CodeBuild::Project',
      logicalId: 'Leaky',
      properties: codebuildProject({ EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Type: 'PLAINTEXT', Value: SECRET_VALUE }] }),
    }),
  ];
  // days 15..21: compliant builds in A and compliant buckets in B (the evidence that the controls ran)
  for (let d = 15; d <= 21; d++) {
    const date = `2026-06-${d}`;
    steps.push(() => invoke(d % 2 === 0 ? 'lambda' : 'registry', date, A, 'app-a', { type: 'AWS::CodeBuild::Project', logicalId: 'Build', properties: codebuildProject() }));
    steps.push(() => invoke('registry', date, B, 'app-b', { type: 'AWS::S3::Bucket', logicalId: 'Artifacts', properties: bucket() }));
  }
  const results = [];
  for (const step of steps) results.push(await step());
  // each invocation wrote exactly one line, its "hook answered" line (so line i is step i)
  for (const r of results) {
    expect(r).toHaveLength(1);
    expect(JSON.parse(r[0]).msg).toBe('hook answered');
  }
  lines = results.flat();
});

describe('the "hook answered" line, logFormatVersion 1', () => {
  const EVALUATED = ['level', 'msg', 'clientRequestToken', 'logFormatVersion', 'awsAccountId', 'stackName', 'stackId', 'invocationPoint', 'targetName', 'targetLogicalId', 'hookStatus', 'failed', 'warned', 'passed', 'message', 'time'];

  test('the scenario produced the findings it was built for (failed = blocking, warned = warn-only)', () => {
    expect(parsedLine(0)).toMatchObject({ hookStatus: 'SUCCESS', warned: ['CICD.CODEBUILD.5'], failed: [] });
    expect(parsedLine(1)).toMatchObject({ hookStatus: 'SUCCESS', warned: ['CICD.CODEBUILD.9'], failed: [] });
    expect(parsedLine(2)).toMatchObject({ hookStatus: 'SUCCESS', warned: ['CICD.S3.2'], failed: [] });
    expect(parsedLine(4)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant', warned: [], failed: ['CICD.S3.4'] });
    expect(parsedLine(5)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidTypeConfiguration', failed: [], warned: [], passed: [] });
    expect((parsedLine(6).failed as string[]).length).toBeGreaterThan(0);
  });

  test('fields are pinned: an evaluated answer', () => {
    const ok = parsedLine(1);
    expect(Object.keys(ok).sort()).toEqual([...EVALUATED].sort());
    const failed = parsedLine(4);
    expect(Object.keys(failed).sort()).toEqual([...EVALUATED, 'errorCode'].sort());
    expect(failed).toMatchObject({
      level: 'INFO',
      msg: 'hook answered',
      logFormatVersion: 1,
      awsAccountId: B,
      stackName: 'data',
      stackId: stackId(B, 'data'),
      invocationPoint: 'CREATE_PRE_PROVISION',
      targetName: 'AWS::S3::Bucket',
      targetLogicalId: 'Lake',
      time: '2026-06-20T10:00:00.000Z',
    });
    expect(LOG_FORMAT_VERSION).toBe(1);
    // passed + failed + warned are the evaluated controls, each once; disabled (SKIPPED) ones are in none
    const ids = [...(ok.passed as string[]), ...(ok.failed as string[]), ...(ok.warned as string[])];
    expect([...ids].sort()).toEqual([...ENABLED].filter((id) => id.startsWith('CICD.CODEBUILD.')).sort());
  });

  test('fields are pinned: an error answer before any request could be parsed', async () => {
    const out: string[] = [];
    await handleHookEvent('not a request', { sink: { write: (l) => out.push(l) }, deliver: undefined, now: () => new Date('2026-06-01T00:00:00Z') });
    const rec = JSON.parse(out[0]);
    expect(Object.keys(rec).sort()).toEqual(['level', 'msg', 'logFormatVersion', 'hookStatus', 'errorCode', 'failed', 'warned', 'passed', 'message', 'time'].sort());
    expect(rec).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest', failed: [], warned: [], passed: [] });
  });

  test('never a secret: neither the request credentials nor a plaintext secret value from the properties', () => {
    const all = lines.join('\n');
    expect(all).not.toContain(CALLER_SECRET);
    expect(all).not.toContain(SECRET_VALUE);
    expect(all).not.toMatch(/callerCredentials|secretAccessKey|sessionToken/);
  });
});

describe('reading exports', () => {
  const jsonl = () => lines.join('\n');
  const reportOf = (text: string): Report => buildReport(parseExport(text), { days: 7 });

  test('JSON Lines with other log lines, blanks and prefixes (a timestamp and a tab) in between', () => {
    const noisy = lines.flatMap((l, i) => [i % 3 === 0 ? `2026-06-01T10:00:00.000Z\t${l}` : l, '', '{"level":"WARN","msg":"log delivery failed"}', 'START RequestId: 1 Version: $LATEST']).join('\n');
    const p = parseExport(noisy);
    expect(p.records).toHaveLength(lines.length);
    expect(p.ignored).toBe(lines.length * 2);
    expect(reportOf(noisy)).toEqual({ ...reportOf(jsonl()), ignored: lines.length * 2 });
  });

  test('the same lines give the same report from every export format', () => {
    const base = reportOf(jsonl());
    const events = JSON.stringify({ events: lines.map((message, i) => ({ logStreamName: 's', timestamp: i, message })) });
    const query = JSON.stringify({ status: 'Complete', results: lines.map((m) => [{ field: '@timestamp', value: '2026-06-01 10:00:00.000' }, { field: '@message', value: m }]) });
    const consoleJson = JSON.stringify(lines.map((m) => ({ '@timestamp': '2026-06-01 10:00:00.000', '@message': m })));
    const csv = ['@timestamp,@message', ...lines.map((m) => `2026-06-01 10:00:00.000,"${m.replace(/"/g, '""')}"`)].join('\n');
    for (const text of [events, query, consoleJson]) expect(reportOf(text)).toEqual(base);
    expect(reportOf(csv)).toEqual({ ...base, ignored: 1 }); // the header row
  });

  test('duplicates (overlapping exports) are counted once; unversioned and newer lines are skipped and counted', () => {
    const old = JSON.stringify({ level: 'INFO', msg: 'hook answered', hookStatus: 'FAILED', failed: ['CICD.S3.1'], time: '2026-06-01T00:00:00Z' });
    const newer = JSON.stringify({ ...parsedLine(4), logFormatVersion: LOG_FORMAT_VERSION + 1 });
    const p = parseExport([...lines, ...lines.slice(0, 3), old, newer].join('\n'));
    expect(p.records).toHaveLength(lines.length);
    expect(p).toMatchObject({ duplicates: 3, unversioned: 1, newer: 1 });
  });
});

describe('the report', () => {
  const report = () => buildReport(parseExport(lines.join('\n')), { days: 7, warnOnly: [...WARN_ONLY, 'CICD.CODEPIPELINE.1'] });

  test('findings by control, account, stack and day', () => {
    const r = report();
    const leaky = parsedLine(6).failed as string[];
    expect(r.answers).toBe(lines.filter((l) => JSON.parse(l).msg === 'hook answered').length);
    expect(r.hookErrors).toEqual({ InvalidTypeConfiguration: 1 });
    const byId = Object.fromEntries(r.byControl.map((c) => [c.id, c]));
    expect(byId['CICD.CODEBUILD.5']).toEqual({ id: 'CICD.CODEBUILD.5', fail: 0, warn: 2, resources: 1, stacks: 1, accounts: 1, lastSeen: '2026-06-16' });
    expect(byId['CICD.CODEBUILD.9']).toEqual({ id: 'CICD.CODEBUILD.9', fail: 0, warn: 1, resources: 1, stacks: 1, accounts: 1, lastSeen: '2026-06-02' });
    expect(byId['CICD.S3.2']).toMatchObject({ fail: 0, warn: 1, lastSeen: '2026-06-02' });
    expect(byId['CICD.S3.4']).toMatchObject({ fail: 1, warn: 0, lastSeen: '2026-06-20' });
    for (const id of leaky) expect(byId[id]).toMatchObject({ fail: 1, lastSeen: '2026-06-20' });
    expect(r.byControl).toHaveLength(4 + leaky.length);
    expect(r.totals).toEqual({ fail: 1 + leaky.length, warn: 4, resources: 5, stacks: 3, accounts: 2 });
    expect(r.byAccount).toEqual(expect.arrayContaining([{ account: A, fail: leaky.length, warn: 2 }, { account: B, fail: 1, warn: 2 }]));
    expect(r.byStack).toEqual(expect.arrayContaining([
      { account: A, stack: 'app-a', fail: leaky.length, warn: 2 },
      { account: B, stack: 'app-b', fail: 0, warn: 2 },
      { account: B, stack: 'data', fail: 1, warn: 0 },
    ]));
    expect(r.byDay).toEqual([
      { day: '2026-06-01', fail: 0, warn: 1 },
      { day: '2026-06-02', fail: 0, warn: 2 },
      { day: '2026-06-16', fail: 0, warn: 1 },
      { day: '2026-06-20', fail: 1 + leaky.length, warn: 0 },
    ]);
  });

  test('ready to enforce: evaluated in the last N days without findings; findings in the window or no evidence are not', () => {
    const rd = report().readiness;
    expect(rd).toMatchObject({ days: 7, covered: true, windowEnd: '2026-06-21T10:00:00.000Z', windowStart: '2026-06-14T10:00:00.000Z' });
    expect(rd.ready.map((c) => c.id)).toEqual(['CICD.CODEBUILD.9', 'CICD.S3.2']);
    expect(rd.ready.every((c) => c.evaluations >= 7)).toBe(true);
    expect(rd.notReady).toEqual([{ id: 'CICD.CODEBUILD.5', findings: 1, lastFinding: '2026-06-16' }]);
    expect(rd.noEvidence).toEqual(['CICD.CODEPIPELINE.1']);
  });

  test('a longer quiet period makes CICD.CODEBUILD.5 ready too (--now moves the window)', () => {
    const later = buildReport(parseExport(lines.join('\n')), { days: 3, warnOnly: WARN_ONLY, now: new Date('2026-06-21T23:59:59Z') });
    expect(later.readiness.ready.map((c) => c.id)).toEqual(['CICD.CODEBUILD.5', 'CICD.CODEBUILD.9', 'CICD.S3.2']);
  });

  test('an export shorter than --days declares nothing ready', () => {
    const r = buildReport(parseExport(lines.join('\n')), { days: 30, warnOnly: WARN_ONLY });
    expect(r.readiness.covered).toBe(false);
    expect(r.readiness.ready).toEqual([]);
    expect(reportText(r, 'x')).toMatch(/none can be declared ready: the export starts on 2026-06-01/);
  });

  test('without --warn-only every evaluated control without findings is listed, warn-only ones marked', () => {
    const r = buildReport(parseExport(lines.join('\n')), { days: 7 });
    const ids = r.readiness.ready.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['CICD.CODEBUILD.9', 'CICD.S3.2', 'CICD.S3.1']));
    expect(ids).not.toContain('CICD.CODEBUILD.5');
    expect(ids).not.toContain('CICD.S3.4');
    expect(r.readiness.ready.find((c) => c.id === 'CICD.CODEBUILD.9')?.warnOnly).toBe(true);
    expect(r.readiness.ready.find((c) => c.id === 'CICD.S3.1')?.warnOnly).toBe(false);
  });
});

describe('pipeline-guard report (the command)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-report-'));
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  test('--format json writes the report; text names the sections and the ready controls', async () => {
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, lines.join('\n'));
    const out = join(dir, 'report.json');
    expect(await main(['report', file, '--days', '7', '--warn-only', [...WARN_ONLY, 'CICD.CODEPIPELINE.1'].join(','), '--format', 'json', '--output', out])).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(JSON.stringify(buildReport(parseExport(lines.join('\n')), { days: 7, warnOnly: [...WARN_ONLY, 'CICD.CODEPIPELINE.1'] }))));
    const txt = join(dir, 'report.txt');
    expect(await main(['report', file, '--days=7', '--output', txt])).toBe(0);
    const text = readFileSync(txt, 'utf8');
    for (const s of ['By control', 'By account', 'By stack', 'By day (UTC)', 'Ready to enforce', 'Not ready', 'Hook errors']) expect(text).toContain(s);
    expect(text).toMatch(/CICD\.CODEBUILD\.9 +\(evaluated \d+ times; warn-only: remove it from WarnOnlyControls\)/);
  });

  test('usage errors and unreadable files exit 2', async () => {
    expect(await main(['report'])).toBe(2);
    expect(await main(['report', 'x.jsonl', '--days', '0'])).toBe(2);
    expect(await main(['report', 'x.jsonl', '--now', 'yesterday'])).toBe(2);
    expect(await main(['report', join(dir, 'missing.jsonl')])).toBe(2);
  });

  test('a file with no hook lines says so on stderr and reports nothing', async () => {
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '{"msg":"something else"}\n');
    const out = join(dir, 'empty.txt');
    expect(await main(['report', file, '--output', out])).toBe(0);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/no "hook answered" lines of log format 1/);
    expect(readFileSync(out, 'utf8')).toMatch(/0 hook answers/);
  });
});
