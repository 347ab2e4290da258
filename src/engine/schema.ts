/**
 * The hook schema is the one source of truth for configuration and targets: this module exposes it to
 * the engine (bundled into the handler as data) and validates values against the subset of JSON Schema
 * the schema uses (type, enum, pattern, lengths, bounds, items, properties, required,
 * additionalProperties, $ref to #/definitions).
 */
import hookSchema from '../../pipelineguard-cicd-hook.json';
import { isRecord, toBool, toNum } from '../predicates/values';

export type JsonSchema = Record<string, unknown>;

export const HOOK_SCHEMA = hookSchema as unknown as {
  typeName: string;
  description: string;
  documentationUrl: string;
  definitions: Record<string, JsonSchema>;
  typeConfiguration: { properties: Record<string, JsonSchema>; additionalProperties: false };
  handlers: Record<'preCreate' | 'preUpdate' | 'preDelete', { targetNames: string[]; permissions: string[] }>;
};

export const TYPE_NAME = HOOK_SCHEMA.typeName;

const resolvedRefs = new WeakMap<JsonSchema, JsonSchema>();

/**
 * Resolve a `$ref` to `#/definitions/X`, keeping sibling keywords (description, default). Memoised per
 * schema object (the schema is static and results are never mutated): every request loads its settings.
 */
export function resolveRef(schema: JsonSchema): JsonSchema {
  const cached = resolvedRefs.get(schema);
  if (cached) return cached;
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const resolved = resolveRefUncached(schema, ref);
  resolvedRefs.set(schema, resolved);
  return resolved;
}

function resolveRefUncached(schema: JsonSchema, ref: string): JsonSchema {
  const name = ref.replace(/^#\/definitions\//, '');
  const target = HOOK_SCHEMA.definitions[name];
  if (!target) throw new Error(`schema: unresolved $ref ${ref}`);
  const { $ref: _ignored, ...rest } = schema;
  return { ...resolveRef(target), ...rest };
}

/**
 * Bring a value into the shape the schema declares, the way CloudFormation may have flattened it:
 * "true"/"60" for booleans and integers, "a,b" or a JSON text for arrays, a JSON text for objects,
 * numbers for strings. Values that cannot be coerced are returned unchanged for validation to reject.
 */
export function coerce(schema: JsonSchema, value: unknown): unknown {
  const s = resolveRef(schema);
  switch (s.type) {
    case 'boolean': {
      const b = toBool(value);
      return b === undefined ? value : b;
    }
    case 'integer':
    case 'number': {
      const n = toNum(value);
      return n === undefined ? value : n;
    }
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'array': {
      let v = value;
      if (typeof v === 'string') {
        const t = v.trim();
        if (t.startsWith('[')) {
          try {
            v = JSON.parse(t);
          } catch {
            return value;
          }
        } else {
          v = t === '' ? [] : t.split(',').map((x) => x.trim()).filter((x) => x !== '');
        }
      }
      if (!Array.isArray(v)) return v;
      const items = s.items as JsonSchema | undefined;
      return items ? v.map((item) => coerce(items, item)) : v;
    }
    case 'object': {
      let v = value;
      if (typeof v === 'string' && v.trim().startsWith('{')) {
        try {
          v = JSON.parse(v);
        } catch {
          return value;
        }
      }
      if (!isRecord(v)) return v;
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) out[k] = props[k] ? coerce(props[k], v[k]) : v[k];
      return out;
    }
    default:
      return value;
  }
}

function typeOk(type: unknown, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'array': return Array.isArray(v);
    case 'object': return isRecord(v);
    default: return true;
  }
}

const patternCache = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern);
    patternCache.set(pattern, re);
  }
  return re;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

export interface Violation {
  path: string;
  reason: string;
}

/** First violation as `{path, reason}`, or undefined when the value is valid. Reasons never quote values. */
export function validate(schema: JsonSchema, value: unknown, path: string): Violation | undefined {
  return violations(schema, value, path, 1)[0];
}

/**
 * Every violation (up to `limit`), in document order: one per value that is wrong, so a too-short Reason
 * does not hide a bad date next to it. A value of the wrong type or outside its enum is not checked further.
 */
export function violations(schema: JsonSchema, value: unknown, path: string, limit = 100): Violation[] {
  const out: Violation[] = [];
  collect(schema, value, path, out, limit);
  return out;
}

function stringViolation(s: JsonSchema, value: string): string | undefined {
  if (typeof s.minLength === 'number' && value.length < s.minLength) return `must be at least ${s.minLength} characters long`;
  if (typeof s.maxLength === 'number' && value.length > s.maxLength) return `must be at most ${s.maxLength} characters long`;
  if (typeof s.pattern === 'string' && !compiled(s.pattern).test(value)) return `does not match the pattern ${s.pattern}`;
  return undefined;
}

function collect(schema: JsonSchema, value: unknown, path: string, out: Violation[], limit: number): void {
  if (out.length >= limit) return;
  const s = resolveRef(schema);
  if (s.type !== undefined && !typeOk(s.type, value)) {
    out.push({ path, reason: `must be ${s.type === 'array' || s.type === 'object' || s.type === 'integer' ? `an ${s.type}` : `a ${String(s.type)}`}, got ${describe(value)}` });
    return;
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) {
    out.push({ path, reason: `must be one of ${s.enum.map(String).join(', ')}` });
    return;
  }
  if (typeof value === 'string') {
    const reason = stringViolation(s, value);
    if (reason) out.push({ path, reason });
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push({ path, reason: `must be at least ${s.minimum}` });
    else if (typeof s.maximum === 'number' && value > s.maximum) out.push({ path, reason: `must be at most ${s.maximum}` });
  }
  if (Array.isArray(value)) {
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push({ path, reason: `must have at most ${s.maxItems} items` });
    else if (typeof s.minItems === 'number' && value.length < s.minItems) out.push({ path, reason: `must have at least ${s.minItems} items` });
    if (s.uniqueItems === true) {
      const seen = new Set<string>();
      for (const item of value) {
        const key = JSON.stringify(item);
        if (seen.has(key)) {
          out.push({ path, reason: 'must not contain duplicate items' });
          break;
        }
        seen.add(key);
      }
    }
    const items = s.items as JsonSchema | undefined;
    if (items) {
      for (let i = 0; i < value.length && out.length < limit; i++) collect(items, value[i], `${path}[${i}]`, out, limit);
    }
  }
  if (isRecord(value) && s.type === 'object') {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const prefix = path === '' ? '' : `${path}.`;
    for (const req of (s.required ?? []) as string[]) {
      if (!Object.prototype.hasOwnProperty.call(value, req)) out.push({ path: `${prefix}${req}`, reason: 'is required' });
    }
    for (const k of Object.keys(value)) {
      if (out.length >= limit) return;
      if (!Object.prototype.hasOwnProperty.call(props, k)) {
        if (s.additionalProperties === false) out.push({ path: `${prefix}${k}`, reason: `is not a known property${suggestion(k, Object.keys(props))}` });
        continue;
      }
      collect(props[k], value[k], `${prefix}${k}`, out, limit);
    }
  }
}

/** ` (did you mean X?)` for a misspelt property name (case, or at most two edits), else ''. */
export function suggestion(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}

/** Levenshtein distance, giving up (returning `cap`) once it cannot be below `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return Math.min(prev[b.length], cap);
}

/** Target names the schema registers for an invocation action. */
export function targetNamesFor(action: 'CREATE' | 'UPDATE' | 'DELETE'): readonly string[] {
  const key = action === 'CREATE' ? 'preCreate' : action === 'UPDATE' ? 'preUpdate' : 'preDelete';
  return HOOK_SCHEMA.handlers[key]?.targetNames ?? [];
}
