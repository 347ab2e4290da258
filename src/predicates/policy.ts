/**
 * One policy normaliser for IAM, bucket, key and repository policies. Documents may be objects or JSON
 * strings; Statement, Action, Resource may be scalars or lists; action names compare case-insensitively;
 * principals come as "*", {"AWS": "*"}, {"AWS": ["*"]}, {"Service": ...}. Every statement is returned —
 * callers evaluate all of them, so a leading Deny never hides a later Allow.
 */
import { globMatch } from './glob';
import { coverage, isFullServiceWildcard } from './iam-catalogue';
import { parseStrictJson, StrictJsonError } from './json';
import { everyResourceOfEveryKind } from './resource-corpus';
import { isRecord, ownCI, toBool } from './values';

export interface Statement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny' | 'Unknown';
  /** Lower-cased action patterns; `notAction` true when the statement used NotAction. */
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  /** Principal identifiers as `TYPE:value` (`AWS:*`, `Service:codebuild.amazonaws.com`) or `*`. */
  principals: string[];
  notPrincipal: boolean;
  hasPrincipal: boolean;
  condition: Record<string, unknown> | undefined;
  /**
   * Statement keys (`Action`, `Resource`, `Principal`, `Effect`, ... as spelled in this normaliser) whose value
   * held something other than strings, e.g. an unresolved `{"Fn::GetAtt": ...}` in a template checked locally.
   * Such entries are left out of `actions`/`resources`/`principals`; a caller that needs them decides itself.
   */
  unresolved: string[];
}

export interface ParsedPolicy {
  statements: Statement[];
  /** Set when the document is not a policy (unparsable JSON, no Statement). */
  error?: string;
}

function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string');
}

/** Does the value hold entries that are not strings (intrinsics, objects, numbers)? */
function hasNonStrings(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => typeof x !== 'string');
  return typeof v !== 'string';
}

/** A principal block with non-string identifiers (`{"AWS": {"Fn::GetAtt": ...}}`) or an intrinsic in its place. */
function hasNonStringPrincipals(p: unknown): boolean {
  if (p === undefined || p === null || typeof p === 'string') return false;
  if (Array.isArray(p)) return p.some(hasNonStringPrincipals);
  if (isRecord(p)) {
    const keys = Object.keys(p);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return true;
    return Object.values(p).some(hasNonStrings);
  }
  return true;
}

function principals(p: unknown): string[] {
  if (p === undefined || p === null) return [];
  if (typeof p === 'string') return [p === '*' ? '*' : `AWS:${p}`];
  if (Array.isArray(p)) return p.flatMap(principals);
  if (isRecord(p)) {
    const out: string[] = [];
    for (const [type, value] of Object.entries(p)) for (const id of strings(value)) out.push(`${type}:${id}`);
    return out;
  }
  return [];
}

/**
 * Every IAM control of a resource reads the same documents; the parse is memoised per document (object
 * identity, or the text of a JSON-string document, a few entries). Results are shared: read-only.
 */
const parsedObjects = new WeakMap<object, ParsedPolicy>();
const parsedStrings = new Map<string, ParsedPolicy>();

export function parsePolicy(doc: unknown): ParsedPolicy {
  if (typeof doc === 'object' && doc !== null) {
    let hit = parsedObjects.get(doc);
    if (!hit) {
      hit = parseUncached(doc);
      parsedObjects.set(doc, hit);
    }
    return hit;
  }
  if (typeof doc === 'string') {
    let hit = parsedStrings.get(doc);
    if (!hit) {
      hit = parseUncached(doc);
      if (parsedStrings.size >= 32) parsedStrings.delete(parsedStrings.keys().next().value as string);
      parsedStrings.set(doc, hit);
    }
    return hit;
  }
  return parseUncached(doc);
}

function parseUncached(doc: unknown): ParsedPolicy {
  let d = doc;
  if (typeof d === 'string') {
    try {
      d = parseStrictJson(d); // duplicate keys are ambiguous (IAM may read another value): an error, fail closed
    } catch (e) {
      const duplicate = e instanceof StrictJsonError && e.reason.startsWith('duplicate key');
      return { statements: [], error: duplicate ? 'the policy document is a string with a duplicate key: it is ambiguous (AWS may read another value than the hook), so it cannot be checked' : 'the policy document is a string that is not valid JSON' };
    }
  }
  if (!isRecord(d)) return { statements: [], error: 'the policy document is not an object' };
  const ambiguous = ambiguity(d);
  if (ambiguous !== undefined) return { statements: [], error: `the policy document is ambiguous: ${ambiguous}; IAM may read it differently from this hook, so it is not judged` };
  const raw = ownCI(d, 'Statement');
  if (raw === undefined) return { statements: [], error: 'the policy document has no Statement' };
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  list.forEach((s, index) => {
    if (!isRecord(s)) return;
    const effectRaw = ownCI(s, 'Effect');
    const effect = typeof effectRaw === 'string' && effectRaw.toLowerCase() === 'allow' ? 'Allow' : typeof effectRaw === 'string' && effectRaw.toLowerCase() === 'deny' ? 'Deny' : 'Unknown';
    const notActionRaw = ownCI(s, 'NotAction');
    const notResourceRaw = ownCI(s, 'NotResource');
    const notPrincipalRaw = ownCI(s, 'NotPrincipal');
    const principalRaw = ownCI(s, 'Principal');
    const cond = ownCI(s, 'Condition');
    const sid = ownCI(s, 'Sid');
    const actionRaw = notActionRaw ?? ownCI(s, 'Action');
    const resourceRaw = notResourceRaw ?? ownCI(s, 'Resource');
    const unresolved: string[] = [];
    if (hasNonStrings(actionRaw)) unresolved.push('Action');
    if (hasNonStrings(resourceRaw)) unresolved.push('Resource');
    if (hasNonStringPrincipals(notPrincipalRaw ?? principalRaw)) unresolved.push('Principal');
    if (effectRaw !== undefined && typeof effectRaw !== 'string') unresolved.push('Effect');
    if (cond !== undefined && !isRecord(cond)) unresolved.push('Condition');
    statements.push({
      index,
      sid: typeof sid === 'string' ? sid : undefined,
      effect,
      // an action or resource padded with blanks is judged as the name it pads (fail closed: IAM either rejects the
      // document or reads the name)
      actions: strings(actionRaw).map((a) => a.trim().toLowerCase()),
      notAction: notActionRaw !== undefined,
      resources: strings(resourceRaw).map((r) => r.trim()),
      notResource: notResourceRaw !== undefined,
      principals: principals(notPrincipalRaw ?? principalRaw),
      notPrincipal: notPrincipalRaw !== undefined,
      hasPrincipal: principalRaw !== undefined || notPrincipalRaw !== undefined,
      condition: isRecord(cond) && Object.keys(cond).length > 0 ? cond : undefined,
      unresolved,
    });
  });
  return { statements };
}

/** Two keys of an object that are the same name in another case (`Effect` / `effect`), as `Effect and effect`. */
function caseTwins(o: Record<string, unknown>): string | undefined {
  const seen = new Map<string, string>();
  for (const k of Object.keys(o)) {
    const lower = k.trim().toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) return `${first} and ${k}`;
    seen.set(lower, k);
  }
  return undefined;
}

/** Element pairs of which a statement may hold one only (IAM rejects both; this hook would have to pick one). */
const EXCLUSIVE: ReadonlyArray<readonly [string, string]> = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
];

/**
 * Where a policy document cannot be read one way only: the same element, principal type, condition operator or
 * condition key twice under different cases (element and key names are matched without regard to case here, and
 * condition keys are by IAM), or a statement with both Action and NotAction (Resource/NotResource,
 * Principal/NotPrincipal). JSON-string documents with literally duplicate keys are rejected by the strict parser
 * before this.
 */
function ambiguity(d: Record<string, unknown>): string | undefined {
  const top = caseTwins(d);
  if (top !== undefined) return top;
  const raw = ownCI(d, 'Statement');
  const list = Array.isArray(raw) ? raw : [raw];
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (!isRecord(s)) continue;
    const at = Array.isArray(raw) ? `Statement[${i}]` : 'Statement';
    const twins = caseTwins(s);
    if (twins !== undefined) return `${at} has ${twins}`;
    for (const [a, b] of EXCLUSIVE) if (ownCI(s, a) !== undefined && ownCI(s, b) !== undefined) return `${at} has both ${a} and ${b}`;
    for (const key of ['Principal', 'NotPrincipal']) {
      const p = ownCI(s, key);
      const pt = isRecord(p) ? caseTwins(p) : undefined;
      if (pt !== undefined) return `${at}.${key} has ${pt}`;
    }
    const cond = ownCI(s, 'Condition');
    if (!isRecord(cond)) continue;
    const ops = caseTwins(cond);
    if (ops !== undefined) return `${at}.Condition has ${ops}`;
    for (const [op, block] of Object.entries(cond)) {
      const keys = isRecord(block) ? caseTwins(block) : undefined;
      if (keys !== undefined) return `${at}.Condition.${op} has ${keys}`;
    }
  }
  return undefined;
}

/** Does any of the statement's action patterns grant `action` (e.g. `iam:passrole`)? Wildcards in the policy match. */
export function grantsAction(st: Statement, action: string): boolean {
  const a = action.toLowerCase();
  const hit = st.actions.some((p) => globMatch(p, a));
  return st.notAction ? !hit : hit;
}

const allActionsMemo = new WeakMap<Statement, boolean>();

/**
 * Every action: NotAction on Allow, or action patterns that together match every action of every service in
 * the IAM catalogue (`*`, `*:*`, `*:**`, `?*:*`, `*?`, or a list of `<service>:*` naming every service).
 */
export function grantsAllActions(st: Statement): boolean {
  if (st.notAction) return true;
  let hit = allActionsMemo.get(st);
  if (hit === undefined) {
    // statements are parsed per request; the same action lists come back in every request
    const key = JSON.stringify(st.actions);
    hit = allActionsByList.get(key);
    if (hit === undefined) {
      hit = st.actions.length > 0 && coverage(st.actions).all;
      if (allActionsByList.size >= 1024) allActionsByList.clear();
      allActionsByList.set(key, hit);
    }
    allActionsMemo.set(st, hit);
  }
  return hit;
}
const allActionsByList = new Map<string, boolean>();

/** The wildcard action patterns that each match every action of at least one service (`s3:*`, `S3:**`, `s?:*`). */
export function serviceWildcards(st: Statement): string[] {
  return st.actions.filter(isFullServiceWildcard);
}

/**
 * A resource pattern that matches every ARN of every service: only wildcards (`*`, `**`), `arn:*`, or an ARN
 * whose service, region, account and resource are only wildcards (`arn:aws:*:*:*:*`, `arn:*:*:*:*:*`,
 * `arn:aws:*`).
 */
export function isEveryResource(r: string): boolean {
  const v = r.trim();
  if (v === '') return false;
  if (/^[*?]*\*[*?]*$/.test(v)) return true;
  if (!/^arn:/i.test(v)) return false;
  const fields = v.split(':');
  const rest = fields.slice(2);
  if (!rest.every((f) => /^\**$/.test(f))) return false;
  // a short ARN ends in a `*` that spans the missing fields; a full one needs a wildcard service and resource
  return fields.length < 6 ? v.endsWith('*') : fields[2] !== '' && fields.slice(5).join(':') !== '';
}

/**
 * `*` (or an all-ARN pattern: `isEveryResource`), NotResource, or no Resource at all. A Resource given only as
 * unresolved intrinsics (`{"Fn::GetAtt": ...}` in a template checked locally) names specific resources, not all.
 * Several patterns that together match every resource of every kind the resource corpus knows (every role, key,
 * bucket and object, function, project, pipeline …: `arn:aws:iam::*:*`, `arn:aws:s3:::*`, `arn:aws:kms:*:*:*`, …
 * one per service) are every resource too (resource-corpus.ts `everyResourceOfEveryKind`).
 */
export function onAllResources(st: Statement): boolean {
  if (st.notResource) return true;
  if (st.resources.length === 0) return !st.unresolved.includes('Resource');
  if (st.resources.some(isEveryResource)) return true;
  return st.resources.length > 1 && everyResourceOfEveryKind(st.resources);
}

/**
 * Does one principal identifier (`TYPE:value` as `principals` holds them, or `*`) stand for everyone? `*` of
 * any type, and an AWS principal whose account is a wildcard or cannot be told: `arn:aws:iam::*:root`,
 * `arn:aws:iam::*:*`, `arn:aws:iam::12345678901?:root`, `1234*` (any account can create the role or user).
 * A wildcard only after a concrete account (`arn:aws:iam::111122223333:role/*`) is that one account.
 */
export function isEveryonePrincipal(id: string): boolean {
  if (id === '*') return true;
  const colon = id.indexOf(':');
  const type = colon === -1 ? 'AWS' : id.slice(0, colon);
  const value = (colon === -1 ? id : id.slice(colon + 1)).trim();
  if (/^[*?]+$/.test(value)) return true;
  if (type !== 'AWS' || !/[*?]/.test(value)) return false;
  const parts = value.split(':');
  // not an ARN (a bare account ID with a wildcard), or a wildcard anywhere up to and including the account field
  return parts.length < 6 || parts[0] !== 'arn' || /[*?]/.test(parts.slice(1, 5).join(':'));
}

/** Principal `*`, `{"AWS":"*"}`, `{"AWS":["*"]}`, a wildcard-account principal, or NotPrincipal (everyone but a few). */
export function isAnyPrincipal(st: Statement): boolean {
  if (st.notPrincipal) return true;
  return st.principals.some(isEveryonePrincipal);
}

/**
 * Condition values compared with normalised booleans: `aws:SecureTransport` false given as false,
 * "false" or "False", under Bool or BoolIfExists.
 */
export function conditionBool(st: Statement, key: string): boolean | undefined {
  if (!st.condition) return undefined;
  for (const [op, block] of Object.entries(st.condition)) {
    if (!/^bool(ifexists)?$/i.test(op) || !isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      if (k.toLowerCase() !== key.toLowerCase()) continue;
      const values = Array.isArray(v) ? v : [v];
      for (const x of values) {
        const b = toBool(x);
        if (b !== undefined) return b;
      }
    }
  }
  return undefined;
}

/** Condition keys (lower-cased) used anywhere in the statement, e.g. `token.actions.githubusercontent.com:sub`. */
export function conditionKeys(st: Statement): string[] {
  if (!st.condition) return [];
  const keys: string[] = [];
  for (const block of Object.values(st.condition)) if (isRecord(block)) keys.push(...Object.keys(block).map((k) => k.toLowerCase()));
  return keys;
}

/** Values of a condition key across operators (strings only). */
export function conditionValues(st: Statement, key: string): Array<{ operator: string; value: string }> {
  const out: Array<{ operator: string; value: string }> = [];
  if (!st.condition) return out;
  for (const [op, block] of Object.entries(st.condition)) {
    if (!isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) for (const s of strings(v)) out.push({ operator: op, value: s });
  }
  return out;
}

/**
 * Condition keys (lower case) that restrict who the caller is, or on whose behalf / from where a service
 * calls: a statement open to any principal counts as scoped only by a positive condition on one of these.
 * The table, with the reason for every key in or out, is in conditions.ts.
 */
export { CALLER_SCOPING_KEYS } from './conditions';

/** AWS-managed policy ARN in any partition, e.g. arn:aws-us-gov:iam::aws:policy/AdministratorAccess. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn.trim());
  return m ? m[1] : undefined;
}
