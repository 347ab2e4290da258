/**
 * fast-check generators for hostile hook input: valid requests over the targeted resource types (seeded
 * with the contract fixtures' real property shapes) and mutations of them at random paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { targetNamesFor } from '../../src/engine/schema';
import { buildRequest, stringifyPrimitives, type TestAction } from '../helpers/requests';

export type Path = Array<string | number>;

const CONTRACT_DIR = join(__dirname, '..', 'fixtures', 'contract');

/** Property sets from the contract fixtures (compliant and noncompliant), keyed by resource type. */
export function fixtureProperties(): Array<{ type: string; properties: Record<string, unknown> }> {
  const out: Array<{ type: string; properties: Record<string, unknown> }> = [];
  for (const f of readdirSync(CONTRACT_DIR).sort()) {
    if (!f.startsWith('aws-') || !f.endsWith('.json')) continue;
    const doc = JSON.parse(readFileSync(join(CONTRACT_DIR, f), 'utf8')) as Record<string, unknown>;
    for (const k of ['compliant', 'noncompliant', 'protected']) {
      const p = doc[k];
      if (p && typeof p === 'object' && !Array.isArray(p)) out.push({ type: String(doc.type), properties: p as Record<string, unknown> });
    }
  }
  return out;
}

/**
 * Resource types the hook targets plus a few it does not (UnsupportedTarget answers must be well-formed too).
 * STACK and CHANGE_SET are targets too, but their requests carry templates, not resource properties: their
 * shapes are fuzzed in test/protocol/stack-payload.test.ts.
 */
export function resourceTypes(): string[] {
  const resources = [...targetNamesFor('CREATE'), ...targetNamesFor('DELETE')].filter((t) => t.includes('::'));
  return [...new Set([...resources, 'AWS::SNS::Topic', 'AWS::EC2::VPC', 'Custom::Thing'])].sort();
}

const FIXTURES = fixtureProperties();

/** A property bag: a real fixture, a random JSON object, or a fixture with random extra keys. */
export const propertiesArb: fc.Arbitrary<{ type: string; properties: Record<string, unknown> }> = fc.oneof(
  FIXTURES.length > 0 ? fc.constantFrom(...FIXTURES) : fc.constant({ type: 'AWS::CodeBuild::Project', properties: {} }),
  fc.record({
    type: fc.constantFrom(...resourceTypes()),
    properties: fc.dictionary(fc.string({ maxLength: 24 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }),
  }),
);

export const actionArb: fc.Arbitrary<TestAction> = fc.constantFrom('CREATE', 'UPDATE', 'DELETE');

/** A well-formed request (typed or stringified primitives). */
export const validRequestArb = fc
  .record({ p: propertiesArb, action: actionArb, stringify: fc.boolean(), logicalId: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,40}$/) })
  .map(({ p, action, stringify, logicalId }) =>
    buildRequest({ type: p.type, properties: stringify ? stringifyPrimitives(p.properties) : structuredClone(p.properties), action, logicalId }),
  );

/** Every path (to objects, arrays and leaves) inside a value. */
export function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

/** Own-key JSON object built with JSON.parse so that `__proto__` is an ordinary key. */
export function hostileObject(): unknown {
  return JSON.parse(
    '{"__proto__":{"polluted":"yes","isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"toString":"x","hasOwnProperty":1,"valueOf":[]}',
  );
}

export type Mutation = 'delete' | 'null' | 'number' | 'string' | 'boolean' | 'array' | 'object' | 'wrap' | 'hostile' | 'json';

export const mutationArb = fc.record({
  pathIndex: fc.nat(),
  op: fc.constantFrom<Mutation>('delete', 'null', 'number', 'string', 'boolean', 'array', 'object', 'wrap', 'hostile', 'json'),
  value: fc.jsonValue({ maxDepth: 3 }),
});

function replacement(op: Mutation, old: unknown, value: unknown): unknown {
  switch (op) {
    case 'null':
      return null;
    case 'number':
      return typeof value === 'number' ? value : 42;
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value) ?? 'x';
    case 'boolean':
      return typeof value === 'boolean' ? value : true;
    case 'array':
      return Array.isArray(value) ? value : [value];
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { value };
    case 'wrap':
      return [old];
    case 'hostile':
      return hostileObject();
    default:
      return value;
  }
}

/** Apply one mutation to a deep copy of `event` (the root itself may be replaced). */
export function mutate(event: unknown, m: { pathIndex: number; op: Mutation; value: unknown }): unknown {
  const copy = structuredClone(event);
  const paths = pathsOf(copy);
  const path = paths[m.pathIndex % paths.length];
  if (path.length === 0) return m.op === 'delete' ? undefined : replacement(m.op, copy, m.value);
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement(m.op, parent[last], m.value);
  }
  return copy;
}

/** An object nested `depth` levels deep (built iteratively, no recursion). */
export function nested(depth: number, asArrays = false): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = asArrays ? [v] : { a: v };
  return v;
}

/** Strings with lone surrogates, mixed with ordinary text. */
export const loneSurrogateArb = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800'), fc.string({ maxLength: 8 }))
  .map(([a, s, b]) => `${a}${s}${b}`);

const upperAlnum = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('')), minLength: n, maxLength: n });
export const alnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: min, maxLength: max });

/** Credential shapes: [the secret, substrings that must never be echoed]. */
export const secretArb: fc.Arbitrary<{ secret: string; never: string[] }> = fc.oneof(
  upperAlnum(16).map((s) => ({ secret: `AKIA${s}`, never: [`AKIA${s}`] })),
  alnum(36, 36).map((s) => ({ secret: `ghp_${s}`, never: [`ghp_${s}`] })),
  alnum(20, 30).map((s) => ({ secret: `glpat-${s}`, never: [`glpat-${s}`] })),
  fc.tuple(fc.integer({ min: 100000000, max: 999999999 }), alnum(24, 24)).map(([n, s]) => ({ secret: `xoxb-${n}-${s}`, never: [`xoxb-${n}-${s}`] })),
  alnum(40, 64).map((s) => ({
    secret: `-----BEGIN RSA PRIVATE KEY-----\nMIIE${s}\n-----END RSA PRIVATE KEY-----`,
    never: ['-----BEGIN RSA PRIVATE KEY-----', `MIIE${s}`],
  })),
);
