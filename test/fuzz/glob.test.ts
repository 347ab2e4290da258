/**
 * The configuration glob matcher is the linear two-pointer algorithm: it agrees with a reference
 * matcher and its work is bounded by pattern × text character reads, even on patterns that make a
 * backtracking matcher (or a RegExp built from the pattern) explode. Work is counted in character
 * reads of the text — never measured with a clock.
 */
import fc from 'fast-check';
import { globMatch, matchesAny } from '../../src/predicates/glob';

/** Reference: dynamic programming over (pattern prefix, text prefix). Obviously correct, O(p·t). */
function reference(p: string, t: string): boolean {
  let prev = new Array<boolean>(t.length + 1).fill(false);
  prev[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const cur = new Array<boolean>(t.length + 1).fill(false);
    cur[0] = prev[0] && p[i - 1] === '*';
    for (let j = 1; j <= t.length; j++) {
      if (p[i - 1] === '*') cur[j] = prev[j] || cur[j - 1];
      else cur[j] = prev[j - 1] && (p[i - 1] === '?' || p[i - 1] === t[j - 1]);
    }
    prev = cur;
  }
  return prev[t.length];
}

/** A text whose character reads are counted (globMatch indexes the text it is given). */
function countingText(text: string): { text: string; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(new String(text), {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      const v = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { text: proxy as unknown as string, reads: () => reads };
}

const patternArb = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 14 });
const textArb = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 40 });

test('agrees with the reference matcher', () => {
  fc.assert(
    fc.property(patternArb, textArb, (p, t) => {
      expect(globMatch(p, t)).toBe(reference(p, t));
    }),
    { numRuns: 3000 },
  );
});

test('case-insensitive matching agrees with matching lower-cased inputs', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '*', '?', 'ß'), maxLength: 10 }), fc.string({ unit: fc.constantFrom('A', 'b', 'ß'), maxLength: 20 }), (p, t) => {
      expect(globMatch(p, t, { caseInsensitive: true })).toBe(reference(p.toLowerCase(), t.toLowerCase()));
    }),
    { numRuns: 1000 },
  );
});

test('work is bounded by (pattern + 1) × (text + 1) character reads on random input', () => {
  fc.assert(
    fc.property(patternArb, textArb, (p, t) => {
      const c = countingText(t);
      globMatch(p, c.text);
      expect(c.reads()).toBeLessThanOrEqual((p.length + 1) * (t.length + 1));
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['*a*a*a*a*a*a*b', 'a'.repeat(5000)],
  ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(3000)],
  ['a*a*a*a*a*a*a*a*a*a*?b', 'a'.repeat(3000)],
  ['*' + '?'.repeat(200) + 'b', 'a'.repeat(4000)],
  ['arn:aws:iam::*:role/*-*-*-*-*-*-*-x', `arn:aws:iam::123456789012:role/${'a-'.repeat(2000)}`],
])('pathological pattern %s against a long text finishes within the quadratic bound', (pattern, text) => {
  const c = countingText(text);
  expect(globMatch(pattern, c.text)).toBe(false);
  expect(c.reads()).toBeLessThanOrEqual((pattern.length + 1) * (text.length + 1));
  // the counter really counts (a vacuous counter would make the bound meaningless)
  expect(c.reads()).toBeGreaterThan(0);
});

test('matchesAny over many pathological patterns stays within the sum of the bounds', () => {
  const patterns = Array.from({ length: 50 }, (_v, i) => `${'*a'.repeat(i % 12)}*b`);
  const text = 'a'.repeat(2000);
  const c = countingText(text);
  expect(matchesAny(patterns, c.text)).toBe(false);
  const bound = patterns.reduce((n, p) => n + (p.length + 1) * (text.length + 1), 0);
  expect(c.reads()).toBeLessThanOrEqual(bound);
});
