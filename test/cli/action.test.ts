/**
 * The composite GitHub Action (action.yml): its Check step runs `check` for SARIF and the job summary, its
 * Upload step hands the SARIF to code scanning, its Verdict step fails the job after both. The bash of
 * the Check and Verdict steps is run here as the runner would, with the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureBuilt } from '../helpers/built';

const ROOT = join(__dirname, '..', '..');

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }> };
const step = (name: string): Step => {
  const s = action.runs.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step ${name}`);
  return s;
};

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'pg-action-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function runCheck(name: string, inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const env = {
    PATH: process.env.PATH,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    CLI: join(ROOT, 'dist', 'cli.js'),
    PG_PATHS: inputs.path ?? action.inputs.path.default,
    PG_CONFIG: inputs.config ?? '',
    PG_THRESHOLD: inputs['severity-threshold'] ?? '',
    PG_FAIL_ON_UNKNOWN: inputs['fail-on-unknown'] ?? 'false',
    PG_ARGS: inputs.args ?? '',
    PG_SUMMARY: 'true',
    PG_BASE_DIR: ROOT,
  };
  writeFileSync(env.GITHUB_OUTPUT, '');
  const r = spawnSync('bash', ['-c', step('Check').run!], { cwd: ROOT, env, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, out: outputs(env.GITHUB_OUTPUT), summary: () => readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') };
}

function verdict(code: string, soft: string) {
  return spawnSync('bash', ['-c', step('Verdict').run!], { env: { PATH: process.env.PATH, CODE: code, SOFT: soft }, encoding: 'utf8' }).status;
}

it('is a composite action: install, check, upload SARIF (always, when there is one), verdict', () => {
  expect(action.runs.using).toBe('composite');
  expect(action.runs.steps.map((s) => s.name)).toEqual(['Install pipeline-guard', 'Check', 'Upload SARIF', 'Verdict']);
  expect(step('Upload SARIF').uses).toMatch(/^github\/codeql-action\/upload-sarif@v\d+$/);
  expect(step('Upload SARIF').if).toMatch(/always\(\)/);
  expect(step('Upload SARIF').with?.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  // inputs reach the scripts through the environment only, never spliced into the bash text
  for (const s of action.runs.steps) if (s.run) expect(s.run).not.toMatch(/\$\{\{/);
  expect(step('Install pipeline-guard').run).toMatch(/npm install .*--omit=dev/);
});

it('the Check step writes SARIF relative to the workspace and the markdown job summary, and records exit 1', () => {
  const r = runCheck('fail', { path: 'examples/insecure/cdk.out\nexamples/hardened/cdk.out', args: '--region eu-west-1' });
  expect(r.status).toBe(0); // the verdict comes last, after the upload
  expect(r.out['exit-code']).toBe('1');
  const sarif = JSON.parse(readFileSync(r.out['sarif-file'], 'utf8'));
  expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  for (const x of sarif.runs[0].results) expect(x.locations[0].physicalLocation.artifactLocation).toMatchObject({ uri: expect.stringMatching(/^examples\/(insecure|hardened)\/cdk\.out\/\w+\.template\.json$/), uriBaseId: 'SRCROOT' });
  expect(r.summary()).toMatch(/^### pipeline-guard: ❌ \d+ failing/);
});

it('severity-threshold and config reach check; exit 2 for bad input writes no summary', () => {
  const config = join(tmp, 'only-s3-2.json');
  const ids = JSON.parse(spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'controls', '-f', 'json'], { encoding: 'utf8' }).stdout) as Array<{ id: string }>;
  writeFileSync(config, JSON.stringify({ DisabledControls: ids.map((c) => c.id).filter((id) => id !== 'CICD.S3.2') }));
  const fixture = 'test/fixtures/templates/build-project.yaml';
  expect(runCheck('medium', { path: fixture, config }).out['exit-code']).toBe('1');
  expect(runCheck('high', { path: fixture, config, 'severity-threshold': 'HIGH' }).out['exit-code']).toBe('0');
  const bad = runCheck('bad', { path: 'does/not/exist.yaml' });
  expect(bad.out['exit-code']).toBe('2');
  expect(bad.out['sarif-file']).toBeUndefined();
  expect(() => bad.summary()).toThrow();
});

it('the Verdict step fails the job for 1 (unless soft-fail) and always for 2', () => {
  expect(verdict('0', 'false')).toBe(0);
  expect(verdict('1', 'false')).toBe(1);
  expect(verdict('1', 'true')).toBe(0);
  expect(verdict('2', 'true')).toBe(2);
});
