/**
 * The one answer to "does this Condition block narrow the grant?" for trust, resource and identity policies.
 *
 * A condition narrows only if, as IAM evaluates it, it makes the statement FALSE for an arbitrary outside
 * caller (or, for identity-policy keys such as iam:PassedToService, for an arbitrary target). Everything else
 * is treated as no scoping at all:
 *
 * - `...IfExists` operators (an absent key makes them true), negated operators (StringNotEquals, ArnNotLike,
 *   NotIpAddress: every caller but a few), `ForAllValues:` (true when the key is absent or empty), `Null`,
 *   Bool / Numeric / Date / Binary comparisons (they do not say who the caller is), unknown operators;
 * - keys the caller controls or that do not identify the caller (request tags, aws:UserAgent, aws:Referer,
 *   aws:SourceIp, sts:ExternalId, ...: see CONDITION_KEYS, where every decision is written down);
 * - values that match everyone in the position that identifies the caller: `*`, `?`, `arn:aws:iam::*:role/*`,
 *   a wildcard in an account, organisation, endpoint or unique ID, `*.amazonaws.com` for a service;
 * - values that are a policy variable of the caller's side (`${aws:SourceAccount}` for aws:SourceAccount,
 *   `${aws:PrincipalTag/x}`, any variable the request carries): the caller compared with itself;
 * - a list of values (OR) with one such match-all value in it.
 *
 * Values that are not resolvable from the template (an intrinsic, a dynamic reference) make the answer
 * `unresolved` unless another entry of the block narrows concretely (entries of a block are ANDed).
 *
 * The operator and key tables are exported as data (and tested as data: test/predicates/conditions.test.ts).
 */
import { globMatch } from './glob';
import type { Statement } from './policy';
import { everyResourceOfAKind } from './resource-corpus';
import { isDynamicReference, isIntrinsic, isRecord, toStr } from './values';

/** The verdict on a condition (block, entry or single value). */
export type Narrowing = 'narrows' | 'unresolved' | 'none';

// ---------------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------------

/** How an operator compares: which value shapes it can narrow with. */
export type OperatorFamily = 'string-exact' | 'string-like' | 'arn' | 'ip' | 'numeric' | 'date' | 'bool' | 'binary' | 'null';

export interface OperatorRule {
  /** Base operator name as AWS documents it (compared without regard to case). */
  operator: string;
  family: OperatorFamily;
  /** Can the operator, used without IfExists / ForAllValues, make the statement false for an outside caller? */
  positive: boolean;
  why: string;
}

/** Every base condition operator of the IAM policy grammar. Anything not listed narrows nothing (fail closed). */
export const OPERATORS: readonly OperatorRule[] = [
  { operator: 'StringEquals', family: 'string-exact', positive: true, why: 'admits only the listed values' },
  { operator: 'StringEqualsIgnoreCase', family: 'string-exact', positive: true, why: 'admits only the listed values (any case)' },
  { operator: 'StringLike', family: 'string-like', positive: true, why: 'admits values matching the patterns; * and ? span every character, colons included' },
  { operator: 'StringNotEquals', family: 'string-exact', positive: false, why: 'negated: admits every caller but the listed ones (and every caller without the key)' },
  { operator: 'StringNotEqualsIgnoreCase', family: 'string-exact', positive: false, why: 'negated: admits every caller but the listed ones' },
  { operator: 'StringNotLike', family: 'string-like', positive: false, why: 'negated: admits every caller not matching' },
  { operator: 'ArnEquals', family: 'arn', positive: true, why: 'admits matching ARNs; wildcards are matched per colon-separated field' },
  { operator: 'ArnLike', family: 'arn', positive: true, why: 'admits matching ARNs; wildcards are matched per colon-separated field' },
  { operator: 'ArnNotEquals', family: 'arn', positive: false, why: 'negated: admits every ARN but the listed ones' },
  { operator: 'ArnNotLike', family: 'arn', positive: false, why: 'negated: admits every ARN not matching' },
  { operator: 'IpAddress', family: 'ip', positive: true, why: 'admits source addresses in the ranges (only on IP keys, none of which identify a caller)' },
  { operator: 'NotIpAddress', family: 'ip', positive: false, why: 'negated: admits every address outside the ranges' },
  { operator: 'NumericEquals', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'NumericNotEquals', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'NumericLessThan', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'NumericLessThanEquals', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'NumericGreaterThan', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'NumericGreaterThanEquals', family: 'numeric', positive: false, why: 'a numeric comparison does not name a caller' },
  { operator: 'DateEquals', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'DateNotEquals', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'DateLessThan', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'DateLessThanEquals', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'DateGreaterThan', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'DateGreaterThanEquals', family: 'date', positive: false, why: 'a time window admits every caller inside it' },
  { operator: 'Bool', family: 'bool', positive: false, why: 'true/false facts (aws:SecureTransport, aws:MultiFactorAuthPresent) hold for anyone' },
  { operator: 'BinaryEquals', family: 'binary', positive: false, why: 'a binary value does not name a caller' },
  { operator: 'Null', family: 'null', positive: false, why: 'tests only whether a key is present, which the caller decides' },
];

const OPERATOR_BY_NAME: ReadonlyMap<string, OperatorRule> = new Map(OPERATORS.map((o) => [o.operator.toLowerCase(), o]));

export interface OperatorVerdict {
  /** The base rule, when the operator is one IAM knows. */
  rule?: OperatorRule;
  /** Does an entry under this operator narrow at all (before looking at key and values)? */
  positive: boolean;
  why: string;
}

/**
 * Judge an operator as written (`StringEquals`, `ForAnyValue:StringLike`, `ForAllValues:StringEquals`,
 * `ArnLikeIfExists`). Set qualifiers: `ForAnyValue:` keeps the base semantics (false when the key is absent);
 * `ForAllValues:` is true when the key is absent or empty, so it never narrows. `IfExists` never narrows.
 */
export function judgeOperator(op: string): OperatorVerdict {
  let o = op.trim().toLowerCase();
  if (o.startsWith('forallvalues:')) return { rule: OPERATOR_BY_NAME.get(stripIfExists(o.slice(13))), positive: false, why: 'ForAllValues is true when the key is absent or empty: it narrows nothing' };
  if (o.startsWith('foranyvalue:')) o = o.slice(12);
  const ifExists = o.endsWith('ifexists');
  const rule = OPERATOR_BY_NAME.get(stripIfExists(o));
  if (!rule) return { positive: false, why: `${op} is not an IAM condition operator (misspelt qualifiers such as ForAllValue: included)` };
  if (ifExists) return { rule, positive: false, why: 'IfExists is true when the key is absent: an outside caller without it is admitted' };
  return { rule, positive: rule.positive, why: rule.why };
}

function stripIfExists(o: string): string {
  return o.endsWith('ifexists') ? o.slice(0, -8) : o;
}

// ---------------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------------

/**
 * What a key's value looks like, which decides what a "match-all" value is:
 * account (12 digits), org (`o-...`), orgpath (`o-.../r-.../ou-...`), arn, userid (`AROA...:session`),
 * id (vpc-, vpce-), service (`lambda.amazonaws.com`), ip, generic (anything else: only a value made of
 * nothing but wildcards matches all).
 */
export type KeyKind = 'account' | 'org' | 'orgpath' | 'arn' | 'userid' | 'id' | 'service' | 'ip' | 'generic';

export interface KeyRule {
  /** Lower-case condition key or key glob (`aws:resourcetag/*`). */
  key: string;
  kind: KeyKind;
  /** Does a positive, concrete condition on this key tie the caller to a known account/organisation/principal/network? */
  scopesCaller: boolean;
  /**
   * A target key (the resource a grant acts on) whose values narrow only if they do not, alone or together, match
   * every resource of a kind (resource-corpus.ts): `arn:aws:iam::aws:policy/*` is every AWS managed policy, not a
   * narrowing of iam:AttachRolePolicy.
   */
  notEveryResource?: true;
  why: string;
}

/** Condition keys the hook knows, with the decision whether each one identifies the caller. */
export const CONDITION_KEYS: readonly KeyRule[] = [
  // --- identify the caller (or on whose behalf / from where a service calls) ---
  { key: 'aws:principalorgid', kind: 'org', scopesCaller: true, why: "the caller's organisation, set by AWS" },
  { key: 'aws:principalorgpaths', kind: 'orgpath', scopesCaller: true, why: "the caller's organisation path, set by AWS" },
  { key: 'aws:principalaccount', kind: 'account', scopesCaller: true, why: "the caller's account, set by AWS" },
  { key: 'aws:principalarn', kind: 'arn', scopesCaller: true, why: "the caller's ARN, set by AWS" },
  { key: 'aws:userid', kind: 'userid', scopesCaller: true, why: "the caller's globally unique ID, set by AWS" },
  { key: 'aws:sourceaccount', kind: 'account', scopesCaller: true, why: 'the account of the resource a service acts for, set by the service' },
  { key: 'aws:sourcearn', kind: 'arn', scopesCaller: true, why: 'the resource a service acts for, set by the service' },
  { key: 'aws:sourceorgid', kind: 'org', scopesCaller: true, why: 'the organisation of the resource a service acts for' },
  { key: 'aws:sourceorgpaths', kind: 'orgpath', scopesCaller: true, why: 'the organisation path of the resource a service acts for' },
  { key: 'aws:sourceowner', kind: 'account', scopesCaller: true, why: 'the account of the resource a service acts for (older services)' },
  { key: 'aws:sourcevpc', kind: 'id', scopesCaller: true, why: 'the VPC the request came through: owned by one account' },
  { key: 'aws:sourcevpce', kind: 'id', scopesCaller: true, why: 'the VPC endpoint the request came through: owned by one account' },
  { key: 'aws:vpceaccount', kind: 'account', scopesCaller: true, why: 'the account owning the VPC endpoint the request came through' },
  { key: 'aws:vpceorgid', kind: 'org', scopesCaller: true, why: 'the organisation owning the VPC endpoint' },
  { key: 'aws:vpceorgpaths', kind: 'orgpath', scopesCaller: true, why: 'the organisation path owning the VPC endpoint' },
  { key: 'kms:calleraccount', kind: 'account', scopesCaller: true, why: "the caller's account, set by KMS" },
  { key: 's3:dataaccesspointaccount', kind: 'account', scopesCaller: true, why: 'the account owning the access point a request came through (the delegation to access points AWS documents): callers are then judged by those access points\' policies' },
  { key: 's3:dataaccesspointarn', kind: 'arn', scopesCaller: true, why: 'the access point a request came through: owned by the account in its ARN, judged by its own policy' },
  // --- do not identify the caller (decisions) ---
  { key: 'aws:username', kind: 'generic', scopesCaller: false, why: 'a user name is unique only inside one account: any account can create the same name' },
  { key: 'aws:principaltag/*', kind: 'generic', scopesCaller: false, why: 'principal tags are set in the caller\'s own account (and by session tags the caller passes)' },
  { key: 'aws:principaltype', kind: 'generic', scopesCaller: false, why: 'a kind of principal (User, AssumedRole), not a principal' },
  { key: 'aws:principalservicename', kind: 'service', scopesCaller: false, why: 'a service principal acts for every customer (confused deputy) unless the source is pinned' },
  { key: 'aws:principalisawsservice', kind: 'generic', scopesCaller: false, why: 'true for a service acting for any customer' },
  { key: 'aws:calledvia', kind: 'service', scopesCaller: false, why: 'a service name, the same for every customer' },
  { key: 'aws:viaawsservice', kind: 'generic', scopesCaller: false, why: 'true for any customer calling through a service' },
  { key: 'kms:viaservice', kind: 'service', scopesCaller: false, why: 'a service name, the same for every customer (it narrows which calls an identity policy allows, not who calls)' },
  { key: 'aws:sourceip', kind: 'ip', scopesCaller: false, why: 'a network range is not an identity: every principal in the world calling from it (NAT, proxies, cloud ranges) is admitted' },
  { key: 'aws:useragent', kind: 'generic', scopesCaller: false, why: 'sent by the caller' },
  { key: 'aws:referer', kind: 'generic', scopesCaller: false, why: 'sent by the caller' },
  { key: 'aws:requesttag/*', kind: 'generic', scopesCaller: false, why: 'sent by the caller' },
  { key: 'aws:tagkeys', kind: 'generic', scopesCaller: false, why: 'sent by the caller' },
  { key: 'aws:sourceidentity', kind: 'generic', scopesCaller: false, why: 'set by the caller when assuming a role' },
  { key: 'sts:externalid', kind: 'generic', scopesCaller: false, why: 'sent by the caller: a shared value, not an identity' },
  { key: 'sts:rolesessionname', kind: 'generic', scopesCaller: false, why: 'chosen by the caller' },
  { key: 'aws:securetransport', kind: 'generic', scopesCaller: false, why: 'true for anyone using TLS' },
  { key: 'aws:multifactorauthpresent', kind: 'generic', scopesCaller: false, why: 'true for anyone with MFA in their own account' },
  { key: 'aws:resourceaccount', kind: 'account', scopesCaller: false, why: 'the resource owner (in a resource policy always the owner itself); narrows targets in identity policies' },
  { key: 'aws:resourceorgid', kind: 'org', scopesCaller: false, why: 'the resource owner\'s organisation; narrows targets in identity policies' },
  { key: 'aws:resourceorgpaths', kind: 'orgpath', scopesCaller: false, why: 'the resource owner\'s organisation path; narrows targets in identity policies' },
  // --- identity-policy keys (what the grant applies to) ---
  { key: 'iam:passedtoservice', kind: 'service', scopesCaller: false, why: 'the service a role is passed to: narrows iam:PassRole, not the caller' },
  { key: 'iam:associatedresourcearn', kind: 'arn', scopesCaller: false, why: 'the resource a passed role is attached to' },
  { key: 'iam:policyarn', kind: 'arn', scopesCaller: false, notEveryResource: true, why: 'the managed policy being attached (values that together match every managed policy narrow nothing)' },
  { key: 'aws:resourcetag/*', kind: 'generic', scopesCaller: false, why: 'tags of the target resource' },
  { key: 'iam:resourcetag/*', kind: 'generic', scopesCaller: false, why: 'tags of the target role or user' },
];

/** Keys (lower case) that identify the caller: a statement open to any principal is scoped only by one of these. */
export const CALLER_SCOPING_KEYS: readonly string[] = CONDITION_KEYS.filter((k) => k.scopesCaller).map((k) => k.key);

/** The rule for a condition key (case-insensitive; unknown keys are `generic` and do not scope the caller). */
export function keyRule(key: string): KeyRule {
  const k = key.trim().toLowerCase();
  return CONDITION_KEYS.find((r) => (r.key.includes('*') ? globMatch(r.key, k) : r.key === k)) ?? { key: k, kind: 'generic', scopesCaller: false, why: 'not a key the hook knows to identify anyone' };
}

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

/** Variables fixed by the resource owner, never by the caller (`${aws:ResourceAccount}` in the data-perimeter pattern). */
const RESOURCE_SIDE_VARIABLES = ['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths'];
/** Variables that describe the principal (set by AWS, not sent with the request). */
const PRINCIPAL_SIDE_VARIABLES = ['aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn', 'aws:userid', 'aws:username', 'aws:principaltag/*'];

const WILD = /[*?]/;

function hasWildcard(s: string): boolean {
  return WILD.test(s);
}

/**
 * Replace policy variables: `${*}`, `${?}`, `${$}` are literal characters; a variable may stand in the
 * value only if it cannot be the caller's own choice or the caller itself (see the module comment).
 * Returns the value with variables replaced by literal placeholders, or undefined when a variable makes
 * the value match any caller.
 */
function substituteVariables(value: string, key: string, rule: KeyRule): string | undefined {
  let matchAll = false;
  const out = value.replace(/\$\{([^}]*)\}/g, (_m, body: string) => {
    const name = body.split(',')[0].trim().toLowerCase();
    if (name === '*' || name === '?' || name === '$') return 'L'; // an escaped literal character, not a wildcard
    const resourceSide = RESOURCE_SIDE_VARIABLES.includes(name);
    const principalSide = PRINCIPAL_SIDE_VARIABLES.some((p) => globMatch(p, name));
    const ok = name !== key && (resourceSide || (!rule.scopesCaller && principalSide));
    if (!ok) matchAll = true;
    return rule.kind === 'account' ? '000000000000' : rule.kind === 'org' ? 'o-placeholder' : 'placeholder';
  });
  return matchAll ? undefined : out;
}

/** ARN fields: partition, service, region, account, resource (the resource keeps its own colons). */
function arnFields(v: string): string[] | undefined {
  const parts = v.split(':');
  if (parts.length < 6 || parts[0].toLowerCase() !== 'arn') return undefined;
  return [parts[1], parts[2], parts[3], parts[4], parts.slice(5).join(':')];
}

/** Does a concrete (variable-free) value match every caller in the position that identifies one? */
function matchesEveryone(v: string, kind: KeyKind, family: OperatorFamily): boolean {
  const s = v.trim();
  if (s.length === 0) return true; // names nobody in particular; fail closed
  if (/^[*?]+$/.test(s)) return true;
  switch (kind) {
    case 'account':
    case 'org':
    case 'id':
      // random identifiers: any wildcard admits identifiers of strangers
      return hasWildcard(s);
    case 'orgpath':
    case 'userid': {
      // the first segment is the organisation / the unique ID; what follows may be a pattern
      const head = s.split(kind === 'orgpath' ? '/' : ':')[0];
      return head.length === 0 || hasWildcard(head);
    }
    case 'service':
      return hasWildcard(s.split('.')[0]);
    case 'arn': {
      const f = arnFields(s);
      if (!f) return hasWildcard(s);
      const [partition, service, region, account, resource] = f;
      // StringLike: `*` spans colons, so a wildcard before the account field can stand for any account;
      // ArnLike/ArnEquals match field by field, so only the account field (and an account-less resource) matters
      if (family !== 'arn' && hasWildcard(`${partition}:${service}:${region}`)) return true;
      if (hasWildcard(account)) return true;
      // account-less ARNs (S3 buckets): the bucket name is global, a wildcard in it admits strangers' buckets
      if (account === '') return resource.length === 0 || hasWildcard(resource.split('/')[0]);
      return false;
    }
    case 'ip':
    case 'generic':
      return false;
  }
}

/**
 * One value of one (operator, key) entry. `narrows` when the value is concrete and does not admit every
 * caller; `unresolved` for an intrinsic or dynamic reference; `none` otherwise.
 */
export function judgeValue(value: unknown, key: string, family: OperatorFamily = 'string-exact'): Narrowing {
  if (isIntrinsic(value) || isDynamicReference(value)) return 'unresolved';
  const s = toStr(value);
  if (s === undefined) return 'none';
  const k = key.trim().toLowerCase();
  const rule = keyRule(k);
  const concrete = substituteVariables(s, k, rule);
  if (concrete === undefined) return 'none';
  return matchesEveryone(concrete, rule.kind, family) ? 'none' : 'narrows';
}

/** Can an operator family narrow a key of this kind at all? */
function familyFits(family: OperatorFamily, kind: KeyKind): boolean {
  if (family === 'string-exact' || family === 'string-like') return kind !== 'ip';
  if (family === 'arn') return kind === 'arn' || kind === 'generic';
  if (family === 'ip') return kind === 'ip';
  return false;
}

export interface EntryVerdict {
  operator: string;
  key: string;
  narrowing: Narrowing;
  why: string;
}

/**
 * One entry `{operator: {key: value(s)}}`. A list of values is an OR: one match-all value admits everyone;
 * one unresolved value (and no match-all one) makes the entry unresolved.
 */
export function judgeEntry(operator: string, key: string, raw: unknown): EntryVerdict {
  const op = judgeOperator(operator);
  const verdict = (narrowing: Narrowing, why: string): EntryVerdict => ({ operator, key, narrowing, why });
  if (!op.positive || !op.rule) return verdict('none', op.why);
  const rule = keyRule(key);
  if (!familyFits(op.rule.family, rule.kind)) return verdict('none', `${op.rule.operator} cannot name ${key}`);
  if (isIntrinsic(raw)) return verdict('unresolved', 'the value list is not resolvable from the template');
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) return verdict('none', 'no values');
  const each = values.map((v) => judgeValue(v, key, op.rule!.family));
  if (each.includes('none')) return verdict('none', 'a value admits every caller (wildcard, empty, or a variable of the caller)');
  if (each.includes('unresolved')) return verdict('unresolved', 'a value is not resolvable from the template');
  if (rule.notEveryResource) {
    const every = everyResourceOfAKind(values.map((v) => String(toStr(v)).trim()));
    if (every) return verdict('none', `the values together match every ${every.kind} of ${every.scope}`);
  }
  return verdict('narrows', op.rule.why);
}

/** Every (operator, key) entry of a Condition block whose key matches one of `keys` (globs, lower case). */
export function judgeCondition(condition: unknown, keys: readonly string[] = CALLER_SCOPING_KEYS): EntryVerdict[] {
  if (!isRecord(condition)) return [];
  const out: EntryVerdict[] = [];
  for (const [op, block] of Object.entries(condition)) {
    if (isIntrinsic(block)) {
      // `{"StringEquals": {"Fn::If": ...}}`: which keys it holds is unknown
      if (judgeOperator(op).positive) out.push({ operator: op, key: '?', narrowing: 'unresolved', why: 'the operator block is not resolvable from the template' });
      continue;
    }
    if (!isRecord(block)) continue;
    for (const [k, v] of Object.entries(block)) {
      const lk = k.trim().toLowerCase();
      if (!keys.some((p) => (p.includes('*') ? globMatch(p, lk) : p === lk))) continue;
      out.push(judgeEntry(op, k, v));
    }
  }
  return out;
}

/**
 * Does a Condition block narrow the grant on one of `keys`? Entries are ANDed: one concrete narrowing entry
 * is enough; otherwise an unresolved entry makes the answer `unresolved`; otherwise `none`.
 */
export function conditionNarrowing(condition: unknown, keys: readonly string[] = CALLER_SCOPING_KEYS): Narrowing {
  if (isIntrinsic(condition) || (condition !== undefined && condition !== null && !isRecord(condition))) return 'unresolved';
  let result: Narrowing = 'none';
  for (const e of judgeCondition(condition, keys)) {
    if (e.narrowing === 'narrows') return 'narrows';
    if (e.narrowing === 'unresolved') result = 'unresolved';
  }
  return result;
}

/** The statement-level form (a Condition that is itself an intrinsic is unresolved). */
export function statementNarrowing(st: Statement, keys: readonly string[] = CALLER_SCOPING_KEYS): Narrowing {
  const n = conditionNarrowing(st.condition, keys);
  return n === 'none' && st.unresolved.includes('Condition') ? 'unresolved' : n;
}
