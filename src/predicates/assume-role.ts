/**
 * Roles assumed in other accounts: which accounts an identity policy lets its holder obtain credentials in.
 *
 * `sts:AssumeRole` on a role ARN of another account gives the holder that role's session in that account (and
 * whatever the pipeline hands the holder travels there with it); `sts:AssumeRoot` on an account's `root` ARN does
 * the same with a root session of a member account. An Allow statement (or one whose Effect cannot be read) that
 * grants either action is judged by what its action patterns match (`sts:*`, `sts:Assume*`, `STS:ASSUMEROLE`,
 * `sts:?ssumeRole`, `*`, NotAction: policy.ts `grantsAction`) and by the accounts its resource patterns can name:
 *
 * - an ARN pattern whose service field can be `iam` and whose resource part can be a role (`role/…`, `r*`, `*`)
 *   or the account root names the account in its account field: a literal 12-digit account must be trusted
 *   (accounts.ts: the change's own account, ProductionAccountIds, TrustedAccountIds); a wildcard in it
 *   (`*`, `1111111111?1`), a policy variable, an empty or malformed field is any account;
 * - `*`, `arn:*`, `arn:aws:iam::*` and every other pattern that a trailing wildcard lets span the account field
 *   is any account; NotResource (every resource but a few) is any account;
 * - a pattern that cannot be a role or root ARN (`arn:aws:s3:::bucket/*`, `arn:aws:iam::aws:policy/…`, an IAM
 *   user) is not an assume target and is not judged;
 * - the fields are matched one by one (as isBroadResource and the ArnLike condition rule read them): a wildcard
 *   partition (`arn:*:iam::111111111111:role/*`, as CDK writes it) does not open the account field.
 *
 * A pattern that can name an untrusted account passes only when a positive condition pins the target to trusted
 * accounts: `aws:ResourceAccount` with trusted account IDs (or `${aws:PrincipalAccount}`: the holder is a
 * principal of the change's own account), `aws:ResourceOrgID` / `aws:ResourceOrgPaths` with organisations of
 * TrustedOrganizationIds. Whether an entry narrows at all is the one adversarial judgement of conditions.ts
 * (IfExists, negated operators, ForAllValues:, wildcard values, the key's own variable, a list with a
 * match-all member narrow nothing); tag conditions (`iam:ResourceTag/…`) never pin an account: any account can
 * tag its roles the same way.
 *
 * Values the template does not resolve (a Resource entry, the Condition, the Effect) are UNKNOWN, never PASS.
 */
import { accountProblem, orgProblem, type Trusted } from './accounts';
import { judgeCondition } from './conditions';
import { globMatch } from './glob';
import { identityPolicies, statementLabel, statementPath, type PolicySource } from './iam';
import { grantsAction, type Statement } from './policy';
import { rawStatements } from './resource-policy';
import { isIntrinsic, isRecord } from './values';
import type { Finding, ResourceView } from '../model';

/** The actions that obtain credentials in the account their resource names, and the target each one takes. */
export const ASSUME_ACTIONS: ReadonlyArray<{ action: string; target: 'role' | 'root' }> = [
  { action: 'sts:AssumeRole', target: 'role' },
  { action: 'sts:AssumeRoot', target: 'root' },
];

/** Condition keys that name the account (or organisation) of the resource a call acts on. */
export const RESOURCE_ACCOUNT_KEYS: readonly string[] = ['aws:resourceaccount', 'aws:resourceorgid', 'aws:resourceorgpaths'];

/** What account a resource pattern can name for a role (or root) target. */
export type TargetAccount = { kind: 'account'; account: string } | { kind: 'any'; why: string };

/** Can the resource part of an ARN pattern be `role/<name>` (`?` one character, `*` anything, any letter case)? */
function canBeRole(resource: string): boolean {
  const word = 'role/';
  for (let i = 0; i < word.length; i++) {
    if (i >= resource.length) return false;
    const c = resource[i];
    if (c === '*') return true;
    if (c !== '?' && c.toLowerCase() !== word[i]) return false;
  }
  return resource.length > word.length;
}

function canBeTarget(resource: string, target: 'role' | 'root'): boolean {
  return target === 'role' ? canBeRole(resource) : globMatch(resource.toLowerCase(), 'root');
}

/** The fixed fields of an IAM ARN (`arn:<partition>:iam:<region>:<account>:…`): the ones a pattern must fit. */
const EXPECTED_FIELD: Readonly<Record<number, string>> = { 0: 'arn', 2: 'iam' };

function fieldFits(field: string, index: number): boolean {
  const expected = EXPECTED_FIELD[index];
  return expected === undefined || globMatch(field.toLowerCase(), expected);
}

/** Can a field pattern holding a spanning `*` start with `text` (`?` one character, any letter case)? `free`: any text fits. */
function canStart(field: string, text: string, free: boolean): boolean {
  if (free) return true;
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (c === '*' || i >= text.length) return true;
    if (c !== '?' && c.toLowerCase() !== text[i]) return false;
  }
  return true;
}

/**
 * The account a resource pattern names for a role (or account-root) target; undefined when the pattern cannot
 * be such an ARN at all.
 */
export function targetAccountOf(pattern: string, target: 'role' | 'root' = 'role'): TargetAccount | undefined {
  // a policy variable (`${aws:PrincipalTag/x}`) may hold colons of its own: one field, whatever it holds
  const v = pattern.trim().replace(/\$\{[^}]*\}/g, '${}');
  if (v === '') return undefined;
  const fields = v.split(':');
  if (fields.length < 6) {
    // a short pattern matches a whole ARN only through a wildcard that spans the missing fields (`*`, `arn:*`,
    // `arn:aws:iam::*`, `*:role/x`): the account field is inside it. The fields before the first wildcard must
    // fit an IAM ARN, and the one holding it must be able to start its field.
    const k = fields.findIndex((f) => f.includes('*'));
    if (k === -1) return undefined;
    for (let i = 0; i < k; i++) if (!fieldFits(fields[i], i)) return undefined;
    if (!canStart(fields[k], `${EXPECTED_FIELD[k] ?? ''}:`, EXPECTED_FIELD[k] === undefined)) return undefined;
    return { kind: 'any', why: 'any account (a wildcard spans the account field)' };
  }
  if (!fieldFits(fields[0], 0) || !fieldFits(fields[2], 2)) return undefined;
  if (!canBeTarget(fields.slice(5).join(':'), target)) return undefined;
  const account = fields[4].trim();
  if (account === '' || /[*?]/.test(account) || account.includes('${')) return { kind: 'any', why: 'a wildcard account (any account)' };
  return { kind: 'account', account };
}

/** One resource entry of a statement as written: its relative path (`Resource`, `Resource[1]`) and value. */
interface ResourceEntry {
  rel: string;
  value: unknown;
}

function resourceEntries(rawStatement: unknown, st: Statement): ResourceEntry[] {
  if (isRecord(rawStatement)) {
    const key = Object.keys(rawStatement).find((k) => k.toLowerCase() === (st.notResource ? 'notresource' : 'resource'));
    if (key === undefined) return [];
    const raw = rawStatement[key];
    return Array.isArray(raw) ? raw.map((value, i) => ({ rel: `${key}[${i}]`, value })) : [{ rel: key, value: raw }];
  }
  // an AWS managed policy (no raw document at hand): the parsed, all-string resources
  const key = st.notResource ? 'NotResource' : 'Resource';
  return st.resources.length === 1 ? [{ rel: key, value: st.resources[0] }] : st.resources.map((value, i) => ({ rel: `${key}[${i}]`, value }));
}

/** The verdict on a statement's resource-account conditions. */
export interface TargetPin {
  /** One entry pins the target to trusted accounts or organisations. */
  pinned: boolean;
  /** No entry pins concretely, and one is not resolvable from the template (or the Condition itself is not). */
  unresolved: boolean;
  /** Entries that narrow, but to values that are not trusted (`Condition.StringEquals.aws:ResourceAccount names …`). */
  issues: string[];
}

const PRINCIPAL_ACCOUNT_VARIABLE = /^\$\{\s*aws:principalaccount\s*\}$/i;

/** Why one value of a narrowing entry is not a trusted account or organisation (undefined: trusted). */
function pinValueProblem(key: string, value: string, trusted: Trusted): string | undefined {
  const k = key.trim().toLowerCase();
  const v = value.trim();
  if (k === 'aws:resourceaccount') {
    // the holder of an identity policy the stack declares is a principal of the change's own account
    if (PRINCIPAL_ACCOUNT_VARIABLE.test(v)) return undefined;
    if (v.includes('${')) return 'a policy variable that is not the holder\'s own account (${aws:PrincipalAccount})';
    return accountProblem(v, trusted);
  }
  if (v.includes('${')) return 'a policy variable, which is no organisation listed in TrustedOrganizationIds';
  return orgProblem(k === 'aws:resourceorgpaths' ? (v.split('/')[0] ?? '') : v, trusted);
}

/**
 * Does the statement's Condition pin the target account to trusted accounts or organisations? Entries are
 * ANDed: one entry whose values all are trusted is enough. Whether an entry narrows at all is decided by
 * conditions.ts; this adds that every value it admits is trusted.
 */
export function targetPin(st: Statement, trusted: Trusted): TargetPin {
  const out: TargetPin = { pinned: false, unresolved: st.unresolved.includes('Condition') || isIntrinsic(st.condition), issues: [] };
  for (const entry of judgeCondition(st.condition, RESOURCE_ACCOUNT_KEYS)) {
    if (entry.narrowing === 'unresolved') {
      out.unresolved = true;
      continue;
    }
    if (entry.narrowing !== 'narrows') continue;
    const block = st.condition?.[entry.operator];
    const raw = isRecord(block) ? block[entry.key] : undefined;
    const values = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
    const problems = values.map((v) => pinValueProblem(entry.key, v, trusted)).filter((p): p is string => p !== undefined);
    if (problems.length === 0 && values.length > 0) {
      out.pinned = true;
      continue;
    }
    for (const p of new Set(problems)) out.issues.push(`Condition.${entry.operator}.${entry.key} names ${p}`);
  }
  if (out.pinned) out.unresolved = false;
  return out;
}

/** The assume actions a statement grants, each with the pattern that grants it (for the message). */
function grantedAssumeActions(st: Statement): Array<{ action: string; target: 'role' | 'root'; via: string }> {
  return ASSUME_ACTIONS.filter((a) => grantsAction(st, a.action)).map((a) => {
    const lower = a.action.toLowerCase();
    const pattern = st.notAction ? 'NotAction' : (st.actions.find((p) => globMatch(p, lower)) ?? lower);
    return { ...a, via: pattern === lower ? '' : ` (via ${pattern})` };
  });
}

/**
 * The findings for the identity policies of a resource (inline `Policies`, `PolicyDocument`, attached AWS
 * managed policies): every resource entry through which a statement lets its holder assume a role (or root) in
 * an account that is not trusted. Findings sit at the resource entry (`…Statement[0].Resource[1]`); an entry,
 * Effect or Condition the template does not resolve is UNKNOWN.
 */
export function assumeRoleFindings(view: ResourceView, resourceType: string, trusted: Trusted): Finding[] {
  const findings: Finding[] = [];
  for (const src of identityPolicies(view, resourceType)) {
    if (src.policy.error) {
      findings.push({ path: src.path, message: `${src.path}: ${src.policy.error}` });
      continue;
    }
    const raws = src.awsManaged === undefined ? rawStatements(view.get(src.path)) : [];
    for (const st of src.policy.statements) findings.push(...statementFindings(view, src, st, raws[st.index], trusted));
  }
  return findings;
}

function statementFindings(view: ResourceView, src: PolicySource, st: Statement, rawStatement: unknown, trusted: Trusted): Finding[] {
  if (st.effect === 'Deny') return [];
  const path = statementPath(src, st);
  let granted = grantedAssumeActions(st);
  // an Action entry the template does not resolve may be sts:AssumeRole: judged as if it were, UNKNOWN at most
  const actionUnresolved = granted.length === 0 && st.unresolved.includes('Action');
  if (actionUnresolved) granted = ASSUME_ACTIONS.map((a) => ({ ...a, via: ' (an Action entry the template does not resolve)' }));
  if (granted.length === 0) return [];
  const at = (rel: string) => (src.awsManaged !== undefined ? src.path : `${path}.${rel}`);
  // what each resource entry can name
  const open: Array<{ rel: string; why: string; action: string }> = [];
  const unresolved: string[] = [];
  if (st.notResource) {
    const key = (isRecord(rawStatement) && Object.keys(rawStatement).find((k) => k.toLowerCase() === 'notresource')) || 'NotResource';
    open.push({ rel: key, why: 'every resource but the listed ones: roles in any account', action: describe(granted) });
  } else if (st.resources.length === 0 && !st.unresolved.includes('Resource')) {
    open.push({ rel: 'Resource', why: 'every resource (the statement has no Resource): roles in any account', action: describe(granted) });
  } else {
    for (const entry of resourceEntries(rawStatement, st)) {
      if (typeof entry.value !== 'string') {
        unresolved.push(entry.rel);
        continue;
      }
      for (const g of granted) {
        const t = targetAccountOf(entry.value, g.target);
        if (t === undefined) continue;
        const noun = g.target === 'role' ? 'roles' : 'the root';
        if (t.kind === 'any') {
          open.push({ rel: entry.rel, why: `${noun} in ${t.why}`, action: `${g.action}${g.via}` });
          break;
        }
        const problem = accountProblem(t.account, trusted);
        if (problem !== undefined) {
          open.push({ rel: entry.rel, why: `${g.target === 'role' ? 'a role' : 'the root'} in ${problem}`, action: `${g.action}${g.via}` });
          break;
        }
      }
    }
  }
  if (open.length === 0 && unresolved.length === 0) return [];
  const pin = targetPin(st, trusted);
  if (pin.pinned) return [];
  if (actionUnresolved) {
    view.unknown(path, "the statement's Action is not resolvable from the template (it may grant sts:AssumeRole into an untrusted account)");
    return [];
  }
  if (st.unresolved.includes('Effect')) view.unknown(path, "the statement's Effect is not resolvable from the template");
  if (pin.unresolved) view.unknown(path, 'a Condition value is not resolvable from the template (it may pin the target account)');
  for (const rel of unresolved) view.unknown(`${path}.${rel}`, `${rel} is not resolvable from the template (it may name a role in any account)`);
  const label = statementLabel(src, st);
  const conditionNote =
    pin.issues.length > 0
      ? `; ${pin.issues.join('; ')}`
      : ', and no aws:ResourceAccount, aws:ResourceOrgID or aws:ResourceOrgPaths condition pins the target to trusted accounts';
  const where = (rel: string) => (src.awsManaged !== undefined ? `${label} ${rel}` : `${path}.${rel}`);
  return open.map((o) => ({ path: at(o.rel), message: `${where(o.rel)}: the statement allows ${o.action} on ${o.why}${conditionNote}` }));
}

function describe(granted: ReadonlyArray<{ action: string; via: string }>): string {
  return granted.map((g) => `${g.action}${g.via}`).join(' and ');
}
