/**
 * The engine's lookup rounds (src/engine/lookups.ts, src/engine/facts.ts) with small controls written for
 * the test and a fact source over a table (our own FactSource interface; the AWS side is test/facts/).
 */
import { defineControl, type Control } from '../../src/controls/types';
import { tableSource } from '../helpers/facts';
import { loadSettings } from '../../src/engine/config';
import { evaluate, type Target } from '../../src/engine/evaluate';
import { accountOfArn, factTable, FactRecorder, isForeign } from '../../src/engine/facts';
import { evaluateWithLookups, fetchPlanned, LookupError, MAX_ROUNDS, type FactSource } from '../../src/engine/lookups';
import { Registry } from '../../src/engine/registry';
import type { FactRequest, Finding } from '../../src/model';

const ACCOUNT = '123456789012';
const IDS = new Set(['CICD.TEST.1', 'CICD.TEST.2', 'CICD.TEST.3']);
const settings = loadSettings({}, IDS, { accountId: ACCOUNT });
const unknownMode = loadSettings({ LookupFailureMode: 'UNKNOWN' }, IDS, { accountId: ACCOUNT });
const NOW = new Date('2026-06-15T12:00:00Z');

function control(id: string, check: Control['check']): Control {
  return defineControl({ id, slug: 'test', title: 'Test control', resourceTypes: ['Test::Thing'], severity: 'HIGH', risks: ['CICD-SEC-1'], requirement: 'test', rationale: 'test', remediation: 'test', check });
}

/** Fails when the key it names is AWS managed (by lookup). */
const keyControl = control('CICD.TEST.1', ({ resource, facts }) => {
  const ref = resource.str('Key');
  if (ref === undefined) return [];
  return facts?.get({ kind: 'kms.key', ref }, 'Key')?.awsManaged ? [{ path: 'Key', message: 'Key is AWS managed' }] : [];
});

/** Follows a chain: instance profile → role → a policy source that says `admin`. */
const chainControl = control('CICD.TEST.2', ({ resource, facts }) => {
  const out: Finding[] = [];
  const ref = resource.str('Profile');
  if (ref === undefined) return out;
  const profile = facts?.get({ kind: 'iam.instanceProfile', ref }, 'Profile');
  for (const role of profile?.roles ?? []) {
    const r = facts?.get({ kind: 'iam.role', ref: role }, 'Profile');
    if (r?.policies.some((p) => p.source === 'admin')) out.push({ path: 'Profile', message: 'Profile hands out an admin role' });
  }
  return out;
});

const target = (properties: Record<string, unknown>, extra: Partial<Target> = {}): Target => ({ resourceType: 'Test::Thing', logicalId: 'Thing', action: 'CREATE', properties, accountId: ACCOUNT, ...extra });

const source = tableSource;

const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-4333-8444-555555555555`;
const status = (ev: Awaited<ReturnType<typeof evaluateWithLookups>>, id: string) => ev.outcomes.find((o) => o.control.id === id)?.status;
const later = () => Date.now() + 5000;

describe('evaluateWithLookups', () => {
  const registry = new Registry([keyControl, chainControl]);

  test('an AWS managed key found by lookup fails; a customer-managed one passes', async () => {
    const bad = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({ [`kms.key ${KEY}`]: { arn: KEY, awsManaged: true, enabled: true } }), later(), registry);
    expect(status(bad, 'CICD.TEST.1')).toBe('FAIL');
    const good = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({ [`kms.key ${KEY}`]: { arn: KEY, awsManaged: false, enabled: true } }), later(), registry);
    expect(status(good, 'CICD.TEST.1')).toBe('PASS');
  });

  test('without a source (lookups off) the template alone is judged and nothing is asked', async () => {
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, undefined, later(), registry);
    expect(status(ev, 'CICD.TEST.1')).toBe('PASS');
  });

  test('a request that names nothing to look up is evaluated once, and the source is never called', async () => {
    const asked: FactRequest[] = [];
    const ev = await evaluateWithLookups(target({}), settings, NOW, source({}, asked), later(), registry);
    expect(asked).toEqual([]);
    expect(status(ev, 'CICD.TEST.1')).toBe('PASS');
  });

  test('a failed lookup fails closed at the property, naming why (LookupFailureMode FAIL, the default)', async () => {
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({ [`kms.key ${KEY}`]: new LookupError("access denied: the hook's role needs kms:DescribeKey") }), later(), registry);
    const o = ev.outcomes.find((x) => x.control.id === 'CICD.TEST.1')!;
    expect(o.status).toBe('FAIL');
    expect(o.findings).toEqual([{ path: 'Key', message: expect.stringContaining('kms:DescribeKey') }]);
    expect(o.findings[0].message).toContain('the KMS key named in Key');
    expect(o.findings[0].message).not.toContain(KEY);
  });

  test('a failed lookup stays a FAIL (and its reason is shown) even when an UNKNOWN at a related path would explain a finding', async () => {
    const alsoUnknown = control('CICD.TEST.1', ({ resource, facts }) => {
      resource.unknown('Key.Grant', 'resolved only at deployment');
      facts?.get({ kind: 'kms.key', ref: resource.str('Key') ?? '' }, 'Key');
      return [];
    });
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({ [`kms.key ${KEY}`]: new LookupError("access denied: the hook's role needs kms:DescribeKey") }), later(), new Registry([alsoUnknown]));
    expect(ev.outcomes[0].status).toBe('FAIL');
    expect(ev.outcomes[0].findings.map((f) => f.message).join(' ')).toContain('kms:DescribeKey');
  });

  test('LookupFailureMode UNKNOWN: the failed lookup is an UNKNOWN, not a FAIL', async () => {
    const ev = await evaluateWithLookups(target({ Key: KEY }), unknownMode, NOW, source({}), later(), registry);
    const o = ev.outcomes.find((x) => x.control.id === 'CICD.TEST.1')!;
    expect(o.status).toBe('UNKNOWN');
    expect(o.unknowns).toEqual([{ path: 'Key', why: expect.stringContaining('not found') }]);
  });

  test('a non-LookupError from the source is named by its error name only', async () => {
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, async () => { throw new RangeError('secret-ish detail'); }, later(), registry);
    const o = ev.outcomes.find((x) => x.control.id === 'CICD.TEST.1')!;
    expect(o.findings[0].message).toContain('RangeError');
    expect(o.findings[0].message).not.toContain('secret-ish');
  });

  test('a reference into another account is never looked up, and passes to the trusted-accounts controls', async () => {
    const asked: FactRequest[] = [];
    const foreign = 'arn:aws:kms:eu-west-1:999999999999:key/11111111-2222-4333-8444-555555555555';
    const ev = await evaluateWithLookups(target({ Key: foreign }), settings, NOW, source({}, asked), later(), registry);
    expect(asked).toEqual([]);
    expect(status(ev, 'CICD.TEST.1')).toBe('PASS');
  });

  test('a chain of facts is followed round by round (instance profile → role)', async () => {
    const asked: FactRequest[] = [];
    const table = {
      'iam.instanceProfile runner': { arn: 'p', roles: [`arn:aws:iam::${ACCOUNT}:role/admin`] },
      [`iam.role arn:aws:iam::${ACCOUNT}:role/admin`]: { arn: 'r', trustPolicy: {}, policies: [{ source: 'admin', document: {} }] },
    };
    const ev = await evaluateWithLookups(target({ Profile: 'runner' }), settings, NOW, source(table, asked), later(), registry);
    expect(status(ev, 'CICD.TEST.2')).toBe('FAIL');
    expect(asked.map((r) => r.kind)).toEqual(['iam.instanceProfile', 'iam.role']);
  });

  test('a fact the source already holds (peek: a warm cache) is answered in the round that asks: one evaluation, no fetch', async () => {
    const asked: FactRequest[] = [];
    let runs = 0;
    const counting = control('CICD.TEST.1', (input) => {
      runs++;
      return keyControl.check(input);
    });
    const src = Object.assign(source({}, asked), { peek: (r: FactRequest) => (r.kind === 'kms.key' && r.ref === KEY ? { arn: KEY, awsManaged: true, enabled: true } : undefined) });
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, src, later(), new Registry([counting]));
    expect(ev.outcomes[0].status).toBe('FAIL');
    expect(runs).toBe(1);
    expect(asked).toEqual([]);
  });

  test('peek that does not know the fact: planned and fetched as usual', async () => {
    const asked: FactRequest[] = [];
    const src = Object.assign(source({ [`kms.key ${KEY}`]: { arn: KEY, awsManaged: true, enabled: true } }, asked), { peek: () => undefined });
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, src, later(), registry);
    expect(status(ev, 'CICD.TEST.1')).toBe('FAIL');
    expect(asked).toHaveLength(1);
  });

  test('the same fact asked by several controls and rounds is fetched once per invocation', async () => {
    const asked: FactRequest[] = [];
    const twice = new Registry([keyControl, control('CICD.TEST.3', ({ resource, facts }) => (facts?.get({ kind: 'kms.key', ref: resource.str('Key') ?? '' }, 'Key')?.enabled === false ? [{ path: 'Key', message: 'disabled' }] : []))]);
    await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({ [`kms.key ${KEY}`]: { arn: KEY, awsManaged: false, enabled: true } }, asked), later(), twice);
    expect(asked).toHaveLength(1);
  });

  test('a chain longer than the rounds allow ends as a lookup that did not finish (never a PASS)', async () => {
    let n = 0;
    const endless = control('CICD.TEST.3', ({ facts }) => {
      // every answer asks for one more fact
      for (let i = 0; ; i++) {
        const f = facts?.get({ kind: 'iam.group', ref: `g${i}` }, 'Groups');
        if (f === undefined) return [];
      }
    });
    const ev = await evaluateWithLookups(target({}), settings, NOW, async () => ({ arn: `g${n++}`, policies: [] }), later(), new Registry([endless]));
    expect(n).toBe(MAX_ROUNDS);
    const o = ev.outcomes[0];
    expect(o.status).toBe('FAIL');
    expect(o.findings[0].message).toContain('did not finish');
  });

  test('the deadline: a source that never answers is cut off and counts as a timed-out lookup', async () => {
    const hang: FactSource = (_r, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    const started = Date.now();
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, hang, Date.now() + 150, registry);
    expect(Date.now() - started).toBeLessThan(5000); // cut off, not hung (the bound is generous: not a speed test)
    const o = ev.outcomes.find((x) => x.control.id === 'CICD.TEST.1')!;
    expect(o.status).toBe('FAIL');
    expect(o.findings[0].message).toContain('timed out');
  });

  test('a deadline already passed: nothing is fetched and every planned fact fails as out of time', async () => {
    const asked: FactRequest[] = [];
    const ev = await evaluateWithLookups(target({ Key: KEY }), settings, NOW, source({}, asked), Date.now() - 1, registry);
    expect(asked).toEqual([]);
    expect(ev.outcomes.find((x) => x.control.id === 'CICD.TEST.1')!.findings[0].message).toContain('no time left');
  });
});

describe('fetchPlanned: the deadline', () => {
  // a clock fixed at T: the time left is exactly `deadline - T` (the timer itself is real)
  const T = 1_000_000;
  const plan = (n = 1) => {
    const table = factTable(ACCOUNT);
    const r = new FactRecorder(table);
    for (let i = 0; i < n; i++) r.get({ kind: 'kms.key', ref: `${KEY}${i}` }, 'Key');
    return table;
  };
  const why = (table: ReturnType<typeof factTable>) => [...table.answers.values()].map((a) => (a.ok ? 'ok' : a.why));

  test('exactly 0 ms left: nothing is fetched, every planned fact fails as out of time', async () => {
    const asked: FactRequest[] = [];
    const table = plan(2);
    await fetchPlanned(table, source({}, asked), T, () => T);
    expect(asked).toEqual([]);
    expect(why(table)).toEqual(['no time left for the lookup before the deadline', 'no time left for the lookup before the deadline']);
  });

  test('a source that ignores the abort signal and never answers is cut off at the deadline, named in seconds', async () => {
    const table = plan();
    const started = Date.now();
    await fetchPlanned(table, () => new Promise(() => undefined), T + 400, () => T);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(why(table)).toEqual(["timed out (the hook's lookup deadline of 0.4 s)"]);
  });

  test('a source that rejects when aborted: the same timed-out reason, with the deadline in seconds', async () => {
    const table = plan();
    const hang: FactSource = (_r, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    await fetchPlanned(table, hang, T + 400, () => T);
    expect(why(table)).toEqual(["timed out (the hook's lookup deadline of 0.4 s)"]);
  });

  test('the deadline timer is cleared once every lookup has answered (the Lambda does not wait for it)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
    try {
      const table = plan();
      await fetchPlanned(table, async () => ({ arn: KEY, awsManaged: false, enabled: true }), Date.now() + 25_000);
      expect(why(table)).toEqual(['ok']);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('facts inside one evaluation', () => {
  test('accountOfArn reads the account field only when it is 12 digits', () => {
    expect(accountOfArn(KEY)).toBe(ACCOUNT);
    expect(accountOfArn('arn:aws:iam::aws:policy/AdministratorAccess')).toBeUndefined();
    expect(accountOfArn('arn:aws:s3:::bucket')).toBeUndefined();
    expect(accountOfArn('alias/x')).toBeUndefined();
    expect(accountOfArn('arn:aws:kms')).toBeUndefined();
  });

  test('accountOfArn: only a whole ARN with exactly 12 digits in its account field names an account', () => {
    // not an ARN, though shaped like one
    expect(accountOfArn(`urn:aws:kms:eu-west-1:${ACCOUNT}:key/k`)).toBeUndefined();
    // too few fields (the account is the last one)
    expect(accountOfArn(`arn:aws:kms:eu-west-1:${ACCOUNT}`)).toBeUndefined();
    // 13 digits, or digits with a prefix, are not an account
    expect(accountOfArn(`arn:aws:kms:eu-west-1:${ACCOUNT}3:key/k`)).toBeUndefined();
    expect(accountOfArn(`arn:aws:kms:eu-west-1:9${ACCOUNT}:key/k`)).toBeUndefined();
    expect(accountOfArn(`arn:aws:kms:eu-west-1:x${ACCOUNT}:key/k`)).toBeUndefined();
    // so such a reference is not taken for another account's (it is looked up, and judged)
    expect(isForeign({ kind: 'kms.key', ref: `arn:aws:kms:eu-west-1:9${ACCOUNT}:key/k` }, ACCOUNT)).toBe(false);
  });

  test('a fact answered by peek is remembered: asked again in the same evaluation, the memo answers (peek is not asked twice)', () => {
    const value = { arn: KEY, awsManaged: true, enabled: true };
    let peeks = 0;
    const table = factTable(ACCOUNT, true, () => {
      peeks++;
      return peeks === 1 ? value : undefined;
    });
    const r = new FactRecorder(table);
    expect(r.get({ kind: 'kms.key', ref: KEY }, 'Key')).toEqual(value);
    expect(r.get({ kind: 'kms.key', ref: KEY }, 'Key')).toEqual(value);
    expect(new FactRecorder(table).get({ kind: 'kms.key', ref: KEY }, 'Key')).toEqual(value);
    expect(peeks).toBe(1);
    expect(r.failures).toEqual([]);
    expect(table.planned.size).toBe(0);
  });

  test('isForeign: ARNs by their account, pull-through rules by the registry ID', () => {
    expect(isForeign({ kind: 'kms.key', ref: KEY }, ACCOUNT)).toBe(false);
    expect(isForeign({ kind: 'kms.key', ref: KEY }, '999999999999')).toBe(true);
    expect(isForeign({ kind: 'ecr.pullThroughCache', ref: '999999999999' }, ACCOUNT)).toBe(true);
    expect(isForeign({ kind: 'ecr.pullThroughCache', ref: ACCOUNT }, ACCOUNT)).toBe(false);
    expect(isForeign({ kind: 'ecr.pullThroughCache', ref: `${ACCOUNT}:us-east-1` }, ACCOUNT)).toBe(false);
    expect(isForeign({ kind: 'ecr.pullThroughCache', ref: '999999999999:us-east-1' }, ACCOUNT)).toBe(true);
    expect(isForeign({ kind: 'iam.role', ref: 'deploy' }, ACCOUNT)).toBe(false);
  });

  test('a recorder with lookups off answers undefined and plans nothing', () => {
    const table = factTable(ACCOUNT, false);
    const r = new FactRecorder(table);
    expect(r.enabled).toBe(false);
    expect(r.get({ kind: 'kms.key', ref: KEY }, 'Key')).toBeUndefined();
    expect(table.planned.size).toBe(0);
  });

  test('an empty or non-string ref is never planned', () => {
    const table = factTable(ACCOUNT);
    const r = new FactRecorder(table);
    expect(r.get({ kind: 'kms.key', ref: '' }, 'Key')).toBeUndefined();
    expect(r.get({ kind: 'kms.key', ref: 42 as unknown as string }, 'Key')).toBeUndefined();
    expect(table.planned.size).toBe(0);
  });

  test('fetchPlanned answers every planned fact and clears the plan; concurrency is bounded', async () => {
    const table = factTable(ACCOUNT);
    const r = new FactRecorder(table);
    for (let i = 0; i < 20; i++) r.get({ kind: 'iam.role', ref: `role${i}` }, 'Roles');
    let inFlight = 0;
    let peak = 0;
    await fetchPlanned(table, async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((res) => setTimeout(res, 5));
      inFlight--;
      return { arn: req.ref, trustPolicy: {}, policies: [] };
    }, later());
    expect(table.planned.size).toBe(0);
    expect(table.answers.size).toBe(20);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(8);
  });

  test('the evaluate entry without a fact table behaves exactly as before (controls get no facts)', () => {
    const seen: unknown[] = [];
    const probe = control('CICD.TEST.1', ({ facts }) => {
      seen.push(facts);
      return [];
    });
    evaluate(target({ Key: KEY }), settings, NOW, new Registry([probe]));
    expect(seen).toEqual([undefined]);
  });
});
