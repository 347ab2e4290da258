/**
 * The stack-level lookup rounds (STACK and CHANGE_SET targets): evaluateStack with a fact table,
 * evaluateStackRounds (src/engine/lookups.ts) and the hook's one call evaluateStackWithLookups
 * (src/engine/imports.ts: the Fn::ImportValue pre-pass, then the rounds), with small stack controls written
 * for the test and a fact source over a table (our own FactSource interface; the AWS side is test/facts/).
 */
import { defineStackControl, type StackCheckInput, type StackControl } from '../../src/controls/types';
import { tableSource } from '../helpers/facts';
import { loadSettings } from '../../src/engine/config';
import { evaluateStack, type Evaluation, type StackTarget } from '../../src/engine/evaluate';
import { evaluateStackWithLookups } from '../../src/engine/imports';
import { evaluateStackRounds, LookupError, MAX_ROUNDS } from '../../src/engine/lookups';
import { Registry } from '../../src/engine/registry';
import type { FactRequest, Finding } from '../../src/model';

const ACCOUNT = '123456789012';
const IDS = new Set(['CICD.TEST.1', 'CICD.TEST.2']);
const settings = loadSettings({}, IDS, { accountId: ACCOUNT });
const unknownMode = loadSettings({ LookupFailureMode: 'UNKNOWN' }, IDS, { accountId: ACCOUNT });
const NOW = new Date('2026-06-15T12:00:00Z');
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
const FOREIGN = 'arn:aws:kms:eu-west-1:999999999999:key/11111111-2222-4333-8444-555555555555';
const later = () => Date.now() + 5000;

function stackControl(id: string, checkStack: (input: StackCheckInput) => Finding[], extra: { ignoresScope?: boolean } = {}): StackControl {
  return defineStackControl({ id, slug: 'test', title: 'Test stack control', resourceTypes: ['AWS::CodeBuild::Project'], severity: 'HIGH', risks: ['CICD-SEC-1'], requirement: 'test', rationale: 'test', remediation: 'test', checkStack, ...extra });
}

/** Every project's EncryptionKey, looked up at the project: AWS managed fails. */
const keys = stackControl('CICD.TEST.1', ({ stack, facts }) => {
  const out: Finding[] = [];
  for (const p of stack.resources('AWS::CodeBuild::Project')) {
    const ref = p.view.str('EncryptionKey');
    if (ref === undefined) continue;
    if (facts?.get({ kind: 'kms.key', ref }, 'EncryptionKey', p.logicalId)?.awsManaged) out.push({ logicalId: p.logicalId, path: 'EncryptionKey', message: 'EncryptionKey is AWS managed' });
  }
  return out;
});

const project = (key: unknown, extra: Record<string, unknown> = {}) => ({ Type: 'AWS::CodeBuild::Project', Properties: { EncryptionKey: key, ...extra } });

function target(resources: Record<string, unknown>, extra: Partial<StackTarget> = {}): StackTarget {
  return {
    targetName: 'STACK',
    logicalId: 'app',
    action: 'CREATE',
    template: { Resources: resources },
    pseudo: { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', stackName: 'app' },
    accountId: ACCOUNT,
    stackName: 'app',
    ...extra,
  };
}

const source = tableSource;

const outcome = (ev: Evaluation, id = 'CICD.TEST.1') => ev.outcomes.find((o) => o.control.id === id)!;
const managed = { arn: KEY, awsManaged: true, enabled: true };
const customer = { arn: KEY, awsManaged: false, enabled: true, rotation: true };

describe('evaluateStackRounds', () => {
  const registry = new Registry([], [keys]);

  test('a stack control judges the fact it asked for: AWS managed fails at the logical ID, customer-managed passes', async () => {
    const bad = await evaluateStackRounds(target({ Build: project(KEY) }), settings, NOW, source({ [`kms.key ${KEY}`]: managed }), later(), registry);
    expect(outcome(bad).status).toBe('FAIL');
    expect(outcome(bad).findings).toEqual([{ logicalId: 'Build', path: 'EncryptionKey', message: 'EncryptionKey is AWS managed' }]);
    const good = await evaluateStackRounds(target({ Build: project(KEY) }), settings, NOW, source({ [`kms.key ${KEY}`]: customer }), later(), registry);
    expect(outcome(good).status).toBe('PASS');
  });

  test('lookups off (no source): the stack controls get no facts and nothing is asked', async () => {
    const seen: unknown[] = [];
    const probe = stackControl('CICD.TEST.1', ({ facts }) => {
      seen.push(facts);
      return [];
    });
    const ev = await evaluateStackRounds(target({ Build: project(KEY) }), settings, NOW, undefined, later(), new Registry([], [probe]));
    expect(seen).toEqual([undefined]);
    expect(outcome(ev).status).toBe('PASS');
    // the engine entry without a table is exactly the same
    evaluateStack(target({ Build: project(KEY) }), settings, NOW, new Registry([], [probe]));
    expect(seen).toEqual([undefined, undefined]);
  });

  test('a stack that names nothing to look up is evaluated once and the source is never called', async () => {
    const asked: FactRequest[] = [];
    let runs = 0;
    const counting = stackControl('CICD.TEST.1', () => {
      runs++;
      return [];
    });
    await evaluateStackRounds(target({ Build: project(undefined) }), settings, NOW, source({}, asked), later(), new Registry([], [counting]));
    expect(asked).toEqual([]);
    expect(runs).toBe(1);
  });

  test('a failed lookup fails closed at the logical ID and path the control named, naming why, never the value (FAIL mode)', async () => {
    const denied = new LookupError("access denied: the hook's role needs kms:DescribeKey");
    const ev = await evaluateStackRounds(target({ Build: project(KEY) }), settings, NOW, source({ [`kms.key ${KEY}`]: denied }), later(), registry);
    const o = outcome(ev);
    expect(o.status).toBe('FAIL');
    expect(o.unknowns).toEqual([]);
    expect(o.findings).toEqual([{ logicalId: 'Build', path: 'EncryptionKey', message: expect.stringContaining('the KMS key named in EncryptionKey could not be looked up') }]);
    expect(o.findings[0].message).toContain('kms:DescribeKey');
    expect(o.findings[0].message).not.toContain(KEY);
  });

  test('LookupFailureMode UNKNOWN: the failed lookup is an UNKNOWN at the logical ID, not a FAIL', async () => {
    const ev = await evaluateStackRounds(target({ Build: project(KEY) }), unknownMode, NOW, source({}), later(), registry);
    const o = outcome(ev);
    expect(o.status).toBe('UNKNOWN');
    expect(o.findings).toEqual([]);
    expect(o.unknowns).toEqual([{ logicalId: 'Build', path: 'EncryptionKey', why: expect.stringContaining('not found') }]);
  });

  test('a lookup a control does not place at a logical ID is reported about the stack itself', async () => {
    const stackWide = stackControl('CICD.TEST.1', ({ facts }) => {
      facts?.get({ kind: 'logs.group', ref: '/platform/all' }, '');
      return [];
    });
    const ev = await evaluateStackRounds(target({}), settings, NOW, source({}), later(), new Registry([], [stackWide]));
    expect(outcome(ev).status).toBe('FAIL');
    expect(outcome(ev).findings).toEqual([{ path: '', message: expect.stringContaining('the log group could not be looked up') }]);
  });

  test('a key in another account is never looked up and passes to the trusted-accounts controls', async () => {
    const asked: FactRequest[] = [];
    const ev = await evaluateStackRounds(target({ Build: project(FOREIGN) }), settings, NOW, source({}, asked), later(), registry);
    expect(asked).toEqual([]);
    expect(outcome(ev).status).toBe('PASS');
  });

  test('one fact asked by several resources is fetched once; each resource that names it gets its own report', async () => {
    const asked: FactRequest[] = [];
    const ev = await evaluateStackRounds(target({ A: project(KEY), B: project(KEY) }), settings, NOW, source({}, asked), later(), registry);
    expect(asked).toHaveLength(1);
    expect(outcome(ev).findings.map((f) => f.logicalId)).toEqual(['A', 'B']);
  });

  test('the same failed lookup asked twice at one place is reported once', async () => {
    const twice = stackControl('CICD.TEST.1', ({ facts }) => {
      facts?.get({ kind: 'kms.key', ref: KEY }, 'EncryptionKey', 'Build');
      facts?.get({ kind: 'kms.key', ref: KEY }, 'EncryptionKey', 'Build');
      return [];
    });
    const ev = await evaluateStackRounds(target({ Build: project(KEY) }), settings, NOW, source({}), later(), new Registry([], [twice]));
    expect(outcome(ev).findings).toHaveLength(1);
  });

  test('an exemption for the logical ID covers its failed lookup (the control is SKIPPED with it)', async () => {
    const exempt = loadSettings({ Exemptions: [{ ControlId: 'CICD.TEST.1', StackName: 'app', LogicalId: 'Build', Reason: 'platform key, reviewed by security', ExpiresOn: '2026-07-01' }] }, IDS, { accountId: ACCOUNT, today: NOW });
    const ev = await evaluateStackRounds(target({ Build: project(KEY) }), exempt, NOW, source({}), later(), registry);
    expect(outcome(ev).status).toBe('SKIPPED');
    expect(outcome(ev).exemption?.LogicalId).toBe('Build');
    // another logical ID is not covered
    const other = await evaluateStackRounds(target({ Other: project(KEY) }), exempt, NOW, source({}), later(), registry);
    expect(outcome(other).status).toBe('FAIL');
  });

  test('Scope pipeline: the failed lookup about a generic resource outside the pipeline is not this hook\'s', async () => {
    const buckets = stackControl('CICD.TEST.1', ({ stack, facts }) => {
      for (const b of stack.resources('AWS::S3::Bucket')) facts?.get({ kind: 's3.bucket', ref: 'elsewhere' }, 'LoggingConfiguration.DestinationBucketName', b.logicalId);
      return [];
    });
    const pipelineScope = loadSettings({ Scope: 'pipeline' }, IDS, { accountId: ACCOUNT });
    const t = target({ Website: { Type: 'AWS::S3::Bucket', Properties: { LoggingConfiguration: { DestinationBucketName: 'elsewhere' } } } });
    const reg = new Registry([], [buckets]);
    expect(outcome(await evaluateStackRounds(t, pipelineScope, NOW, source({}), later(), reg)).status).toBe('PASS');
    expect(outcome(await evaluateStackRounds(t, settings, NOW, source({}), later(), reg)).status).toBe('FAIL');
  });

  test('on update a failed lookup is never a weakening; a finding the previous stack did not have is', async () => {
    const both = stackControl('CICD.TEST.1', ({ stack, facts }) => {
      const out: Finding[] = [];
      for (const p of stack.resources('AWS::CodeBuild::Project')) {
        facts?.get({ kind: 'kms.key', ref: p.view.str('EncryptionKey') ?? '' }, 'EncryptionKey', p.logicalId);
        if (p.view.str('Name') === 'weak') out.push({ logicalId: p.logicalId, path: 'Name', message: 'weak' });
      }
      return out;
    });
    const t = target({ Build: project(KEY, { Name: 'weak' }) }, { action: 'UPDATE', previousTemplate: { Resources: { Build: project(KEY, { Name: 'strong' }) } } });
    const ev = await evaluateStackRounds(t, settings, NOW, source({}), later(), new Registry([], [both]));
    const o = outcome(ev);
    expect(o.status).toBe('FAIL');
    expect(o.findings.find((f) => f.path === 'Name')?.weakened).toBe(true);
    expect(o.findings.find((f) => f.path === 'EncryptionKey')?.weakened).toBeUndefined();
  });

  test('a chain longer than the rounds allow ends as a lookup that did not finish (never a PASS)', async () => {
    let n = 0;
    const endless = stackControl('CICD.TEST.1', ({ facts }) => {
      for (let i = 0; ; i++) if (facts?.get({ kind: 'iam.group', ref: `g${i}` }, 'Groups', 'Build') === undefined) return [];
    });
    const ev = await evaluateStackRounds(target({ Build: project(undefined) }), settings, NOW, async () => ({ arn: `g${n++}`, policies: [] }), later(), new Registry([], [endless]));
    expect(n).toBe(MAX_ROUNDS);
    expect(outcome(ev).status).toBe('FAIL');
    expect(outcome(ev).findings[0]).toMatchObject({ logicalId: 'Build', message: expect.stringContaining('did not finish') });
  });
});

describe('evaluateStackWithLookups (the hook\'s one call: imports first, then the rounds)', () => {
  const registry = new Registry([], [keys]);

  test('an imported key name is resolved by the pre-pass, then the key behind it is looked up by the stack control', async () => {
    const asked: FactRequest[] = [];
    const t = target({ Build: project({ 'Fn::ImportValue': 'shared-key' }) });
    const ev = await evaluateStackWithLookups(t, settings, NOW, source({ 'cloudformation.export shared-key': { value: KEY }, [`kms.key ${KEY}`]: managed }, asked), later(), registry);
    expect(asked).toEqual([
      { kind: 'cloudformation.export', ref: 'shared-key' },
      { kind: 'kms.key', ref: KEY },
    ]);
    expect(outcome(ev).status).toBe('FAIL');
  });

  test('a template without imports still looks up what its stack controls ask', async () => {
    const asked: FactRequest[] = [];
    const ev = await evaluateStackWithLookups(target({ Build: project(KEY) }), settings, NOW, source({ [`kms.key ${KEY}`]: customer }, asked), later(), registry);
    expect(asked).toEqual([{ kind: 'kms.key', ref: KEY }]);
    expect(outcome(ev).status).toBe('PASS');
  });

  test('lookups off: the template alone (the import stays undecided: UNKNOWN, exactly as evaluateStack)', async () => {
    const t = target({ Build: project({ 'Fn::ImportValue': 'shared-key' }) });
    const ev = await evaluateStackWithLookups(t, settings, NOW, undefined, later(), registry);
    expect(outcome(ev).status).toBe('UNKNOWN');
    expect(outcome(ev).unknowns).toEqual([expect.objectContaining({ logicalId: 'Build', path: 'EncryptionKey' })]);
    expect(outcome(ev)).toEqual(outcome(evaluateStack(t, settings, NOW, registry)));
  });
});
