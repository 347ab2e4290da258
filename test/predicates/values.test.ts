/**
 * The one value normaliser, as tables: what CloudFormation may hand the hook (strings) and what a template on
 * disk carries (typed values). Every control reads through these, so each row guards all of them.
 */
import { clipText, describeUnresolved, isDynamicReference, isIntrinsic, isRecord, isSecretReference, own, ownCI, toBool, toList, toNum, toStr } from '../../src/predicates/values';

describe('toBool', () => {
  it.each([
    [true, true], [false, false],
    ['true', true], ['True', true], ['TRUE', true], [' true ', true], ['\ttrue\n', true],
    ['false', false], ['False', false], ['FALSE', false], [' false', false],
    ['yes', undefined], ['1', undefined], ['0', undefined], ['', undefined], ['truee', undefined], ['t rue', undefined],
    [1, undefined], [0, undefined], [null, undefined], [undefined, undefined], [{}, undefined], [['true'], undefined],
  ])('%j → %j', (input, out) => {
    expect(toBool(input)).toBe(out);
  });
});

describe('toNum', () => {
  it.each([
    [60, 60], [-1.5, -1.5], [0, 0], [Number.NaN, undefined], [Number.POSITIVE_INFINITY, undefined],
    ['60', 60], [' 365 ', 365], ['-1.5', -1.5], ['+3', 3], ['.5', 0.5], ['1.', 1], ['1e5', 100000], ['1E-2', 0.01], ['2e+3', 2000],
    ['10', 10], ['12', 12], ['007', 7],
    ['', undefined], ['   ', undefined], ['12abc', undefined], ['abc12', undefined], ['1 2', undefined], ['--1', undefined],
    ['e5', undefined], ['1e', undefined], ['0x10', undefined], ['Infinity', undefined], ['NaN', undefined], ['1,000', undefined],
    ['1'.repeat(32), Number('1'.repeat(32))], ['1'.repeat(33), undefined], ['1e400', undefined],
    [true, undefined], [null, undefined], [undefined, undefined], [['1'], undefined], [{}, undefined],
  ])('%j → %j', (input, out) => {
    expect(toNum(input)).toBe(out);
  });
});

describe('toStr', () => {
  it.each([
    ['x', 'x'], ['', ''], [' a ', ' a '], [60, '60'], [-1.5, '-1.5'], [Number.NaN, undefined], [Number.POSITIVE_INFINITY, undefined],
    [true, 'true'], [false, 'false'], [null, undefined], [undefined, undefined], [{}, undefined], [['x'], undefined],
  ])('%j → %j', (input, out) => {
    expect(toStr(input)).toBe(out);
  });
});

describe('records and own keys', () => {
  it('isRecord: plain objects only', () => {
    expect([{}, { a: 1 }, Object.create(null)].map(isRecord)).toEqual([true, true, true]);
    expect([[], null, undefined, 'x', 1, true].map(isRecord)).toEqual([false, false, false, false, false, false]);
  });

  it('own: own properties of objects and arrays, never the prototype chain', () => {
    expect(own({ a: 1 }, 'a')).toBe(1);
    expect(own(['x', 'y'], '1')).toBe('y');
    expect(own({}, 'constructor')).toBeUndefined();
    expect(own({}, '__proto__')).toBeUndefined();
    expect(own(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
    expect(own('abc', 'length')).toBeUndefined();
    expect(own(null, 'a')).toBeUndefined();
  });

  it('ownCI: exact key first, then any letter case; never the prototype chain', () => {
    expect(ownCI({ Statement: 1, statement: 2 }, 'statement')).toBe(2);
    expect(ownCI({ Statement: 1 }, 'STATEMENT')).toBe(1);
    expect(ownCI({ a: 1 }, 'b')).toBeUndefined();
    expect(ownCI({}, 'Constructor')).toBeUndefined();
    expect(ownCI(['x'], '0')).toBeUndefined();
  });

  it('toList: a scalar is a one-element list, absent is empty', () => {
    expect(toList(undefined)).toEqual([]);
    expect(toList(null)).toEqual([]);
    expect(toList('a')).toEqual(['a']);
    expect(toList(0)).toEqual([0]);
    expect(toList(['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('intrinsics and references', () => {
  it.each([
    [{ Ref: 'P' }, true], [{ 'Fn::GetAtt': ['A', 'Arn'] }, true], [{ 'Fn::Sub': 'x' }, true], [{ Condition: 'C' }, true],
    [{ Ref: 'P', Other: 1 }, false], [{ Fn: 'x' }, false], [{ 'fn::sub': 'x' }, false], [{ ref: 'P' }, false], [{}, false],
    ['Ref', false], [['Ref'], false], [null, false],
  ])('isIntrinsic(%j) = %j', (value, out) => {
    expect(isIntrinsic(value)).toBe(out);
  });

  it('isIntrinsic ignores inherited keys', () => {
    const proto = { Extra: 1 };
    const o = Object.create(proto) as Record<string, unknown>;
    o.Ref = 'P';
    expect(isIntrinsic(o)).toBe(true);
  });

  it.each([
    ['{{resolve:secretsmanager:a:SecretString:b}}', true, true],
    ['  {{resolve:ssm-secure:/p:1}}', true, true],
    ['{{resolve:ssm:/p}}', true, false],
    ['x{{resolve:ssm:/p}}', false, false],
    ['{{resolve:}}', false, false],
    ['{{Resolve:ssm:/p}}', false, false],
    [42, false, false],
  ])('%j: dynamic reference %j, secret reference %j', (value, dynamic, secret) => {
    expect(isDynamicReference(value)).toBe(dynamic);
    expect(isSecretReference(value)).toBe(secret);
  });

  it('describeUnresolved names the function or parameter, never a value', () => {
    expect(describeUnresolved({ Ref: 'Param' })).toBe('Ref to Param is not resolvable from the template');
    expect(describeUnresolved({ 'Fn::GetAtt': ['A', 'Arn'] })).toBe('Fn::GetAtt is not resolvable from the template');
    expect(describeUnresolved({ 'Fn::ImportValue': 'secret-export' })).toBe('Fn::ImportValue is not resolvable from the template');
    expect(describeUnresolved({ Ref: ['odd'] })).toBe('Ref is not resolvable from the template');
    expect(describeUnresolved('{{resolve:ssm:/p}}')).toBe('a dynamic reference is resolved only at deployment');
    expect(describeUnresolved('plain')).toBe('value is not resolvable');
  });
});

describe('clipText', () => {
  it('keeps short texts, clips long ones with an ellipsis within the limit', () => {
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('abcd', 3)).toBe('ab…');
    expect(clipText('abcd', 3)).toHaveLength(3);
  });

  it('never splits a surrogate pair', () => {
    const s = `ab${'\u{1F600}'}cd`; // the emoji is 2 UTF-16 units at index 2..3
    const out = clipText(s, 4);
    expect(out).toBe('ab…');
    expect(clipText(`a${'\u{1F600}'}`, 3)).toBe(`a${'\u{1F600}'}`);
  });
});
