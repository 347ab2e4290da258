/** `pipeline-guard check` as users run it: the bundled CLI in a child process (exit codes, stdout carries only the report). */
import { ensureBuilt } from '../helpers/built';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTRY } from '../../src/engine/registry';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'templates', 'build-project.yaml');
let tmp: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'pg-check-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.PIPELINE_GUARD_LOG; // as a user would run it: main defaults the hook logs to stderr, check turns them off
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('exit 1 with a FAIL; stdout is exactly the JSON report and stderr is empty', () => {
  const r = cli(FIXTURE, '--format', 'json');
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  const doc = JSON.parse(r.stdout) as { findings: Array<{ logicalId: string; controlId: string; status: string }> };
  expect(doc.findings.find((f) => f.logicalId === 'PrivilegedBuild' && f.controlId === 'CICD.CODEBUILD.5')?.status).toBe('FAIL');
});

it('exit 0 when nothing fails', () => {
  const config = join(tmp, 'config.json');
  writeFileSync(config, JSON.stringify({ DisabledControls: [...REGISTRY.ids].filter((id) => id !== 'CICD.CODEBUILD.5') }));
  const template = join(tmp, 'ok.template.json');
  writeFileSync(template, JSON.stringify({ Resources: { B: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: 'false' } } } } }));
  const r = cli(template, '--config', config);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/0 FAIL, 0 UNKNOWN, 0 WARN, 1 PASS/);
});

it('exit 2 for unreadable input and for an invalid configuration, saying which file and why', () => {
  const missing = cli(join(tmp, 'nope.yaml'));
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/nope\.yaml: does not exist/);
  expect(missing.stdout).toBe('');

  const bad = join(tmp, 'bad-config.json');
  writeFileSync(bad, JSON.stringify({ WarnOnlyControls: ['CICD.NOPE.1'] }));
  const r = cli(FIXTURE, '--config', bad);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/bad-config\.json: invalid type configuration: property WarnOnlyControls\[0\] names an unknown control ID/);
});

it('exit 2 with the usage for a usage error', () => {
  const r = cli();
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/check needs at least one path/);
  expect(r.stderr).toMatch(/--fail-on-unknown/);
});
