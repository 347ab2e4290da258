import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
/**
 * Control fixtures as data. Every case runs through the real hook handler in four forms: typed and
 * stringified (as CloudFormation sends values), as CREATE and as UPDATE — unless `actions` says otherwise —
 * and once per resource type it names.
 *
 * A spec names one resource type (`resourceType`) or several (`resourceTypes`); a case may narrow that with
 * its own `resourceType`. When a case runs against several types, the fields whose shape depends on the type
 * (`properties`, `previous`, `messageIncludes`, `absent`) may be functions of the resource type.
 */
import type { TestAction } from './requests';

export type Expectation = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIPPED';

/** A value, or a function of the resource type the case is being run against. */
export type PerType<T> = T | ((resourceType: string) => T);

export type Properties = Record<string, unknown>;

export interface ControlCase {
  name: string;
  /** The resource type(s) this case runs against (default: the spec's `resourceType`/`resourceTypes`). */
  resourceType?: string | readonly string[];
  properties: PerType<Properties>;
  expect: Expectation;
  /** UPDATE: deployed properties (default: the same as `properties`, i.e. a no-op update). */
  previous?: PerType<Properties>;
  /** Type configuration (hookModel) for this case. */
  config?: Record<string, unknown>;
  /** Actions to run (default CREATE and UPDATE). */
  actions?: TestAction[];
  /** Only the typed form (for cases whose point is a typed value, e.g. a real boolean). */
  typedOnly?: boolean;
  /** Text the FAILED annotation's statusMessage must contain (e.g. the property path or variable name). */
  messageIncludes?: PerType<string | readonly string[]>;
  /** Values that must never appear in the response or the logs (secrets). */
  neverEcho?: string[];
  /**
   * On UPDATE the finding is marked as introduced by this update (the engine's WEAKENED_NOTE, asserted).
   * Without it the note must be absent: on CREATE, on a no-op UPDATE, and on an UPDATE whose deployed state
   * already had the finding.
   */
  weakened?: boolean;
  /**
   * A missing-block case: property paths (`Environment.PrivilegedMode`, `Policies[0].PolicyDocument`) that
   * are absent from `properties`. test/meta.test.ts verifies that they really are.
   */
  absent?: PerType<readonly string[]>;
  logicalId?: string;
  /**
   * Live lookups on, answered from this table (test/helpers/facts.ts: `'<kind> <ref>'` → fact or
   * `{ $error }`); a request not in it fails as not found. Without it, lookups are off.
   */
  facts?: Record<string, unknown>;
}

interface CasesBase {
  controlId: string;
  cases: ControlCase[];
}

/** One resource type (the original form) or several; exactly one of the two fields. */
export type ControlCases = CasesBase & ({ resourceType: string; resourceTypes?: never } | { resourceTypes: readonly string[]; resourceType?: never });

export function defineCases(c: ControlCases): ControlCases {
  return c;
}

/** One case, resolved for one resource type. */
export interface TypedCase {
  controlId: string;
  resourceType: string;
  name: string;
  expect: Expectation;
  properties: Properties;
  previous?: Properties;
  config?: Record<string, unknown>;
  actions?: TestAction[];
  typedOnly?: boolean;
  messageIncludes: string[];
  neverEcho: string[];
  weakened?: boolean;
  absent: string[];
  logicalId?: string;
  facts?: Record<string, unknown>;
}

export function forType<T>(value: PerType<T>, resourceType: string): T;
export function forType<T>(value: PerType<T> | undefined, resourceType: string): T | undefined;
export function forType<T>(value: PerType<T> | undefined, resourceType: string): T | undefined {
  return typeof value === 'function' ? (value as (t: string) => T)(resourceType) : value;
}

/** The resource types a spec names. */
export function specTypes(spec: ControlCases): string[] {
  return spec.resourceTypes ? [...spec.resourceTypes] : spec.resourceType ? [spec.resourceType] : [];
}

/** The resource types one case runs against. */
export function caseTypes(spec: ControlCases, c: ControlCase): string[] {
  return c.resourceType === undefined ? specTypes(spec) : [c.resourceType].flat();
}

/** Every case of a spec, once per resource type it runs against. */
export function expandCases(spec: ControlCases): TypedCase[] {
  const out: TypedCase[] = [];
  for (const c of spec.cases) {
    for (const t of caseTypes(spec, c)) {
      out.push({
        controlId: spec.controlId,
        resourceType: t,
        name: c.name,
        expect: c.expect,
        properties: forType(c.properties, t),
        previous: forType(c.previous, t),
        config: c.config,
        actions: c.actions,
        typedOnly: c.typedOnly,
        messageIncludes: [forType(c.messageIncludes, t) ?? []].flat(),
        neverEcho: c.neverEcho ?? [],
        weakened: c.weakened,
        absent: [...(forType(c.absent, t) ?? [])],
        logicalId: c.logicalId,
        facts: c.facts,
      });
    }
  }
  return out;
}

/**
 * The raw value at a property path in the one path style (`a.b[0].c`; `a.b.0.c` is read the same way), by
 * own, case-sensitive keys, as the engine's PropertyView reads it; undefined when any step is missing.
 */
export function valueAt(properties: unknown, path: string): unknown {
  const parts = path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '').split('.');
  let cur: unknown = properties;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Absent: missing or null (CloudFormation drops null properties). An empty list or string is present. */
export function isAbsent(properties: unknown, path: string): boolean {
  const v = valueAt(properties, path);
  return v === undefined || v === null;
}

/** Every `*.cases.ts` file below `dir`, sorted. */
export function caseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...caseFiles(p));
    else if (name.endsWith('.cases.ts')) out.push(p);
  }
  return out;
}

/** Load one cases file (its default export). */
export function loadCases(file: string): ControlCases {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { default: ControlCases }).default;
}
