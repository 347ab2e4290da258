/**
 * `pipeline-guard check` reads templates strictly, as cfn-lint does (E0000): duplicate keys, unknown YAML
 * tags and excessive nesting are input errors (exit 2) naming file:line, never a silent last-value-wins.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pg-strict-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const outcome = await runCheckCommand(parseCheckArgs(args), {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutTty: false,
    stderrTty: false,
    env: {},
  });
  return { code: outcome.code, stdout, stderr };
}

const PRIVILEGED_PROJECT = '{ "Type": "AWS::CodeBuild::Project", "Properties": { "Environment": { "PrivilegedMode": true } } }';

it('a JSON template that redefines a project as a queue is exit 2 naming file:line, not "no resource" and exit 0', async () => {
  const file = join(tmp, 'redefined.json');
  writeFileSync(file, ['{', '  "Resources": {', `    "Build": ${PRIVILEGED_PROJECT},`, '    "Build": { "Type": "AWS::SQS::Queue" }', '  }', '}'].join('\n'));
  const r = await check(file);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/redefined\.json:4: duplicate key "Build" \(first at line 3\)/);
});

it('a YAML template with an unknown tag is exit 2 naming file:line and the tag', async () => {
  const file = join(tmp, 'secret-tag.yaml');
  writeFileSync(file, 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: !Secret {Status: Enabled}\n');
  const r = await check(file);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/secret-tag\.yaml:5: unknown tag !Secret/);
});

it('a YAML template with a duplicate key is exit 2', async () => {
  const file = join(tmp, 'dup.yaml');
  writeFileSync(file, 'Resources:\n  Build:\n    Type: AWS::CodeBuild::Project\n    Properties:\n      Environment:\n        PrivilegedMode: true\n        PrivilegedMode: false\n');
  const r = await check(file);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/dup\.yaml:7: duplicate key "PrivilegedMode"/);
});

it('deep nesting is exit 2 with a clear message, not a stack overflow', async () => {
  const file = join(tmp, 'deep.json');
  writeFileSync(file, `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": ${'['.repeat(20000)}${']'.repeat(20000)}}}}}`);
  const r = await check(file);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/deep\.json:1: nested deeper than \d+ levels/);
  expect(r.stderr).not.toMatch(/call stack/i);
});

it('in a directory search, a broken file that declares AWS resources is an error; other YAML files are still skipped', async () => {
  const dir = join(tmp, 'repo');
  mkdirSync(join(dir, '.github'), { recursive: true });
  // a CI file with a tag CloudFormation does not know: not a template, skipped as before
  writeFileSync(join(dir, '.github', 'ci.yml'), 'include: !reference [.setup, script]\n');
  writeFileSync(join(dir, 'ok.yaml'), 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n');
  expect((await check(dir)).code).toBe(0);
  writeFileSync(join(dir, 'stack.yaml'), 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: !Secret {Status: Enabled}\n');
  const r = await check(dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/stack\.yaml:5: unknown tag !Secret/);
});
