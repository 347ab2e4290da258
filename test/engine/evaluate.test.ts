import type { Control } from '../../src/controls/types';
import { defineControl } from '../../src/controls/types';
import { loadSettings } from '../../src/engine/config';
import { ControlFailure } from '../../src/engine/errors';
import { evaluate, type Target } from '../../src/engine/evaluate';
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
