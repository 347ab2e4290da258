import { markWeakened } from '../../src/predicates/weakening';

describe('markWeakened', () => {
  const f = (path: string) => ({ path, message: `${path} is bad` });
  test('CREATE (no previous findings list): nothing is weakened', () => {
    expect(markWeakened([f('A')], undefined, 'x by this update')).toEqual([f('A')]);
  });
  test('a finding the deployed state did not have is a weakening', () => {
    expect(markWeakened([f('A.B')], [], 'switched off by this update')).toEqual([{ path: 'A.B', message: 'A.B is bad (switched off by this update)', weakened: true }]);
  });
  test('a finding about the same property (or a parent/child) was already there', () => {
    expect(markWeakened([f('A.B')], [f('A')], 'n')).toEqual([f('A.B')]);
    expect(markWeakened([f('A')], [f('A.B')], 'n')).toEqual([f('A')]);
    expect((markWeakened([f('AB')], [f('A')], 'n')[0] as { weakened?: boolean }).weakened).toBe(true);
  });
});
