/**
 * Fn::ImportValue at stack level (issue 14): with lookups on, the exports a template imports are looked up
 * before the stack controls run (through the request's FactSource, here a table standing in for OUR
 * FactSource interface; the AWS side is tested against moto_server in test/cli/check-lookups.test.ts).
 * A found export is judged as its real value, a failed lookup is FAIL or UNKNOWN per LookupFailureMode,
 * a name the template does not decide stays UNKNOWN, and without lookups nothing changes.
 */
import type { FactRequest } from '../../src/model';
import { importNames } from '../../src/engine/imports';
import { tableLookups, type FactTableSpec } from '../helpers/facts';
import { ACCOUNT } from '../helpers/requests';
import { annotation, runStack } from '../helpers/stack';

const KEYS = 'CICD.STACK.7';
const EXTERNAL_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b1c2d3e-1111-2222-3333-444455556666`;

/** A pipeline project whose encryption key is imported from another stack; the stack also defines an alias and a key without rotation. */
function template(encryptionKey: unknown): Record<string, unknown> {
  return {
    Resources: {
      Build: {
        Type: 'AWS::CodeBuild::Project',
        Properties: {
          Name: 'build',
          ServiceRole: `arn:aws:iam::${ACCOUNT}:role/build`,
          Source: { Type: 'CODEPIPELINE' },
          Artifacts: { Type: 'CODEPIPELINE' },
          Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' },
          EncryptionKey: encryptionKey,
        },
      },
      WeakKey: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false, KeyPolicy: { Version: '2012-10-17', Statement: [] } } },
      WeakAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/weak', TargetKeyId: { Ref: 'WeakKey' } } },
    },
  };
}

async function run(encryptionKey: unknown, facts: FactTableSpec | undefined, config: Record<string, unknown> | null = null, asked: FactRequest[] = []) {
  const body = { template: JSON.stringify(template(encryptionKey)), previousTemplate: '' };
  return runStack(body, { hookModel: config }, facts ? { lookups: tableLookups(facts, asked) } : {});
}

function outcome(r: Awaited<ReturnType<typeof run>>, id = KEYS) {
  return r.evaluation?.outcomes.find((o) => o.control.id === id);
}

describe('export names a template decides', () => {
  it('literal names and Fn::Sub of pseudo parameters are collected; a parameter-named import is not', () => {
    const t = {
      Parameters: { Env: { Type: 'String' } },
      Resources: {
        A: { Type: 'X::Y::Z', Properties: { K: { 'Fn::ImportValue': 'shared-key' }, L: [{ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::Region}-bucket' } }] } },
        B: { Type: 'X::Y::Z', Properties: { K: { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-key' } } } },
      },
    };
    expect(importNames(t, { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', stackName: 's' })).toEqual(['eu-west-1-bucket', 'shared-key']);
  });
});

describe('STACK request with an imported key (CICD.STACK.7)', () => {
  const imported = { 'Fn::ImportValue': 'shared-key' };

  it('lookups off: UNKNOWN, as before (nothing is looked up)', async () => {
    const r = await run(imported, undefined);
    expect(outcome(r)?.status).toBe('UNKNOWN');
    expect(outcome(r)?.unknowns[0]).toMatchObject({ logicalId: 'Build', path: 'EncryptionKey' });
  });

  it('the export is found: its value is judged (a key outside the stack, then looked up itself) and it was asked for by name', async () => {
    const asked: FactRequest[] = [];
    const good = { arn: EXTERNAL_KEY, awsManaged: false, enabled: true, rotation: true };
    const r = await run(imported, { 'cloudformation.export shared-key': { value: EXTERNAL_KEY }, [`kms.key ${EXTERNAL_KEY}`]: good }, null, asked);
    expect(asked).toEqual([
      { kind: 'cloudformation.export', ref: 'shared-key' },
      { kind: 'kms.key', ref: EXTERNAL_KEY },
    ]);
    expect(outcome(r)?.status).toBe('PASS');
  });

  it('the export names an existing key without rotation: the key behind the imported value FAILS at the importing property', async () => {
    const weak = { arn: EXTERNAL_KEY, awsManaged: false, enabled: true, rotation: false };
    const r = await run(imported, { 'cloudformation.export shared-key': { value: EXTERNAL_KEY }, [`kms.key ${EXTERNAL_KEY}`]: weak });
    expect(outcome(r)?.status).toBe('FAIL');
    expect(outcome(r)?.findings).toEqual([expect.objectContaining({ logicalId: 'Build', path: 'EncryptionKey', message: expect.stringContaining('CICD.KMS.1') })]);
  });

  it('the export names a key of the stack (through its alias) without rotation: the real value FAILS', async () => {
    const r = await run(imported, { 'cloudformation.export shared-key': { value: 'alias/weak' } });
    expect(outcome(r)?.status).toBe('FAIL');
    expect(outcome(r)?.findings.some((f) => f.logicalId === 'WeakKey')).toBe(true);
    expect(annotation(r, KEYS)?.status).toBe('FAILED');
  });

  it('an Fn::Sub export name is resolved before the lookup', async () => {
    const asked: FactRequest[] = [];
    const r = await run({ 'Fn::ImportValue': { 'Fn::Sub': '${AWS::Region}-shared-key' } }, { 'cloudformation.export eu-west-1-shared-key': { value: 'alias/weak' } }, null, asked);
    expect(asked.map((a) => a.ref)).toEqual(['eu-west-1-shared-key']);
    expect(outcome(r)?.status).toBe('FAIL');
  });

  it('the export is not found: FAIL (LookupFailureMode FAIL, the default) at the property, with the reason', async () => {
    // the reason as src/facts/aws.ts words it when ListExports has no such name
    const r = await run(imported, { 'cloudformation.export shared-key': { $error: 'not found (cloudformation:ListExports)' } });
    const o = outcome(r);
    expect(o?.status).toBe('FAIL');
    expect(o?.unknowns).toEqual([]);
    expect(o?.findings).toHaveLength(1);
    expect(o?.findings[0]).toMatchObject({ logicalId: 'Build', path: 'EncryptionKey' });
    expect(o?.findings[0].message).toMatch(/the CloudFormation export named in EncryptionKey could not be looked up \(not found/);
    // the export's name is not echoed (a message names the property, never the value)
    expect(o?.findings[0].message).not.toContain('shared-key');
  });

  it('access denied names the permission the hook needs', async () => {
    const r = await run(imported, { 'cloudformation.export shared-key': { $error: "access denied: the hook's role needs cloudformation:ListExports" } });
    expect(outcome(r)?.status).toBe('FAIL');
    expect(outcome(r)?.findings[0].message).toContain('cloudformation:ListExports');
  });

  it('LookupFailureMode UNKNOWN: UNKNOWN with the lookup failure as its reason', async () => {
    const r = await run(imported, {}, { LookupFailureMode: 'UNKNOWN' });
    const o = outcome(r);
    expect(o?.status).toBe('UNKNOWN');
    expect(o?.findings).toEqual([]);
    expect(o?.unknowns).toHaveLength(1);
    expect(o?.unknowns[0]).toMatchObject({ logicalId: 'Build', path: 'EncryptionKey' });
    expect(o?.unknowns[0].why).toMatch(/could not be looked up \(not found/);
  });

  it('an import whose name is a parameter is not looked up and stays UNKNOWN (even in FAIL mode)', async () => {
    const asked: FactRequest[] = [];
    const body = { template: JSON.stringify({ ...template({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-key' } }), Parameters: { Env: { Type: 'String' } } }), previousTemplate: '' };
    const r = await runStack(body, {}, { lookups: tableLookups({}, asked) });
    expect(asked).toEqual([]);
    expect(outcome(r)?.status).toBe('UNKNOWN');
  });
});
