/**
 * Report rows are built from the engine's structured evaluation (HookDeps.onEvaluation), not from the
 * wire text: statuses from outcome.status/warnOnly, one row per finding and per UNKNOWN value, each with
 * its own property path in the one path style, in every format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { rowsOfOutcome, type CheckFinding } from '../../src/cli/check/run';
import type { ControlOutcome } from '../../src/engine/evaluate';
import { REGISTRY } from '../../src/engine/registry';

const PUBLIC_POLICY = 'CICD.S3.6';
const PUBLIC_ACCESS_BLOCK = 'CICD.S3.4';
const ARTIFACTS_ENCRYPTED = 'CICD.CODEBUILD.6';
const PRIVILEGED = 'CICD.CODEBUILD.5';

let tmp: string;
let n = 0;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'pg-check-rows-'));
  for (const id of [PUBLIC_POLICY, PUBLIC_ACCESS_BLOCK, ARTIFACTS_ENCRYPTED, PRIVILEGED]) expect(REGISTRY.byId(id)).toBeDefined();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(value: unknown, name = `t${n++}.template.json`): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

/** These templates hold lone buckets and policies: judged with Scope all (Scope pipeline would skip them as unrelated). */
async function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const withScope = args.includes('--config') ? args : [...args, '--config', write({ Scope: 'all' }, `all-${n++}.json`)];
  const outcome = await runCheckCommand(parseCheckArgs(withScope), {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutTty: false,
    stderrTty: false,
    env: {},
  });
  return { code: outcome.code, stdout, stderr };
}

async function jsonRows(file: string, ...args: string[]): Promise<CheckFinding[]> {
  const r = await check([file, '--format', 'json', ...args]);
  return (JSON.parse(r.stdout) as { findings: CheckFinding[] }).findings;
}

const DENY_HTTP = {
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const PUBLIC_READ = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' };
const PUBLIC_WRITE = { Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::my-bucket/*' };

function bucketPolicy(statements: unknown[]): Record<string, unknown> {
  return { Resources: { Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: 'my-bucket', PolicyDocument: { Version: '2012-10-17', Statement: statements } } } } };
}

describe('B3: the finding keeps its path', () => {
  it('a public bucket policy statement is reported at PolicyDocument.Statement[0], not PolicyDocument', async () => {
    const rows = (await jsonRows(write(bucketPolicy([PUBLIC_READ])))).filter((f) => f.controlId === PUBLIC_POLICY);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'FAIL', logicalId: 'Policy', path: 'PolicyDocument.Statement[0]' });
  });

  it('several findings of one control: one row each, each with its own path (json, sarif, text, markdown)', async () => {
    const file = write(bucketPolicy([DENY_HTTP, PUBLIC_READ, PUBLIC_WRITE]));
    const rows = (await jsonRows(file)).filter((f) => f.controlId === PUBLIC_POLICY);
    expect(rows.map((f) => [f.status, f.path])).toEqual([
      ['FAIL', 'PolicyDocument.Statement[1]'],
      ['FAIL', 'PolicyDocument.Statement[2]'],
    ]);

    const sarif = JSON.parse((await check([file, '--format', 'sarif'])).stdout);
    const results = sarif.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === PUBLIC_POLICY);
    expect(results.map((x: { properties: { propertyPath: string } }) => x.properties.propertyPath)).toEqual(['PolicyDocument.Statement[1]', 'PolicyDocument.Statement[2]']);
    for (const x of results) expect(x.message.text).toContain(x.properties.propertyPath);
    const prints = sarif.runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => Object.values(x.partialFingerprints)[0]);
    expect(new Set(prints).size).toBe(prints.length);

    const text = (await check([file])).stdout;
    expect(text).toMatch(/FAIL +\S+ +CICD\.S3\.6 +.*PolicyDocument\.Statement\[1\]/);
    expect(text).toMatch(/FAIL +\S+ +CICD\.S3\.6 +.*PolicyDocument\.Statement\[2\]/);
    const md = (await check([file, '--format', 'markdown'])).stdout;
    // the findings table stays narrow; each finding's message (with its path) is in the numbered list below it
    expect(md.split('\n').filter((l) => /^\d+\. \*\*CICD\.S3\.6\*\*/.test(l)).map((l) => /PolicyDocument\.Statement\[\d\]/.exec(l)?.[0])).toEqual(['PolicyDocument.Statement[1]', 'PolicyDocument.Statement[2]']);
  });

  it('the summary counts rows: one FAIL per finding', async () => {
    const r = await check([write(bucketPolicy([DENY_HTTP, PUBLIC_READ, PUBLIC_WRITE])), '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { findings: CheckFinding[]; summary: { fail: number } };
    expect(doc.summary.fail).toBe(doc.findings.filter((f) => f.status === 'FAIL').length);
    expect(doc.findings.filter((f) => f.controlId === PUBLIC_POLICY && f.status === 'FAIL')).toHaveLength(2);
  });
});

describe('UNKNOWN rows carry the path of the value the hook cannot decide', () => {
  it('one row per unresolved value, list items in brackets', async () => {
    const file = write({
      Parameters: { P: { Type: 'String' }, Q: { Type: 'String' } },
      Resources: {
        Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: { Ref: 'P' }, BlockPublicPolicy: { Ref: 'Q' }, IgnorePublicAcls: true, RestrictPublicBuckets: true } },
        },
        Project: {
          Type: 'AWS::CodeBuild::Project',
          Properties: {
            Environment: { PrivilegedMode: 'false', Image: 'aws/codebuild/standard:7.0' },
            SecondaryArtifacts: [
              { Type: 'S3', ArtifactIdentifier: 'a', EncryptionDisabled: 'false' },
              { Type: 'S3', ArtifactIdentifier: 'b', EncryptionDisabled: { Ref: 'P' } },
            ],
          },
        },
      },
    });
    const rows = await jsonRows(file);
    const block = rows.filter((f) => f.controlId === PUBLIC_ACCESS_BLOCK);
    expect(block.map((f) => [f.status, f.path])).toEqual([
      ['UNKNOWN', 'PublicAccessBlockConfiguration.BlockPublicAcls'],
      ['UNKNOWN', 'PublicAccessBlockConfiguration.BlockPublicPolicy'],
    ]);
    expect(block[1].message).toMatch(/^PublicAccessBlockConfiguration\.BlockPublicPolicy: .*\bQ\b/);
    const artifacts = rows.filter((f) => f.controlId === ARTIFACTS_ENCRYPTED);
    expect(artifacts.map((f) => [f.status, f.path])).toEqual([['UNKNOWN', 'SecondaryArtifacts[1].EncryptionDisabled']]);
  });
});

describe('statuses come from the outcome, not from the message text', () => {
  const control = REGISTRY.byId(PRIVILEGED)!;
  const outcome = (o: Partial<ControlOutcome>): ControlOutcome => ({ control, status: 'FAIL', findings: [], unknowns: [], warnOnly: false, ...o });

  it('a FAIL is FAIL whatever its message says; warn-only makes it WARN whatever its message says', () => {
    const misleading = [{ path: 'Environment.PrivilegedMode', message: 'WARN (warn-only, not blocking): UNKNOWN: looks like a warning' }];
    expect(rowsOfOutcome(outcome({ findings: misleading })).map((r) => r.status)).toEqual(['FAIL']);
    const plain = [{ path: 'Environment.PrivilegedMode', message: 'Environment.PrivilegedMode is true' }];
    expect(rowsOfOutcome(outcome({ findings: plain, warnOnly: true }))).toMatchObject([{ status: 'WARN', path: 'Environment.PrivilegedMode', message: 'Environment.PrivilegedMode is true' }]);
  });

  it('UNKNOWN: one row per unknown with its path; warn-only makes them WARN and says UNKNOWN', () => {
    const unknowns = [
      { path: 'Environment.PrivilegedMode', why: 'Ref to P is not resolvable from the template' },
      { path: 'Environment.Image', why: 'Ref to Q is not resolvable from the template' },
    ];
    const findings = [{ path: 'Environment', message: 'Environment is not what it should be' }];
    expect(rowsOfOutcome(outcome({ status: 'UNKNOWN', unknowns, findings })).map((r) => [r.status, r.path])).toEqual([
      ['UNKNOWN', 'Environment.PrivilegedMode'],
      ['UNKNOWN', 'Environment.Image'],
    ]);
    const warn = rowsOfOutcome(outcome({ status: 'UNKNOWN', unknowns, warnOnly: true }));
    expect(warn.map((r) => r.status)).toEqual(['WARN', 'WARN']);
    expect(warn[0].message).toBe('UNKNOWN: Environment.PrivilegedMode: Ref to P is not resolvable from the template');
  });

  it('PASS and SKIPPED are one row without a path; an exemption is carried as data', () => {
    expect(rowsOfOutcome(outcome({ status: 'PASS' }))).toMatchObject([{ status: 'PASS', path: '', message: `${control.title}.` }]);
    const exemption = { ControlId: PRIVILEGED, StackName: '*', LogicalId: 'B', Reason: 'docker images', ExpiresOn: '2099-01-01' };
    const [skipped] = rowsOfOutcome(outcome({ status: 'SKIPPED', exemption, skipReason: 'exempted until 2099-01-01: docker images' }));
    expect(skipped).toMatchObject({ status: 'SKIPPED', path: '', exemption: { reason: 'docker images', expiresOn: '2099-01-01', expired: false } });
    const expired = rowsOfOutcome(outcome({ findings: [{ path: 'Environment.PrivilegedMode', message: 'Environment.PrivilegedMode is true' }], expiredExemption: { ...exemption, ExpiresOn: '2020-01-01' } }));
    expect(expired).toMatchObject([{ status: 'FAIL', exemption: { expired: true, expiresOn: '2020-01-01' } }]);
    expect(expired[0].message).toContain('expired on 2020-01-01');
  });

  it('end to end: a warn-only control is WARN, the message without the wire prefix', async () => {
    const config = write({ WarnOnlyControls: [PUBLIC_POLICY], Scope: 'all' }, 'warn-only.json');
    const rows = (await jsonRows(write(bucketPolicy([PUBLIC_READ])), '--config', config)).filter((f) => f.controlId === PUBLIC_POLICY);
    expect(rows).toMatchObject([{ status: 'WARN', path: 'PolicyDocument.Statement[0]' }]);
    expect(rows[0].message).not.toMatch(/WARN/);
  });
});

describe('exemptions in the json report, redacted', () => {
  it('an applied exemption is reported with its reason and expiry; a secret in the reason is never echoed', async () => {
    const secret = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    // within MaximumExemptionDays (365) of the real today: check validates against the clock
    const expiresOn = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const config = write({ Exemptions: [{ ControlId: PRIVILEGED, StackName: '*', LogicalId: 'Build', Reason: `images; token ${secret}`, ExpiresOn: expiresOn }] }, 'exempt.json');
    const template = write({ Resources: { Build: { Type: 'AWS::CodeBuild::Project', Properties: { Environment: { PrivilegedMode: true, Image: 'aws/codebuild/standard:7.0' } } } } });
    const r = await check([template, '--config', config, '--format', 'json']);
    expect(r.stdout).not.toContain(secret);
    const row = (JSON.parse(r.stdout) as { findings: CheckFinding[] }).findings.find((f) => f.controlId === PRIVILEGED);
    expect(row).toMatchObject({ status: 'SKIPPED', exemption: { expiresOn, expired: false } });
    expect(row?.exemption?.reason).toBe('images; token [REDACTED]');
    expect(row?.message).toContain('images; token [REDACTED]');
    for (const format of ['text', 'markdown', 'sarif']) expect((await check([template, '--config', config, '--format', format])).stdout).not.toContain(secret);
  });
});
