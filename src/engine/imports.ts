/**
 * `Fn::ImportValue` at stack level (issue 14): a pre-pass before the stack controls run. The export names
 * a template imports (a literal, or anything the template resolves, such as `Fn::Sub` of pseudo
 * parameters) are collected, looked up through the request's FactSource as `cloudformation.export` facts
 * within the deadline, and handed to the resolver (Pseudo.imports), so the stack controls judge the real
 * values. An import whose name the template does not decide, or whose lookup failed, stays unresolved: a
 * failed lookup is then reported per LookupFailureMode (FAIL: a finding naming the property and the
 * reason, e.g. the missing permission; UNKNOWN: an UNKNOWN with the same text); an undecided name stays the
 * plain UNKNOWN it always was. Lookups off: evaluated exactly as before.
 */
import type { Finding, Settings, UnknownValue } from '../model';
import { isRecord } from '../predicates/values';
import { splitPath } from '../predicates/view';
import { Resolver, type Pseudo } from '../template/resolve';
import type { ControlOutcome, Evaluation, StackTarget } from './evaluate';
import { factKey, factTable, lookupFailureMessage } from './facts';
import { evaluateStackRounds, fetchPlanned, type FactSource } from './lookups';
import { explainedBy } from './weakening';
import { REGISTRY, type Registry } from './registry';

const IMPORT = 'Fn::ImportValue';
const NO_CHOICES: ReadonlyMap<string, boolean> = new Map();
const MAX_DEPTH = 64;

function importArg(v: unknown): { arg: unknown } | undefined {
  if (!isRecord(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === IMPORT ? { arg: v[IMPORT] } : undefined;
}

/** The export name an import's argument resolves to in this template, or undefined when the template does not decide it. */
function nameOf(resolver: Resolver, arg: unknown): string | undefined {
  const v = resolver.resolve(arg, NO_CHOICES);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function collect(value: unknown, resolver: Resolver, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, resolver, out, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  const imp = importArg(value);
  if (imp) {
    const name = nameOf(resolver, imp.arg);
    if (name !== undefined) out.add(name);
    return;
  }
  for (const k of Object.keys(value)) collect(value[k], resolver, out, depth + 1);
}

/** The export names the resources of a template import and the template decides (sorted, distinct). */
export function importNames(template: Record<string, unknown> | undefined, pseudo: Pseudo): string[] {
  if (!template || !isRecord(template.Resources)) return [];
  const out = new Set<string>();
  const resolver = new Resolver(template, pseudo);
  for (const res of Object.values(template.Resources)) if (isRecord(res)) collect(res.Properties, resolver, out, 0);
  return [...out].sort();
}

export interface ImportLookup {
  /** Export name → value, for every export found. */
  values: Map<string, string>;
  /** Export name → why the lookup failed (access denied naming the permission, not found, timed out). */
  failures: Map<string, string>;
}

/**
 * Look the names up as `cloudformation.export` facts, concurrently and within the deadline (the same fetch
 * as the resource lookups). Export names carry no account, so none is foreign.
 */
export async function lookupImports(names: readonly string[], source: FactSource, deadline: number, accountId: string): Promise<ImportLookup> {
  const values = new Map<string, string>();
  const failures = new Map<string, string>();
  if (names.length === 0) return { values, failures };
  const table = factTable(accountId);
  for (const name of names) table.planned.set(factKey({ kind: 'cloudformation.export', ref: name }), { kind: 'cloudformation.export', ref: name });
  await fetchPlanned(table, source, deadline);
  for (const name of names) {
    const answer = table.answers.get(factKey({ kind: 'cloudformation.export', ref: name }));
    const value = answer?.ok ? (answer.value as { value?: unknown } | undefined)?.value : undefined;
    if (typeof value === 'string') values.set(name, value);
    else failures.set(name, answer && !answer.ok ? answer.why : 'the lookup answered no value');
  }
  return { values, failures };
}

/** The raw value at a property path of a resource, when that path leads through (or to) an `Fn::ImportValue`. */
function importAt(template: Record<string, unknown>, logicalId: string | undefined, path: string): { arg: unknown } | undefined {
  if (logicalId === undefined || !isRecord(template.Resources)) return undefined;
  const res = template.Resources[logicalId];
  let cur: unknown = isRecord(res) ? res.Properties : undefined;
  for (const part of splitPath(path)) {
    const imp = importArg(cur);
    if (imp) return imp;
    if (Array.isArray(cur)) cur = /^\d+$/.test(part) ? cur[Number(part)] : undefined;
    else if (isRecord(cur) && Object.prototype.hasOwnProperty.call(cur, part)) cur = cur[part];
    else return undefined;
  }
  return importArg(cur);
}

/**
 * UNKNOWNs that are imports whose lookup failed become what LookupFailureMode says: a finding (FAIL) or an
 * UNKNOWN naming the lookup's failure (UNKNOWN). An UNKNOWN that cannot be traced to a failed lookup stays.
 */
export function reportFailedImports(ev: Evaluation, template: Record<string, unknown>, pseudo: Pseudo, failures: ReadonlyMap<string, string>, settings: Settings): Evaluation {
  if (failures.size === 0) return ev;
  const resolver = new Resolver(template, pseudo);
  const outcomes = ev.outcomes.map((o): ControlOutcome => {
    if (o.unknowns.length === 0) return o;
    const kept: UnknownValue[] = [];
    const added: Finding[] = [];
    let changed = false;
    for (const u of o.unknowns) {
      const imp = importAt(template, u.logicalId, u.path);
      const name = imp ? nameOf(resolver, imp.arg) : undefined;
      const why = name === undefined ? undefined : failures.get(name);
      if (why === undefined) {
        kept.push(u);
        continue;
      }
      changed = true;
      const message = lookupFailureMessage({ request: { kind: 'cloudformation.export', ref: name as string }, path: u.path, why });
      if (settings.LookupFailureMode === 'UNKNOWN') kept.push({ ...u, why: message });
      else added.push(u.logicalId === undefined ? { path: u.path, message } : { path: u.path, message, logicalId: u.logicalId });
    }
    if (!changed) return o;
    const findings = [...o.findings, ...added];
    let status = o.status;
    if (findings.length > 0) {
      const explained = kept.length > 0 && findings.every((f) => kept.some((u) => (u.logicalId ?? '') === (f.logicalId ?? '') && explainedBy(f.path, u.path)));
      status = added.length > 0 || !explained ? 'FAIL' : 'UNKNOWN';
    } else {
      status = kept.length > 0 ? 'UNKNOWN' : 'PASS';
    }
    return { ...o, status, findings, unknowns: kept };
  });
  return { ...ev, outcomes };
}

/**
 * The stack evaluation with live lookups, the one call of the hook's entry for STACK and CHANGE_SET targets:
 * the template's imports are looked up first (the pre-pass above), then the stack controls run in rounds
 * with their own facts (src/engine/lookups.ts evaluateStackRounds: a key, log group or bucket the template
 * names but does not define), all within the same deadline. `source` undefined (lookups off): exactly
 * `evaluateStack`.
 */
export async function evaluateStackWithLookups(target: StackTarget, settings: Settings, now: Date, source: FactSource | undefined, deadline: number, registry: Registry = REGISTRY): Promise<Evaluation> {
  if (!source) return evaluateStackRounds(target, settings, now, undefined, deadline, registry);
  const names = [...new Set([...importNames(target.template, target.pseudo), ...importNames(target.previousTemplate, target.pseudo)])];
  if (names.length === 0) return evaluateStackRounds(target, settings, now, source, deadline, registry);
  const { values, failures } = await lookupImports(names, source, deadline, target.accountId);
  const pseudo: Pseudo = { ...target.pseudo, imports: values };
  const ev = await evaluateStackRounds({ ...target, pseudo }, settings, now, source, deadline, registry);
  return reportFailedImports(ev, target.template, pseudo, failures, settings);
}
