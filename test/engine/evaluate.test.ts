import type { Control, StackCheckInput, StackControl } from '../../src/controls/types';
import { defineControl, defineStackControl } from '../../src/controls/types';
import { loadSettings } from '../../src/engine/config';
import { ControlFailure } from '../../src/engine/errors';
import { evaluate, evaluateStack, type StackTarget, type Target } from '../../src/engine/evaluate';
import { factKey, factTable } from '../../src/engine/facts';
import { Registry } from '../../src/engine/registry';
import type { Finding } from '../../src/model';

/**
 * The engine's own rules, with small controls written for the test: status from findings and UNKNOWNs,
 * weakening owned by the engine (the deployed state judged by the same control), one path style.
 */
function control(id: string, check: Control['check']): Control {
  return defineControl({
    id,
    slug: 'test',
    title: 'Test control',
    resourceTypes: ['Test::Thing'],
    severity: 'HIGH',
    risks: ['CICD-SEC-1'],
    requirement: 'test',
    rationale: 'test',
    remediation: 'test',
    check,
  });
}

/** Fails for every listed action in `Actions`, one finding per offending item, with the item's path. */
const perItem = control('CICD.TEST.1', ({ resource }) => {
  const out: Finding[] = [];
  for (const item of resource.items('Actions')) {
    const a = item.view.str('Name');
    if (a !== undefined && a.endsWith('*')) out.push({ path: item.view.path, message: `${item.view.path} grants ${a}` });
  }
  return out;
});

/** A control that tries to set `weakened` itself (the engine must overrule it) and uses the old dotted path style. */
const selfMarking = control('CICD.TEST.2', ({ resource }) =>
  resource.bool('On') ? [{ path: 'Settings.0.On', message: 'On is switched on', weakened: true }] : [],
);

const settings = loadSettings({}, new Set(['CICD.TEST.1', 'CICD.TEST.2', 'CICD.TEST.3']), { accountId: '111111111111' });
const registry = new Registry([perItem, selfMarking]);
const now = new Date('2026-01-01T00:00:00Z');

function target(properties: Record<string, unknown>, previousProperties?: Record<string, unknown>): Target {
  return {
    resourceType: 'Test::Thing',
    logicalId: 'Thing',
    action: previousProperties ? 'UPDATE' : 'CREATE',
    properties,
    previousProperties,
    accountId: '111111111111',
  };
}

function outcome(ev: ReturnType<typeof evaluate>, id: string) {
  const o = ev.outcomes.find((x) => x.control.id === id);
  if (!o) throw new Error(`no outcome for ${id}`);
  return o;
}

describe('engine: status', () => {
  it('PASS, FAIL and UNKNOWN from findings and unknowns; findings carry item paths in the one style', () => {
    expect(outcome(evaluate(target({ Actions: [{ Name: 's3:Get' }] }), settings, now, registry), 'CICD.TEST.1').status).toBe('PASS');
    const fail = outcome(evaluate(target({ Actions: [{ Name: 's3:Get' }, { Name: 's3:*' }] }), settings, now, registry), 'CICD.TEST.1');
    expect(fail.status).toBe('FAIL');
    expect(fail.findings).toEqual([{ path: 'Actions[1]', message: 'Actions[1] grants s3:*' }]);
    const unknown = outcome(evaluate(target({ Actions: [{ Name: { Ref: 'P' } }] }), settings, now, registry), 'CICD.TEST.1');
    expect(unknown.status).toBe('UNKNOWN');
    expect(unknown.unknowns.map((u) => u.path)).toEqual(['Actions[0].Name']);
  });

  it('a FAIL next to an unrelated UNKNOWN stays FAIL', () => {
    const o = outcome(evaluate(target({ Actions: [{ Name: { Ref: 'P' } }, { Name: 'iam:*' }] }), settings, now, registry), 'CICD.TEST.1');
    expect(o.status).toBe('FAIL');
  });

  it('normalises a control\'s dotted list path to the one style', () => {
    const o = outcome(evaluate(target({ On: 'True' }), settings, now, registry), 'CICD.TEST.2');
    expect(o.findings[0].path).toBe('Settings[0].On');
  });

  it('a throwing control is a ControlFailure naming the control, never a PASS', () => {
    const boom = new Registry([control('CICD.TEST.3', () => { throw new TypeError('x'); })]);
    expect(() => evaluate(target({}), settings, now, boom)).toThrow(ControlFailure);
  });
});

describe('engine: weakening is the engine\'s, not the control\'s', () => {
  const weakened = (props: Record<string, unknown>, before: Record<string, unknown> | undefined, id = 'CICD.TEST.1') =>
    outcome(evaluate(target(props, before), settings, now, registry), id).findings.map((f) => f.weakened);

  it('CREATE: nothing is marked, even if the control tried', () => {
    expect(weakened({ On: true }, undefined, 'CICD.TEST.2')).toEqual([undefined]);
  });

  it('a no-op UPDATE of a failing resource is not a weakening', () => {
    const p = { Actions: [{ Name: 's3:*' }] };
    expect(weakened(p, p)).toEqual([false]);
    expect(weakened({ On: 'true' }, { On: true }, 'CICD.TEST.2')).toEqual([false]);
  });

  it('an UPDATE that introduces the finding is a weakening', () => {
    expect(weakened({ On: 'true' }, { On: 'false' }, 'CICD.TEST.2')).toEqual([true]);
    expect(weakened({ On: 'true' }, {}, 'CICD.TEST.2')).toEqual([true]);
  });

  it('the same item gaining a worse value is new; an item that only moved is not', () => {
    expect(weakened({ Actions: [{ Name: 'iam:*' }] }, { Actions: [{ Name: 's3:*' }] })).toEqual([true]);
    expect(weakened({ Actions: [{ Name: 'ok' }, { Name: 's3:*' }] }, { Actions: [{ Name: 's3:*' }] })).toEqual([false]);
  });

  it('each deployed finding accounts for one new finding only', () => {
    expect(weakened({ Actions: [{ Name: 's3:*' }, { Name: 's3:*' }] }, { Actions: [{ Name: 's3:*' }] })).toEqual([false, true]);
  });
});

describe('engine: UNKNOWN explains a finding at the same or a related path', () => {
  // a control that finds at the given paths and cannot read the given path (the view records the UNKNOWN)
  const judge = (findingPaths: string[], unknownPath: string) => {
    const c = control('CICD.TEST.3', ({ resource }) => {
      resource.unknown(unknownPath, 'a parameter is chosen at deployment');
      return findingPaths.map((path) => ({ path, message: 'weak' }));
    });
    return outcome(evaluate(target({}), settings, now, new Registry([c])), 'CICD.TEST.3');
  };
  const cases: Array<[string, string[], string, 'UNKNOWN' | 'FAIL']> = [
    ['the same path', ['Policy'], 'Policy', 'UNKNOWN'],
    ['the finding below the UNKNOWN (.)', ['Policy.Statement'], 'Policy', 'UNKNOWN'],
    ['the finding below the UNKNOWN ([)', ['Items[0]'], 'Items', 'UNKNOWN'],
    ['the finding above the UNKNOWN', ['Policy'], 'Policy.Statement[0]', 'UNKNOWN'],
    ['a finding about the whole resource', [''], 'Policy', 'UNKNOWN'],
    ['an UNKNOWN about the whole resource', ['Policy'], '', 'UNKNOWN'],
    ['a bare prefix (KeyId under Key)', ['KeyId'], 'Key', 'FAIL'],
    ['a bare prefix (Key under KeyId)', ['Key'], 'KeyId', 'FAIL'],
    ['unrelated paths', ['Name'], 'Policy', 'FAIL'],
    ['one finding explained, one not', ['Policy.Statement', 'Name'], 'Policy', 'FAIL'],
    ['two findings, both explained', ['Policy.Statement', 'Policy.Version'], 'Policy', 'UNKNOWN'],
  ];
  it.each(cases)('%s', (_name, findingPaths, unknownPath, expected) => {
    const o = judge(findingPaths, unknownPath);
    expect(o.status).toBe(expected);
    expect(o.findings.map((f) => f.path)).toEqual(findingPaths);
    expect(o.unknowns).toEqual([{ path: unknownPath, why: 'a parameter is chosen at deployment' }]);
  });
});

describe('engine: one related UNKNOWN among several explains a finding (mutation review)', () => {
  it('a finding explained by one UNKNOWN stays UNKNOWN next to an unrelated UNKNOWN', () => {
    const c = control('CICD.TEST.3', ({ resource }) => {
      resource.unknown('Policy', 'a parameter is chosen at deployment');
      resource.unknown('Name', 'a parameter is chosen at deployment');
      return [{ path: 'Policy.Statement', message: 'weak' }];
    });
    const o = outcome(evaluate(target({}), settings, now, new Registry([c])), 'CICD.TEST.3');
    expect(o.status).toBe('UNKNOWN');
    expect(o.unknowns.map((u) => u.path)).toEqual(['Policy', 'Name']);
  });
});

describe('engine: a FAIL made only of a failed lookup does not judge the deployed state (mutation review)', () => {
  const KEY = (n: number) => `arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-4333-8444-55555555555${n}`;
  // looks up the resource's EncryptionKey and finds nothing wrong with it
  const lookup = control('CICD.TEST.3', ({ resource, facts }) => {
    const ref = resource.str('EncryptionKey');
    if (ref !== undefined) facts?.get({ kind: 'kms.key', ref }, 'EncryptionKey');
    return [];
  });
  it('an UPDATE whose only finding is a failed lookup is FAIL and plans no lookup of the deployed properties', () => {
    const facts = factTable('111111111111');
    facts.answers.set(factKey({ kind: 'kms.key', ref: KEY(1) }), { ok: false, why: 'access denied' });
    const o = outcome(evaluate(target({ EncryptionKey: KEY(1) }, { EncryptionKey: KEY(2) }), settings, now, new Registry([lookup]), 0, facts), 'CICD.TEST.3');
    expect(o.status).toBe('FAIL');
    expect(o.findings).toMatchObject([{ path: 'EncryptionKey' }]);
    expect(o.findings[0].weakened).toBeUndefined();
    expect([...facts.planned.values()]).toEqual([]);
  });
});

describe('engine: the per-control settings', () => {
  const failing = (id: string, extra: Partial<Parameters<typeof defineControl>[0]> = {}) => defineControl({ ...control(id, () => [{ path: 'On', message: 'On is switched on' }]), ...extra });
  const reg = new Registry([failing('CICD.TEST.1'), failing('CICD.TEST.2')]);
  const ids = new Set(['CICD.TEST.1', 'CICD.TEST.2']);

  it('warn-only applies to the listed control only; none is warn-only by default', () => {
    const listed = evaluate(target({}), loadSettings({ WarnOnlyControls: ['CICD.TEST.2'] }, ids, { accountId: '111111111111' }), now, reg);
    expect(listed.outcomes.map((o) => [o.control.id, o.status, o.warnOnly])).toEqual([['CICD.TEST.1', 'FAIL', false], ['CICD.TEST.2', 'FAIL', true]]);
    expect(evaluate(target({}), settings, now, reg).outcomes.map((o) => o.warnOnly)).toEqual([false, false]);
  });

  it('a disabled control is SKIPPED with no findings and says why; the others still run', () => {
    const ev = evaluate(target({}), loadSettings({ DisabledControls: ['CICD.TEST.1'] }, ids, { accountId: '111111111111' }), now, reg);
    expect(outcome(ev, 'CICD.TEST.1')).toMatchObject({ status: 'SKIPPED', findings: [], unknowns: [], skipReason: expect.stringContaining('DisabledControls') });
    expect(outcome(ev, 'CICD.TEST.2').status).toBe('FAIL');
    expect(outcome(evaluate(target({}), settings, now, reg), 'CICD.TEST.1').status).toBe('FAIL');
  });

  it('an exemption SKIPS its control for the resource up to and including its ExpiresOn day; the day after it is reported as expired', () => {
    const exempt = (day: string) =>
      loadSettings({ Exemptions: [{ ControlId: 'CICD.TEST.1', StackName: '*', LogicalId: 'Thing', Reason: 'reviewed by the security team', ExpiresOn: '2026-01-01' }] }, ids, { accountId: '111111111111', today: new Date(`${day}T00:00:00Z`) });
    // `now` is 2026-01-01T00:00:00Z: the last day of the exemption
    const active = evaluate(target({}), exempt('2025-12-01'), new Date('2026-01-01T23:59:59Z'), reg);
    expect(outcome(active, 'CICD.TEST.1')).toMatchObject({ status: 'SKIPPED', findings: [], unknowns: [], exemption: { ExpiresOn: '2026-01-01' } });
    expect(outcome(active, 'CICD.TEST.2').status).toBe('FAIL');
    const over = evaluate(target({}), exempt('2025-12-01'), new Date('2026-01-02T00:00:00Z'), reg);
    expect(outcome(over, 'CICD.TEST.1')).toMatchObject({ status: 'FAIL', expiredExemption: { ExpiresOn: '2026-01-01' } });
    expect(outcome(over, 'CICD.TEST.1').exemption).toBeUndefined();
  });

  it('Scope pipeline: a generic resource known not to be pipeline-related is SKIPPED, unless the control ignores scope; unknown relatedness is judged', () => {
    const generic = (id: string, extra = {}) => defineControl({ ...control(id, () => [{ path: 'On', message: 'On is switched on' }]), resourceTypes: ['Custom::Thing'], ...extra });
    const r = new Registry([generic('CICD.TEST.1'), generic('CICD.TEST.2', { ignoresScope: true })]);
    const pipeline = loadSettings({ Scope: 'pipeline' }, ids, { accountId: '111111111111' });
    const t = (pipelineRelated: boolean | undefined): Target => ({ ...target({}), resourceType: 'Custom::Thing', pipelineRelated });
    const unrelated = evaluate(t(false), pipeline, now, r);
    expect(outcome(unrelated, 'CICD.TEST.1')).toMatchObject({ status: 'SKIPPED', findings: [], unknowns: [], skipReason: expect.stringContaining('not pipeline-related') });
    expect(outcome(unrelated, 'CICD.TEST.2').status).toBe('FAIL');
    expect(outcome(evaluate(t(undefined), pipeline, now, r), 'CICD.TEST.1').status).toBe('FAIL');
    expect(outcome(evaluate(t(true), pipeline, now, r), 'CICD.TEST.1').status).toBe('FAIL');
  });
});

describe('engine: weakening only for a FAIL of an UPDATE', () => {
  it('a control\'s own `weakened` on a finding with a clean path is dropped on CREATE', () => {
    const c = control('CICD.TEST.3', () => [{ path: 'On', message: 'On is switched on', weakened: true }]);
    const o = outcome(evaluate(target({}), settings, now, new Registry([c])), 'CICD.TEST.3');
    expect(o.findings).toEqual([{ path: 'On', message: 'On is switched on' }]);
  });

  it('an UNKNOWN outcome of an UPDATE is not marked (its finding is explained, not introduced)', () => {
    const c = control('CICD.TEST.3', ({ resource }) => {
      resource.unknown('On', 'a parameter is chosen at deployment');
      return resource.get('Mark') === 'yes' ? [{ path: 'On', message: 'On is switched on' }] : [];
    });
    const o = outcome(evaluate(target({ Mark: 'yes' }, { Mark: 'no' }), settings, now, new Registry([c])), 'CICD.TEST.3');
    expect(o.status).toBe('UNKNOWN');
    expect(o.findings.map((f) => f.weakened)).toEqual([undefined]);
  });

  it('a CREATE is never marked, even if deployed properties were handed in', () => {
    const t = { ...target({ Actions: [{ Name: 's3:*' }] }, {}), action: 'CREATE' as const };
    expect(outcome(evaluate(t, settings, now, registry), 'CICD.TEST.1').findings.map((f) => f.weakened)).toEqual([undefined]);
  });

  it('an UPDATE without deployed properties is judged, not marked', () => {
    const t = { ...target({ Actions: [{ Name: 's3:*' }] }), action: 'UPDATE' as const };
    const o = outcome(evaluate(t, settings, now, registry), 'CICD.TEST.1');
    expect(o.status).toBe('FAIL');
    expect(o.findings.map((f) => f.weakened)).toEqual([undefined]);
  });
});

describe('engine: an inline template (nestedTemplate) is evaluated with the same controls', () => {
  // reports what the engine handed over: each nested FAIL, or why the template could not be read
  const nestedControl = defineControl({
    ...control('CICD.TEST.3', ({ nested }) => {
      if (nested === undefined) return [];
      if (nested.error) return [{ path: nested.path, message: `Body ${nested.error}` }];
      return nested.resources.flatMap((r) => r.outcomes.filter((o) => o.status === 'FAIL').map((o) => ({ path: `${r.prefix}`, message: `${r.logicalId}: ${o.controlId} ${o.status}` })));
    }),
    nestedTemplate: 'Body',
  });
  const reg = new Registry([perItem, nestedControl]);
  const inner = (body: unknown) => ({ Resources: { Inner: { Type: 'Test::Thing', Properties: { Actions: [{ Name: 's3:*' }], ...(body === undefined ? {} : { Body: body }) } } } });

  it('a nested resource that fails a control is reported by the control that declares the property', () => {
    const o = outcome(evaluate(target({ Body: inner(undefined) }), settings, now, reg), 'CICD.TEST.3');
    expect(o.status).toBe('FAIL');
    expect(o.findings).toEqual([{ path: 'Body.Resources.Inner.Properties', message: 'Inner: CICD.TEST.1 FAIL' }]);
    // no Body: nothing handed over, nothing reported
    expect(outcome(evaluate(target({}), settings, now, reg), 'CICD.TEST.3').status).toBe('PASS');
  });

  it('nesting is followed 3 levels deep; a fourth level is reported, not evaluated', () => {
    // three levels below the target: every level is evaluated (each Inner fails CICD.TEST.1, and each level's
    // CICD.TEST.3 fails with the level below)
    const three = inner(inner(inner(undefined)));
    expect(outcome(evaluate(target({ Body: three }), settings, now, reg), 'CICD.TEST.3').findings.map((f) => f.message)).toEqual(['Inner: CICD.TEST.1 FAIL', 'Inner: CICD.TEST.3 FAIL']);
    const errors = (body: unknown): string[] => {
      const seen: string[] = [];
      const probe = defineControl({
        ...control('CICD.TEST.3', ({ nested }) => {
          if (nested?.error) seen.push(nested.error);
          return [];
        }),
        nestedTemplate: 'Body',
      });
      evaluate(target({ Body: body }), settings, now, new Registry([perItem, probe]));
      return seen;
    };
    expect(errors(three)).toEqual([]);
    expect(errors(inner(three))).toEqual(['nested more than 3 levels deep']);
  });
});

describe('engine: stack controls (evaluateStack)', () => {
  const ACCOUNT = '111111111111';
  const ids = new Set(['CICD.TEST.1', 'CICD.TEST.2']);
  const stackSettings = (config: Record<string, unknown> = {}, today?: Date) => loadSettings(config, ids, { accountId: ACCOUNT, ...(today ? { today } : {}) });
  const stackControl = (id: string, checkStack: (input: StackCheckInput) => Finding[], extra: { ignoresScope?: boolean } = {}): StackControl =>
    defineStackControl({ id, slug: 'test', title: 'Test stack control', resourceTypes: ['AWS::CodeBuild::Project'], severity: 'HIGH', risks: ['CICD-SEC-1'], requirement: 'test', rationale: 'test', remediation: 'test', checkStack, ...extra });
  /** Fails every resource whose `Weak` property is 'yes', at `Weak`. */
  const weak = (id = 'CICD.TEST.1', extra: { ignoresScope?: boolean } = {}) =>
    stackControl(id, ({ stack }) => stack.resources().filter((r) => r.view.str('Weak') === 'yes').map((r) => ({ logicalId: r.logicalId, path: 'Weak', message: `${r.logicalId} is weak` })), extra);
  const stackTarget = (resources: Record<string, unknown>, previous?: Record<string, unknown>): StackTarget => ({
    targetName: 'STACK',
    logicalId: 'app',
    action: previous ? 'UPDATE' : 'CREATE',
    template: { Resources: resources },
    ...(previous ? { previousTemplate: { Resources: previous } } : {}),
    pseudo: { accountId: ACCOUNT, region: 'eu-west-1', partition: 'aws', stackName: 'app' },
    accountId: ACCOUNT,
    stackName: 'app',
  });
  const project = (props: Record<string, unknown>) => ({ Type: 'AWS::CodeBuild::Project', Properties: props });
  const bucket = (props: Record<string, unknown>) => ({ Type: 'AWS::S3::Bucket', Properties: props });
  const run = (t: StackTarget, s = stackSettings(), controls: StackControl[] = [weak()], at = now) => evaluateStack(t, s, at, new Registry([], controls)).outcomes;

  it('findings keep their logical ID when the engine rewrites their path to the one style', () => {
    const dotted = stackControl('CICD.TEST.1', () => [{ logicalId: 'A', path: 'Items.0.Name', message: 'weak item' }]);
    expect(run(stackTarget({ A: project({}) }), stackSettings(), [dotted])[0].findings).toEqual([{ logicalId: 'A', path: 'Items[0].Name', message: 'weak item' }]);
  });

  describe('UNKNOWN explains a finding only at the same logical ID', () => {
    const judge = (finding: Finding, u: { logicalId: string; path: string }) =>
      run(stackTarget({ A: project({}), B: project({}) }), stackSettings(), [stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown(u.logicalId, u.path, 'a parameter is chosen at deployment');
        return [finding];
      })])[0];
    it('same logical ID, related path: UNKNOWN', () => {
      expect(judge({ logicalId: 'A', path: 'Policy.Statement[0]', message: 'weak' }, { logicalId: 'A', path: 'Policy' }).status).toBe('UNKNOWN');
      expect(judge({ logicalId: 'A', path: '', message: 'weak' }, { logicalId: 'A', path: 'Policy' }).status).toBe('UNKNOWN');
    });
    it('another logical ID, or the stack itself, or an unrelated path: FAIL', () => {
      expect(judge({ logicalId: 'B', path: 'Policy', message: 'weak' }, { logicalId: 'A', path: 'Policy' }).status).toBe('FAIL');
      expect(judge({ path: 'Policy', message: 'weak' }, { logicalId: 'A', path: 'Policy' }).status).toBe('FAIL');
      expect(judge({ logicalId: 'A', path: 'Name', message: 'weak' }, { logicalId: 'A', path: 'Policy' }).status).toBe('FAIL');
    });
    it('one of two findings explained: FAIL', () => {
      const o = run(stackTarget({ A: project({}) }), stackSettings(), [stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('A', 'Policy', 'a parameter is chosen at deployment');
        return [{ logicalId: 'A', path: 'Policy.Statement', message: 'weak' }, { logicalId: 'A', path: 'Name', message: 'weak' }];
      })])[0];
      expect(o.status).toBe('FAIL');
    });
    it('only UNKNOWNs: UNKNOWN', () => {
      const o = run(stackTarget({ A: project({}) }), stackSettings(), [stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('A', 'Policy', 'a parameter is chosen at deployment');
        return [];
      })])[0];
      expect(o).toMatchObject({ status: 'UNKNOWN', findings: [], unknowns: [{ logicalId: 'A', path: 'Policy' }] });
    });
  });

  describe('exemptions per logical ID', () => {
    const exemption = (LogicalId: string, ExpiresOn = '2026-01-01') => ({ ControlId: 'CICD.TEST.1', StackName: 'app', LogicalId, Reason: 'reviewed by the security team', ExpiresOn });
    const two = stackTarget({ A: project({ Weak: 'yes' }), B: project({ Weak: 'yes' }) });

    it('an exemption for one logical ID removes its findings; the others still FAIL', () => {
      const o = run(two, stackSettings({ Exemptions: [exemption('A')] }, new Date('2025-12-01')))[0];
      expect(o.status).toBe('FAIL');
      expect(o.findings.map((f) => f.logicalId)).toEqual(['B']);
      expect(o.exemption).toBeUndefined();
    });

    it('every finding exempted: SKIPPED with the exemption, on its last day too; the day after, FAIL naming the expired exemption', () => {
      const s = stackSettings({ Exemptions: [exemption('*')] }, new Date('2025-12-01'));
      const last = run(two, s, [weak()], new Date('2026-01-01T23:59:59Z'))[0];
      expect(last).toMatchObject({ status: 'SKIPPED', findings: [], unknowns: [], exemption: { LogicalId: '*' }, skipReason: expect.stringContaining('exempted until 2026-01-01') });
      const after = run(two, s, [weak()], new Date('2026-01-02T00:00:00Z'))[0];
      expect(after).toMatchObject({ status: 'FAIL', expiredExemption: { LogicalId: '*' } });
      expect(after.findings).toHaveLength(2);
    });

    it('the exemption covers UNKNOWNs of its logical ID too', () => {
      const unknownAtA = stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('A', 'Policy', 'a parameter is chosen at deployment');
        return [];
      });
      const o = run(stackTarget({ A: project({}) }), stackSettings({ Exemptions: [exemption('A')] }, new Date('2025-12-01')), [unknownAtA])[0];
      expect(o).toMatchObject({ status: 'SKIPPED', unknowns: [] });
    });

    it('a control that finds nothing is PASS, not SKIPPED, even with an exemption for it', () => {
      const o = run(stackTarget({ A: project({}) }), stackSettings({ Exemptions: [exemption('A')] }, new Date('2025-12-01')))[0];
      expect(o.status).toBe('PASS');
      expect(o.exemption).toBeUndefined();
    });
  });

  it('warn-only and disabled apply per stack control', () => {
    const t = stackTarget({ A: project({ Weak: 'yes' }) });
    const controls = [weak('CICD.TEST.1'), weak('CICD.TEST.2')];
    expect(run(t, stackSettings({ WarnOnlyControls: ['CICD.TEST.2'] }), controls).map((o) => [o.status, o.warnOnly])).toEqual([['FAIL', false], ['FAIL', true]]);
    expect(run(t, stackSettings({ DisabledControls: ['CICD.TEST.1'] }), controls).map((o) => [o.status, o.findings.length])).toEqual([['SKIPPED', 0], ['FAIL', 1]]);
  });

  describe('edge rules found by the mutation review (bench/mutation.md)', () => {
    const exemptA = { ControlId: 'CICD.TEST.1', StackName: 'app', LogicalId: 'A', Reason: 'reviewed by the security team', ExpiresOn: '2026-01-01' };
    it('a disabled stack control is SKIPPED with no findings and no UNKNOWNs, even when it would find', () => {
      const o = run(stackTarget({ A: project({ Weak: 'yes' }) }), stackSettings({ DisabledControls: ['CICD.TEST.1'] }))[0];
      expect(o).toMatchObject({ status: 'SKIPPED', skipReason: 'disabled by the type configuration (DisabledControls)' });
      expect(o.findings).toEqual([]);
      expect(o.unknowns).toEqual([]);
    });
    it('an exempted finding does not SKIP the control while an UNKNOWN of another logical ID remains: UNKNOWN', () => {
      const c = stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('B', 'Policy', 'a parameter is chosen at deployment');
        return [{ logicalId: 'A', path: 'Weak', message: 'A is weak' }];
      });
      const o = run(stackTarget({ A: project({}), B: project({}) }), stackSettings({ Exemptions: [exemptA] }, new Date('2025-12-01')), [c])[0];
      expect(o.status).toBe('UNKNOWN');
      expect(o.exemption).toBeUndefined();
      expect(o.unknowns).toMatchObject([{ logicalId: 'B', path: 'Policy' }]);
    });
    it('an exempted finding does not SKIP the control while a failed lookup of another logical ID remains: FAIL', () => {
      const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-4333-8444-555555555555';
      const c = stackControl('CICD.TEST.1', ({ facts }) => {
        facts?.get({ kind: 'kms.key', ref: KEY }, 'EncryptionKey', 'B');
        return [{ logicalId: 'A', path: 'Weak', message: 'A is weak' }];
      });
      const facts = factTable(ACCOUNT);
      facts.final = true; // the last round: an unanswered lookup did not finish
      const o = evaluateStack(stackTarget({ A: project({}), B: project({}) }), stackSettings({ Exemptions: [exemptA] }, new Date('2025-12-01')), now, new Registry([], [c]), facts).outcomes[0];
      expect(o.status).toBe('FAIL');
      expect(o.exemption).toBeUndefined();
      expect(o.findings).toMatchObject([{ logicalId: 'B', path: 'EncryptionKey' }]);
    });
    it('a stack UPDATE whose only finding is a failed lookup plans no lookup of the previous template', () => {
      const K = (n: number) => `arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-4333-8444-55555555555${n}`;
      const c = stackControl('CICD.TEST.1', ({ stack, facts }) => {
        for (const r of stack.resources()) {
          const ref = r.view.str('EncryptionKey');
          if (ref !== undefined) facts?.get({ kind: 'kms.key', ref }, 'EncryptionKey', r.logicalId);
        }
        return [];
      });
      const facts = factTable(ACCOUNT);
      facts.answers.set(factKey({ kind: 'kms.key', ref: K(1) }), { ok: false, why: 'access denied' });
      const o = evaluateStack(stackTarget({ A: project({ EncryptionKey: K(1) }) }, { A: project({ EncryptionKey: K(2) }) }), stackSettings(), now, new Registry([], [c]), facts).outcomes[0];
      expect(o.status).toBe('FAIL');
      expect(o.findings).toMatchObject([{ logicalId: 'A', path: 'EncryptionKey' }]);
      expect([...facts.planned.values()]).toEqual([]);
    });
    it('a finding explained by one UNKNOWN stays UNKNOWN when another, unrelated UNKNOWN is also recorded', () => {
      const c = stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('A', 'Policy', 'a parameter is chosen at deployment');
        stack.unknown('B', 'Name', 'a parameter is chosen at deployment');
        return [{ logicalId: 'A', path: 'Policy.Statement[0]', message: 'weak' }];
      });
      expect(run(stackTarget({ A: project({}), B: project({}) }), stackSettings(), [c])[0].status).toBe('UNKNOWN');
    });
    it('a throwing stack control is a ControlFailure naming the control, never a PASS', () => {
      const boom = stackControl('CICD.TEST.1', () => {
        throw new TypeError('boom');
      });
      expect(() => run(stackTarget({ A: project({}) }), stackSettings(), [boom])).toThrow(ControlFailure);
      try {
        run(stackTarget({ A: project({}) }), stackSettings(), [boom]);
      } catch (e) {
        expect((e as ControlFailure).message).toContain('CICD.TEST.1');
      }
    });
    it('Scope pipeline drops the UNKNOWNs of a generic resource outside the pipeline too (PASS), but keeps those of a CI/CD resource', () => {
      const c = stackControl('CICD.TEST.1', ({ stack }) => {
        for (const r of stack.resources()) stack.unknown(r.logicalId, 'Policy', 'a parameter is chosen at deployment');
        return [];
      });
      const pipelineOnly = run(stackTarget({ Site: bucket({}) }), stackSettings({ Scope: 'pipeline' }), [c])[0];
      expect(pipelineOnly.status).toBe('PASS');
      expect(pipelineOnly.unknowns).toEqual([]);
      const withBuild = run(stackTarget({ Site: bucket({}), Build: project({}) }), stackSettings({ Scope: 'pipeline' }), [c])[0];
      expect(withBuild.status).toBe('UNKNOWN');
      expect(withBuild.unknowns.map((u) => u.logicalId)).toEqual(['Build']);
    });
  });

  describe('Scope pipeline', () => {
    const pipeline = stackSettings({ Scope: 'pipeline' });
    it('a generic resource nothing in the pipeline refers to is not judged; a CI/CD resource is', () => {
      const t = stackTarget({ Site: bucket({ Weak: 'yes' }), Build: project({ Weak: 'yes' }) });
      expect(run(t, pipeline)[0].findings.map((f) => f.logicalId)).toEqual(['Build']);
      expect(run(t, stackSettings({ Scope: 'all' }))[0].findings.map((f) => f.logicalId)).toEqual(['Site', 'Build']);
    });
    it('a generic resource the pipeline refers to is judged', () => {
      const t = stackTarget({ Artifacts: bucket({ Weak: 'yes' }), Build: project({ Artifacts: { Location: { Ref: 'Artifacts' } } }) });
      expect(run(t, pipeline)[0].findings.map((f) => f.logicalId)).toEqual(['Artifacts']);
    });
    it('a finding about a logical ID the stack does not have, or about the stack itself, is kept (fail closed)', () => {
      const elsewhere = stackControl('CICD.TEST.1', () => [{ logicalId: 'Gone', path: 'X', message: 'weak' }, { path: '', message: 'stack-wide' }]);
      expect(run(stackTarget({ Site: bucket({}) }), pipeline, [elsewhere])[0].findings).toHaveLength(2);
    });
    it('a control that ignores scope judges every resource; inScope tells it what is in scope', () => {
      const seen: boolean[] = [];
      const judgeAll = stackControl('CICD.TEST.1', ({ stack, inScope }) => {
        for (const r of stack.resources()) seen.push(inScope(r.logicalId));
        return stack.resources().filter((r) => r.view.str('Weak') === 'yes').map((r) => ({ logicalId: r.logicalId, path: 'Weak', message: 'weak' }));
      }, { ignoresScope: true });
      const t = stackTarget({ Site: bucket({ Weak: 'yes' }), Build: project({}) });
      expect(run(t, pipeline, [judgeAll])[0].findings.map((f) => f.logicalId)).toEqual(['Site']);
      expect(seen).toEqual([false, true]);
    });
  });

  describe('weakening on a stack update', () => {
    it('a finding the previous stack did not have is new; one it had (at the same logical ID) is not', () => {
      const o = run(stackTarget({ A: project({ Weak: 'yes' }), B: project({ Weak: 'yes' }) }, { A: project({ Weak: 'yes' }), B: project({ Weak: 'no' }) }))[0];
      expect(o.findings.map((f) => [f.logicalId, f.weakened])).toEqual([['A', false], ['B', true]]);
    });
    it('the same path and message at another logical ID in the previous stack does not count', () => {
      const same = stackControl('CICD.TEST.1', ({ stack }) => stack.resources().filter((r) => r.view.str('Weak') === 'yes').map((r) => ({ logicalId: r.logicalId, path: 'Weak', message: 'weak' })));
      const o = run(stackTarget({ B: project({ Weak: 'yes' }) }, { A: project({ Weak: 'yes' }) }), stackSettings(), [same])[0];
      expect(o.findings.map((f) => f.weakened)).toEqual([true]);
    });
    it('a CREATE and an UNKNOWN outcome are not marked', () => {
      expect(run(stackTarget({ A: project({ Weak: 'yes' }) }))[0].findings.map((f) => f.weakened)).toEqual([undefined]);
      const explained = stackControl('CICD.TEST.1', ({ stack }) => {
        stack.unknown('A', 'Weak', 'a parameter is chosen at deployment');
        return stack.resources().filter((r) => r.view.str('Weak') === 'yes').map((r) => ({ logicalId: r.logicalId, path: 'Weak', message: 'weak' }));
      });
      const o = run(stackTarget({ A: project({ Weak: 'yes' }) }, { A: project({ Weak: 'no' }) }), stackSettings(), [explained])[0];
      expect(o.status).toBe('UNKNOWN');
      expect(o.findings.map((f) => f.weakened)).toEqual([undefined]);
    });
  });
});
