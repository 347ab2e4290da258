/**
 * Issue 16 part 2 in the CLI: text and markdown show the fix of every control that did not pass (the
 * remediation with its CDK hint), and for a finding only a platform exemption clears, the Exemptions entry
 * to request, filled with the stack name and logical ID only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { fixOf, markdownReport, textReport } from '../../src/cli/check/format';
import type { CheckFinding, CheckResult } from '../../src/cli/check/run';
import { REGISTRY } from '../../src/engine/registry';

const ROOT = join(__dirname, '..', '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'templates', 'build-project.yaml');
const PRIVILEGED = 'CICD.CODEBUILD.5';
const control = REGISTRY.byId(PRIVILEGED)!;
const TOKEN = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';

async function check(args: string[]): Promise<string> {
  let stdout = '';
  await runCheckCommand(parseCheckArgs(args), { stdout: (t) => void (stdout += t), stderr: () => undefined, stdoutTty: false, stderrTty: false, env: {} });
  return stdout;
}

function row(over: Partial<CheckFinding>): CheckFinding {
  return { file: 't.yaml', stack: 'app', logicalId: 'DockerAssets', resourceType: 'AWS::CodeBuild::Project', controlId: PRIVILEGED, status: 'FAIL', severity: 'HIGH', message: 'Environment.PrivilegedMode is true', path: 'Environment.PrivilegedMode', ...over };
}

function result(findings: CheckFinding[]): CheckResult {
  const count = (s: string) => findings.filter((f) => f.status === s).length;
  return { findings, summary: { stacks: 1, resources: new Set(findings.map((f) => f.logicalId)).size, requests: 1, fail: count('FAIL'), warn: count('WARN'), unknown: count('UNKNOWN'), pass: count('PASS'), skipped: count('SKIPPED') } };
}

const ctx = { color: false, version: 'test', failOnUnknown: false };

function entriesIn(text: string): unknown[] {
  return [...text.matchAll(/\{"ControlId":[^}]*\}/g)].map((m) => JSON.parse(m[0]));
}

describe('text report', () => {
  test('a failing control shows its remediation and CDK hint under the resource, once', () => {
    const out = textReport(result([row({}), row({ path: 'Source.BuildSpec', message: 'Source.BuildSpec batch runs privileged' })]), ctx);
    const line = `fix ${PRIVILEGED}: ${control.remediation} (CDK: ${control.cdkHint})`;
    expect(out).toContain(line);
    expect(out.split(line).length - 1).toBe(1);
    expect(out.indexOf(line)).toBeGreaterThan(out.indexOf('Environment.PrivilegedMode is true'));
  });

  test('a FAIL of a control only an exemption can clear shows the entry to request, filled from the row', () => {
    const out = textReport(result([row({})]), { ...ctx, maximumExemptionDays: 30 });
    expect(out).toContain(`if ${control.exemptionHint}, only a platform exemption clears this`);
    expect(entriesIn(out)).toEqual([{ ControlId: PRIVILEGED, StackName: 'app', LogicalId: 'DockerAssets', Reason: '<why>', ExpiresOn: '<YYYY-MM-DD, at most 30 days ahead>' }]);
  });

  test('no fix for a PASS or SKIPPED row; no exemption entry for an UNKNOWN or a control without exemptionHint', () => {
    const versioning = REGISTRY.byId('CICD.S3.2')!;
    expect(versioning.exemptionHint).toBeUndefined();
    const out = textReport(
      result([row({ status: 'UNKNOWN', message: 'Environment.PrivilegedMode: Ref to Privileged is not resolvable' }), row({ logicalId: 'Bucket', controlId: 'CICD.S3.2', resourceType: 'AWS::S3::Bucket', severity: 'MEDIUM' }), row({ logicalId: 'Ok', status: 'PASS' })]),
      { ...ctx, includePassed: true },
    );
    expect(out).toContain(`fix CICD.S3.2: ${versioning.remediation} (CDK: ${versioning.cdkHint})`);
    expect(out).toContain(`fix ${PRIVILEGED}:`);
    expect(out.split(`fix ${PRIVILEGED}:`).length - 1).toBe(1); // the UNKNOWN row, not the PASS row
    expect(entriesIn(out)).toEqual([]);
    expect(fixOf(row({ status: 'PASS' }))).toBeUndefined();
    expect(fixOf(row({ status: 'SKIPPED' }))).toBeUndefined();
  });

  test('end to end: check prints the fix and the exemption entry with the configured MaximumExemptionDays, never a property value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-fixes-'));
    try {
      const template = {
        Resources: {
          DockerAssets: {
            Type: 'AWS::CodeBuild::Project',
            Properties: {
              Source: { Type: 'CODEPIPELINE' },
              Artifacts: { Type: 'CODEPIPELINE' },
              ServiceRole: 'arn:aws:iam::123456789012:role/build',
              Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', PrivilegedMode: true, EnvironmentVariables: [{ Name: 'GITHUB_TOKEN', Value: TOKEN }] },
            },
          },
        },
      };
      writeFileSync(join(dir, 'assets.json'), JSON.stringify(template));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ MaximumExemptionDays: '45' }));
      for (const format of ['text', 'markdown']) {
        const out = await check([join(dir, 'assets.json'), '-f', format, '-c', join(dir, 'config.json'), '--stack-name', 'assets-stack']);
        expect(out).toContain(control.remediation);
        expect(out).not.toContain(TOKEN);
        expect(out).not.toContain(TOKEN.slice(4, 20));
        const entries = format === 'text' ? entriesIn(out) : JSON.parse(/```json\n([\s\S]*?)```/.exec(out)![1]);
        expect(entries).toEqual([{ ControlId: PRIVILEGED, StackName: 'assets-stack', LogicalId: 'DockerAssets', Reason: '<why>', ExpiresOn: '<YYYY-MM-DD, at most 45 days ahead>' }]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the fixture: every failing control of the report has its fix line', async () => {
    const out = await check([FIXTURE]);
    const failing = new Set([...out.matchAll(/^ {4}(?:FAIL|UNKNOWN|WARN) +\S+ +(CICD\.[A-Z0-9]+\.\d+)/gm)].map((m) => m[1]));
    expect(failing.size).toBeGreaterThan(0);
    for (const id of failing) expect(out).toContain(`fix ${id}: ${REGISTRY.byId(id)!.remediation}`);
  });
});

describe('markdown report', () => {
  test('"How to fix" below the tables: one entry per control with remediation and CDK hint, the exemption entries as a JSON list', () => {
    const md = markdownReport(result([row({}), row({ logicalId: 'DockerAssets2' }), row({ logicalId: 'Bucket', controlId: 'CICD.S3.2', resourceType: 'AWS::S3::Bucket', severity: 'MEDIUM' })]), ctx);
    const at = md.indexOf('#### How to fix');
    expect(at).toBeGreaterThan(md.indexOf('#### Findings'));
    const fixes = md.slice(at);
    expect(fixes).toContain('](https://');
    expect(fixes).toContain(`- CDK: \`${control.cdkHint}\``);
    expect(fixes).toContain(`- CDK: \`${REGISTRY.byId('CICD.S3.2')!.cdkHint}\``);
    expect(fixes.match(/\[CICD\.CODEBUILD\.5\]/g)).toHaveLength(1);
    const list = JSON.parse(/```json\n([\s\S]*?)```/.exec(fixes)![1]);
    expect(list.map((e: { LogicalId: string }) => e.LogicalId)).toEqual(['DockerAssets', 'DockerAssets2']);
    // narrow: the table rows do not carry the fix text
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line).not.toContain(control.remediation.slice(0, 30));
  });

  test('a hint holding backticks stays one code span', () => {
    const logs = REGISTRY.byId('CICD.LOGS.1')!;
    expect(logs.cdkHint).toContain('`');
    const md = markdownReport(result([row({ logicalId: 'Logs', controlId: 'CICD.LOGS.1', resourceType: 'AWS::Logs::LogGroup', severity: 'MEDIUM', message: 'KmsKeyId is missing', path: 'KmsKeyId' })]), ctx);
    expect(md).toContain(`- CDK: \`\` ${logs.cdkHint} \`\``);
  });

  test('no "How to fix" section when nothing failed', () => {
    expect(markdownReport(result([row({ status: 'PASS' })]), ctx)).not.toContain('How to fix');
  });
});
