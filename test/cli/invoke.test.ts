/** `pipeline-guard invoke` runs the real entry point on a raw request: exit 0 SUCCESS, 1 FAILED, 2 unreadable. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../helpers/built';
import { buildRequest, codebuildProject } from '../helpers/requests';
import { startSeededMoto, type SeededMoto } from '../helpers/seed';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'pg-invoke-'));

const compliant = () => buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject() });

// `invoke` runs the real entry point, live lookups on: what the compliant request names (its role, key, log
// group) exists, compliant, in a moto_server the child's SDK is pointed at
let moto: SeededMoto | undefined;

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, PIPELINE_GUARD_LOG: undefined, ...moto?.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  ensureBuilt();
  moto = await startSeededMoto([compliant()]);
}, 60000);

afterAll(async () => {
  await moto?.stop();
});

test('a compliant request: SUCCESS JSON on stdout, logs on stderr, exit 0', async () => {
  const file = join(dir, 'ok.json');
  writeFileSync(file, JSON.stringify(compliant()));
  const r = run(['invoke', file]);
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ hookStatus: 'SUCCESS' });
  expect(r.stderr).toContain('"msg":"hook answered"');
  // the SUCCESS was judged with live lookups: every seeded fact was looked up in moto
  expect({ seeded: moto!.seeded.length > 0, unsupported: moto!.unsupported, notLookedUp: await moto!.notLookedUp() }).toEqual({ seeded: true, unsupported: [], notLookedUp: [] });
});

test('a noncompliant request from stdin: FAILED NonCompliant, exit 1', () => {
  const r = run(['invoke', '-'], JSON.stringify(buildRequest({ type: 'AWS::CodeBuild::Project', properties: codebuildProject({ PrivilegedMode: 'True' }) })));
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stdout)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
});

test('text that is not JSON reaches the hook and is answered InvalidRequest, exit 1', () => {
  const r = run(['invoke', '-'], 'not json at all');
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stdout)).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InvalidRequest' });
});

test('an unreadable file: exit 2 naming the file', () => {
  const r = run(['invoke', join(dir, 'missing.json')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('missing.json');
  expect(r.stdout).toBe('');
});

test('usage: --help exits 0, unknown options and commands exit 2', () => {
  expect(run(['invoke', '--help']).code).toBe(0);
  expect(run(['controls', '--help']).code).toBe(0);
  expect(run(['invoke']).code).toBe(2);
  expect(run(['controls', '--bogus']).code).toBe(2);
  expect(run(['frobnicate']).code).toBe(2);
  expect(run([]).code).toBe(2);
});
