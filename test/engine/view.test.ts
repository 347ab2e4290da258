import { joinPath, PropertyView, splitPath } from '../../src/engine/view';

const REF = { Ref: 'SomeParameter' };

describe('paths: one style', () => {
  it.each([
    ['', 'A', 'A'],
    ['', 'A.0.B', 'A[0].B'],
    ['', 'A[0].B', 'A[0].B'],
    ['Stages[1]', 'Actions.0', 'Stages[1].Actions[0]'],
    ['Stages[1]', 'Actions[2].Name', 'Stages[1].Actions[2].Name'],
    ['X', '', 'X'],
  ])('joinPath(%j, %j) = %j', (base, rel, out) => {
    expect(joinPath(base, rel)).toBe(out);
  });

  it('splits both spellings of a list index the same way', () => {
    expect(splitPath('A[0].B')).toEqual(['A', '0', 'B']);
    expect(splitPath('A.0.B')).toEqual(['A', '0', 'B']);
    expect(splitPath('')).toEqual([]);
  });
});

describe('PropertyView child views', () => {
  const props = {
    Stages: [
      { Name: 'Source', Actions: [{ Name: 'A', RunOrder: '1' }, REF] },
      { Name: REF, Actions: 'single' },
    ],
    Env: { Privileged: 'True', Vars: { A: '1', B: REF } },
    Scalar: 'x',
  };

  it('items: each item knows its full path; unresolved items are recorded once, on the shared recorder', () => {
    const v = new PropertyView(props);
    const stages = v.items('Stages');
    expect(stages.map((s) => s.view.path)).toEqual(['Stages[0]', 'Stages[1]']);
    const actions = stages[0].view.items('Actions');
    expect(actions.map((a) => a.view.path)).toEqual(['Stages[0].Actions[0]', 'Stages[0].Actions[1]']);
    expect(actions[0].view.num('RunOrder')).toBe(1);
    expect(actions[1].view.properties).toEqual({});
    expect(v.unknowns.map((u) => u.path)).toEqual(['Stages[0].Actions[1]']);
    expect(stages[1].view.str('Name')).toBeUndefined();
    expect(v.unknowns.map((u) => u.path)).toEqual(['Stages[0].Actions[1]', 'Stages[1].Name']);
  });

  it('items: a scalar counts as a one-element list whose item carries the value', () => {
    const v = new PropertyView(props);
    const items = v.at('Stages[1]').items('Actions');
    expect(items).toHaveLength(1);
    expect(items[0].value).toBe('single');
    expect(items[0].view.path).toBe('Stages[1].Actions[0]');
    expect(v.items('Absent')).toEqual([]);
  });

  it('items: an unresolved list is UNKNOWN at its path and yields nothing', () => {
    const v = new PropertyView({ L: REF });
    expect(v.items('L')).toEqual([]);
    expect(v.unknowns).toEqual([{ path: 'L', why: expect.any(String) }]);
  });

  it('at: reads through the normaliser with full paths; absent is an empty view', () => {
    const v = new PropertyView(props);
    const env = v.at('Env');
    expect(env.bool('Privileged')).toBe(true);
    expect(env.pathOf('Privileged')).toBe('Env.Privileged');
    const none = v.at('Nope.Deeper');
    expect(none.properties).toEqual({});
    expect(none.has('X')).toBe(false);
    expect(v.unknowns).toEqual([]);
  });

  it('at: an unresolved object is UNKNOWN at its path', () => {
    const v = new PropertyView({ Env: REF });
    v.at('Env');
    expect(v.unknowns.map((u) => u.path)).toEqual(['Env']);
  });

  it('entries: own keys as child views; an unresolved value is UNKNOWN at its full path', () => {
    const v = new PropertyView(props);
    const e = v.at('Env').entries('Vars');
    expect(e.map(([k, c]) => [k, c.path])).toEqual([['A', 'Env.Vars.A'], ['B', 'Env.Vars.B']]);
    expect(v.unknowns.map((u) => u.path)).toEqual(['Env.Vars.B']);
    expect(v.entries('Scalar')).toEqual([]);
  });

  it('unknown(path) on a child view records the full path', () => {
    const v = new PropertyView(props);
    v.at('Stages[0]').unknown('Actions.1', 'because');
    expect(v.unknowns).toEqual([{ path: 'Stages[0].Actions[1]', why: 'because' }]);
  });

  it('an intrinsic met half-way down a path is UNKNOWN at the intrinsic, in the one style', () => {
    const v = new PropertyView({ A: [{ B: REF }] });
    expect(v.str('A.0.B.C')).toBeUndefined();
    expect(v.unknowns.map((u) => u.path)).toEqual(['A[0].B']);
  });

  it('prototype keys are never read', () => {
    const v = new PropertyView(JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>);
    expect(v.str('polluted')).toBeUndefined();
    expect(v.entries('constructor')).toEqual([]);
  });
});

describe('view edges found by mutation testing (bench/mutation.md)', () => {
  it('only whole numeric segments become list indices, of any width', () => {
    expect(joinPath('', 'Tag1.x')).toBe('Tag1.x');
    expect(joinPath('', 'x.1a')).toBe('x.1a');
    expect(joinPath('', 'A.12')).toBe('A[12]');
    expect(splitPath('A[12].B')).toEqual(['A', '12', 'B']);
    expect(splitPath('A[1b].B')).toEqual(['A[1b]', 'B']);
  });

  it('records at most 50 UNKNOWNs, once per path', () => {
    const v = new PropertyView({});
    for (let i = 0; i < 60; i++) v.unknown(`P${i}`);
    v.unknown('P0');
    expect(v.unknowns).toHaveLength(50);
    expect(v.unknowns[49].path).toBe('P49');
  });

  it('null is absent for has() and list()', () => {
    const v = new PropertyView({ X: null, Y: 0, Z: '' });
    expect(v.has('X')).toBe(false);
    expect(v.list('X')).toEqual([]);
    expect(v.has('Y')).toBe(true);
    expect(v.has('Z')).toBe(true);
    expect(v.list('Y')).toEqual([0]);
  });

  it('entries: child views read nested objects; an intrinsic child is an empty view; root entries have bare keys', () => {
    const v = new PropertyView({ Vars: { A: { B: 'True' }, C: { Ref: 'P' }, D: 'x' } });
    const e = new Map(v.entries('Vars'));
    expect(e.get('A')?.bool('B')).toBe(true);
    expect(e.get('C')?.properties).toEqual({});
    expect(e.get('D')?.properties).toEqual({});
    expect(v.entries('').map(([, c]) => c.path)).toEqual(['Vars']);
  });

  it('numbers and booleans: an intrinsic or a dynamic reference is UNKNOWN, not a value', () => {
    const v = new PropertyView({ N: { Ref: 'P' }, M: '{{resolve:ssm:/n}}', B: '{{resolve:ssm:/b}}', S: '{{resolve:ssm:/s}}' });
    expect(v.num('N')).toBeUndefined();
    expect(v.num('M')).toBeUndefined();
    expect(v.bool('B')).toBeUndefined();
    expect(v.str('S')).toBe('{{resolve:ssm:/s}}'); // a string may be a reference: it is passed on as text
    expect(v.unknowns.map((u) => u.path)).toEqual(['N', 'M', 'B']);
  });
});
