/**
 * Hostile templates for `pipeline-guard check`: whatever a file contains, the command answers with an
 * exit code (0, 1 or 2), never throws, keeps JSON output parseable, and never prints a planted secret.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { hostileObject, nested, secretArb } from './generators';

let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipeline-guard-check-fuzz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(content: string, format = 'json'): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `t${n++}.template.json`);
  writeFileSync(file, content);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const outcome = await runCheckCommand(parseCheckArgs([file, '--format', format]), {
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    stdoutTty: false,
    stderrTty: false,
    env: {},
  });
  return { code: outcome.code, stdout: stdout.join(''), stderr: stderr.join('') };
}

const resourceArb = fc.record({
  Type: fc.oneof(fc.constantFrom('AWS::CodeBuild::Project', 'AWS::S3::Bucket', 'AWS::IAM::Role', 'AWS::CodePipeline::Pipeline', 'AWS::KMS::Key'), fc.string({ maxLength: 20 })),
  Properties: fc.oneof(fc.dictionary(fc.string({ maxLength: 16 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 }), fc.jsonValue({ maxDepth: 2 })),
});

test('random templates: exit 0/1/2, parseable JSON report, no throw', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), resourceArb, { maxKeys: 4 }).map((r) => JSON.stringify({ Resources: r })),
        fc.string({ maxLength: 200 }),
      ),
      async (content) => {
        const { code, stdout } = await check(content);
        expect([0, 1, 2]).toContain(code);
        if (code !== 2) expect(() => JSON.parse(stdout)).not.toThrow();
      },
    ),
    { numRuns: 100 },
  );
});

test('hostile shapes: prototype keys, deep nesting, intrinsics of the wrong shape', async () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const cases = [
    JSON.stringify({ Resources: { P: { Type: 'AWS::CodeBuild::Project', Properties: hostileObject() } } }),
    '{"Resources":{"__proto__":{"Type":"AWS::S3::Bucket"},"constructor":{"Type":"AWS::S3::Bucket","Properties":{"__proto__":{"x":1}}}}}',
    // 5,000 levels, written as text (JSON.stringify itself would recurse that deep)
    `{"Resources":{"P":{"Type":"AWS::CodeBuild::Project","Properties":{"Environment":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}}}`,
    JSON.stringify({ Resources: { P: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: nested(60) } } } }),
    JSON.stringify({ Resources: { P: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { 'Fn::If': 'x' }, Name: { Ref: ['a'] }, X: { 'Fn::Join': 5 }, Y: { 'Fn::Sub': [1, 2, 3] }, Z: { 'Fn::GetAtt': {} } } } } }),
    JSON.stringify({ Conditions: { C: { 'Fn::Equals': 'x' }, D: { Condition: 'D' } }, Resources: { P: { Type: 'AWS::S3::Bucket', Condition: 'D', Properties: { A: { 'Fn::If': ['C', 1, 2] } } } } }),
    JSON.stringify({ Resources: { P: { Type: 'AWS::S3::Bucket', Properties: { A: { Ref: 'P' }, B: { 'Fn::GetAtt': ['P', 'Arn'] } } } } }),
    `Resources:\n  P:\n    Type: AWS::S3::Bucket\n    Properties:\n      A: &a [*a]\n`,
    `Resources:\n  P:\n    Type: AWS::S3::Bucket\n    Properties: !Sub [1, !Ref]\n`,
  ];
  for (const content of cases) {
    const { code, stdout } = await check(content);
    expect([0, 1, 2]).toContain(code);
    if (code !== 2) expect(() => JSON.parse(stdout)).not.toThrow();
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
});

test('a planted secret in a template is never printed (text and json reports)', async () => {
  await fc.assert(
    fc.asyncProperty(secretArb, fc.constantFrom('value', 'name', 'logicalId', 'envVar'), fc.constantFrom('text', 'json'), async ({ secret, never }, place, format) => {
      const props: Record<string, unknown> = { Environment: { Image: 'aws/codebuild/standard:7.0' } };
      let logicalId = 'Project';
      if (place === 'value') props.Description = secret;
      if (place === 'name') props[secret] = 'x';
      if (place === 'logicalId') logicalId = secret;
      if (place === 'envVar') props.Environment = { Image: 'aws/codebuild/standard:7.0', EnvironmentVariables: [{ Name: 'X', Value: secret }] };
      const { code, stdout, stderr } = await check(JSON.stringify({ Resources: { [logicalId]: { Type: 'AWS::CodeBuild::Project', Properties: props } } }), format);
      expect([0, 1, 2]).toContain(code);
      expect(never.filter((s) => `${stdout}\n${stderr}`.includes(s))).toEqual([]);
    }),
    { numRuns: 60 },
  );
});
