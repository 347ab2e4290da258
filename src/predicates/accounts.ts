/**
 * Trusted accounts: which AWS accounts and organisations a policy principal, a KMS key ARN, a log destination
 * or a replication target may name. The trusted set is always the account the change is made in, the
 * configured ProductionAccountIds and TrustedAccountIds; organisations are TrustedOrganizationIds. A wildcard
 * account (`*`, `1234*`, `arn:aws:iam::*:root`, a policy variable) is never trusted. An account ID is not a
 * secret: messages name it.
 *
 * Policies are read through the one policy normaliser (policy.ts) and the condition tables (conditions.ts).
 */
import { judgeOperator, keyRule } from './conditions';
import { parsePolicy, type Statement } from './policy';
import { isServicePrincipal, rawStatements, unresolvedPrincipalPaths } from './resource-policy';
import { isDynamicReference, isIntrinsic, isRecord } from './values';
import type { Finding, ResourceView, Settings } from '../model';

export interface Trusted {
  accounts: ReadonlySet<string>;
  orgs: ReadonlySet<string>;
}

export function trustedFrom(settings: Pick<Settings, 'ProductionAccountIds' | 'TrustedAccountIds' | 'TrustedOrganizationIds'>, accountId: string): Trusted {
  const accounts = new Set<string>([...(settings.ProductionAccountIds ?? []), ...(settings.TrustedAccountIds ?? [])].map((a) => a.trim()));
  if (accountId) accounts.add(accountId.trim());
  return { accounts, orgs: new Set((settings.TrustedOrganizationIds ?? []).map((o) => o.trim().toLowerCase())) };
}

/** The account field of an ARN (`arn:aws:kms:eu-west-1:123456789012:key/...` → `123456789012`); '' when the ARN has none (S3 buckets); undefined when not an ARN. */
export function arnAccount(value: string): string | undefined {
  const parts = value.trim().split(':');
  // `ARN:AWS:IAM::…` under StringEqualsIgnoreCase matches the ARN all the same: the prefix in any case
  if (parts.length < 6 || parts[0].toLowerCase() !== 'arn') return undefined;
  return parts[4];
}

const TRUST_HINT = "(trusted: the hook's own account, ProductionAccountIds, TrustedAccountIds)";

/** Why an account value is not trusted (undefined: trusted). */
export function accountProblem(account: string, trusted: Trusted): string | undefined {
  const a = account.trim();
  if (a === '' || /[*?]/.test(a) || a.includes('${')) return 'a wildcard account (any account)';
  if (!/^[0-9]{12}$/.test(a)) return 'an account ID that is not 12 digits (it cannot be matched to a trusted account)';
  return trusted.accounts.has(a) ? undefined : `account ${a}, which is not trusted ${TRUST_HINT}`;
}

/** Why an organisation value is not trusted (undefined: trusted). */
export function orgProblem(org: string, trusted: Trusted): string | undefined {
  const o = org.trim().toLowerCase();
  if (o === '' || /[*?]/.test(o) || o.includes('${')) return 'a wildcard organisation (any organisation)';
  if (!/^o-[a-z0-9]{10,32}$/.test(o)) return 'an organisation ID that is not o-… (it cannot be matched to a trusted organisation)';
  return trusted.orgs.has(o) ? undefined : `organisation ${o}, which is not in TrustedOrganizationIds`;
}

/** One account reference that is not trusted, relative to a statement (`Principal`, `Condition.StringEquals.aws:SourceAccount`). */
export interface AccountIssue {
  at: string;
  message: string;
  /** The value is not resolvable from the template: the issue is UNKNOWN, not a verdict. */
  unresolved?: boolean;
}

/** The key an `AWS`/`Federated` principal identifier names its account by, or a problem. */
function principalIssue(id: string, trusted: Trusted): string | undefined {
  if (id === '*') return undefined; // judged with the conditions below
  const colon = id.indexOf(':');
  const type = colon === -1 ? 'AWS' : id.slice(0, colon);
  const value = (colon === -1 ? id : id.slice(colon + 1)).trim();
  if (type === 'Service') return undefined;
  if (type === 'CanonicalUser') return `names a CanonicalUser principal, which cannot be matched to a trusted account`;
  if (type === 'Federated') {
    const acct = arnAccount(value);
    if (acct === undefined) return undefined; // a web identity provider (cognito-identity.amazonaws.com, accounts.google.com): no account
    const p = accountProblem(acct, trusted);
    return p && `Federated principal names ${p}`;
  }
  if (type !== 'AWS') return `names a principal of type ${type}, which cannot be matched to a trusted account`;
  if (/^[*?]+$/.test(value)) return undefined; // everyone: judged with the conditions below
  const acct = /^[0-9*?]{1,12}$/.test(value) ? value : arnAccount(value);
  if (acct === undefined) {
    if (/^A[A-Z0-9]{15,}$/.test(value)) return 'names a principal by its unique ID, which cannot be matched to a trusted account';
    return 'names a principal that is neither an account ID nor an ARN, which cannot be matched to a trusted account';
  }
  const p = accountProblem(acct, trusted);
  return p && `Principal names ${p}`;
}

/** Is this principal identifier anyone (`*`, `AWS:*`, a wildcard account)? */
function isEveryone(id: string): boolean {
  if (id === '*') return true;
  const colon = id.indexOf(':');
  const type = colon === -1 ? 'AWS' : id.slice(0, colon);
  const value = (colon === -1 ? id : id.slice(colon + 1)).trim();
  if (type !== 'AWS') return /^[*?]+$/.test(value);
  if (/^[*?]+$/.test(value)) return true;
  const acct = /^[0-9*?]{1,12}$/.test(value) ? value : arnAccount(value);
  return acct !== undefined && (acct === '' || /[*?]/.test(acct));
}

interface PinEntry {
  at: string;
  values: unknown;
  kind: 'account' | 'org' | 'orgpath' | 'arn';
}

/** Positive condition entries that name the caller's (or the source's) account, organisation or ARN. */
function pinEntries(condition: unknown): PinEntry[] {
  const out: PinEntry[] = [];
  if (!isRecord(condition)) return out;
  for (const [op, block] of Object.entries(condition)) {
    const verdict = judgeOperator(op);
    if (!verdict.positive || !isRecord(block)) continue;
    for (const [key, values] of Object.entries(block)) {
      const rule = keyRule(key);
      if (!rule.scopesCaller) continue;
      if (rule.kind === 'account' || rule.kind === 'org' || rule.kind === 'orgpath' || rule.kind === 'arn') out.push({ at: `Condition.${op}.${key}`, values, kind: rule.kind });
    }
  }
  return out;
}

const RESOURCE_ACCOUNT_VARIABLE = /^\$\{aws:resourceaccount\}$/i;

function pinValueProblem(kind: PinEntry['kind'], value: string, trusted: Trusted): string | undefined {
  // the data-perimeter idiom `aws:PrincipalAccount: ${aws:ResourceAccount}` in a resource policy: the account that
  // owns the resource, which is the account the change is made in
  if (kind === 'account') return RESOURCE_ACCOUNT_VARIABLE.test(value.trim()) ? undefined : accountProblem(value, trusted);
  if (kind === 'org') return orgProblem(value, trusted);
  if (kind === 'orgpath') return orgProblem(value.split('/')[0] ?? '', trusted);
  const acct = arnAccount(value);
  if (acct === undefined) return /[*?]/.test(value) || value.includes('${') ? 'a wildcard ARN (any account)' : 'a value that is not an ARN (it cannot be matched to a trusted account)';
  // (an ARN without an account field, an S3 bucket, pins no account: statementAccountIssues handles it before)
  return accountProblem(acct, trusted);
}

/**
 * The account references of one statement that are not trusted. A Deny grants nothing and is skipped. An
 * Allow (or an Effect that cannot be read) must name only trusted accounts in its principals and in the
 * positive conditions that identify the caller or the source (aws:PrincipalAccount, aws:SourceAccount,
 * kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceArn, ...). Anyone as the principal
 * (`*`, a wildcard account, NotPrincipal) counts as trusted only when such a condition pins it to trusted
 * accounts or organisations.
 */
export function statementAccountIssues(st: Statement, rawStatement: unknown, trusted: Trusted): AccountIssue[] {
  if (st.effect === 'Deny') return [];
  const issues: AccountIssue[] = [];
  const principalKey = st.notPrincipal ? 'NotPrincipal' : 'Principal';
  for (const id of st.principals) {
    if (isEveryone(id)) continue; // anyone: judged with the conditions below
    const p = principalIssue(id, trusted);
    if (p) issues.push({ at: principalKey, message: p });
  }
  if (st.unresolved.includes('Principal')) {
    const paths = unresolvedPrincipalPaths(rawStatement);
    for (const at of paths.length > 0 ? paths : [principalKey]) issues.push({ at, message: 'names a principal the template does not resolve (it may be any account)', unresolved: true });
  }
  const condition = isRecord(rawStatement) ? Object.entries(rawStatement).find(([k]) => k.toLowerCase() === 'condition')?.[1] : undefined;
  if (condition !== undefined && !isRecord(condition)) {
    if (isIntrinsic(condition)) issues.push({ at: 'Condition', message: 'has a Condition the template does not resolve', unresolved: true });
  }
  // condition entries are ANDed: one entry that pins the caller to trusted accounts is enough, and the
  // others can only narrow further; without one, every untrusted value is named
  let pinnedToTrusted = false;
  let accountlessArnAt: string | undefined;
  const conditionIssues: AccountIssue[] = [];
  for (const entry of pinEntries(condition)) {
    if (isIntrinsic(entry.values) || isDynamicReference(entry.values)) {
      conditionIssues.push({ at: entry.at, message: `${entry.at} is not resolvable from the template`, unresolved: true });
      continue;
    }
    const values = Array.isArray(entry.values) ? entry.values : [entry.values];
    let all = values.length > 0;
    for (const v of values) {
      if (typeof v !== 'string') {
        conditionIssues.push({ at: entry.at, message: `${entry.at} holds a value the template does not resolve`, unresolved: true });
        all = false;
        continue;
      }
      if (entry.kind === 'arn' && arnAccount(v) === '') {
        all = false; // an ARN without an account field (an S3 bucket) pins no account
        accountlessArnAt ??= entry.at;
        continue;
      }
      const p = pinValueProblem(entry.kind, v, trusted);
      if (p) {
        conditionIssues.push({ at: entry.at, message: `${entry.at} names ${p}` });
        all = false;
      }
    }
    if (all) pinnedToTrusted = true;
  }
  if (!pinnedToTrusted) issues.push(...conditionIssues);
  // a service acting for a bucket named only by its ARN: the bucket may be (or become) another account's
  if (!pinnedToTrusted && conditionIssues.length === 0 && accountlessArnAt !== undefined && st.principals.some((p) => p.toLowerCase().startsWith('service:'))) {
    issues.push({ at: accountlessArnAt, message: `${accountlessArnAt} names an ARN without an account field (a bucket another account can own or re-create under the same name), and no aws:SourceAccount pins the account the service acts for` });
  }
  const everyone = st.notPrincipal || st.principals.some(isEveryone);
  if (everyone && !pinnedToTrusted && conditionIssues.length === 0) {
    issues.push({
      at: principalKey,
      message: st.notPrincipal
        ? 'allows every account but the NotPrincipal, with no aws:PrincipalAccount or aws:PrincipalOrgID condition that pins the caller to trusted accounts'
        : 'allows any account ("*" or a wildcard account) with no aws:PrincipalAccount, aws:SourceAccount or aws:PrincipalOrgID condition that pins the caller to trusted accounts',
    });
  }
  return issues;
}

const absentValue = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

/**
 * Findings for the policy document at `path` (a statement path each, naming the account). An intrinsic or
 * dynamic-reference document is UNKNOWN; an absent one names nobody; an unreadable one fails.
 */
export function policyAccountFindings(view: ResourceView, path: string, trusted: Trusted, doc: unknown = view.get(path)): Finding[] {
  if (absentValue(doc)) return [];
  if (isIntrinsic(doc)) {
    view.unknown(path, 'the policy document is not resolvable from the template');
    return [];
  }
  if (isDynamicReference(doc)) {
    view.unknown(path, 'a dynamic reference is resolved only at deployment');
    return [];
  }
  const parsed = parsePolicy(doc);
  if (parsed.error) return [{ path, message: `${path}: ${parsed.error}` }];
  const raws = rawStatements(doc);
  const findings: Finding[] = [];
  for (const st of parsed.statements) {
    const at = `${path}.Statement[${st.index}]`;
    for (const issue of statementAccountIssues(st, raws[st.index], trusted)) {
      const p = `${at}.${issue.at}`;
      if (issue.unresolved) view.unknown(p, issue.message);
      findings.push({ path: p, message: issue.message.startsWith(issue.at) ? `${at}.${issue.message}` : `${at} ${issue.message}` });
    }
  }
  return findings;
}

/**
 * A property that holds an ARN (or an account ID, `accountId: true`): its account must be trusted. Absent,
 * a bare key ID or alias name (the change's own account) pass; an unresolved value is UNKNOWN.
 */
export function referenceAccountFindings(view: ResourceView, path: string, trusted: Trusted, what: string, opts: { accountId?: boolean } = {}): Finding[] {
  return referenceAccountFindingsOf(view, path, view.get(path), trusted, what, opts);
}

/**
 * The same for a value already read (`raw`, found at `path` relative to `view`, e.g. an action's view in a
 * pipeline): no second walk from the resource root. Findings carry the full path.
 */
export function referenceAccountFindingsOf(view: ResourceView, path: string, raw: unknown, trusted: Trusted, what: string, opts: { accountId?: boolean } = {}): Finding[] {
  if (absentValue(raw)) return [];
  const full = view.pathOf(path);
  const value = view.strOf(raw, path); // records UNKNOWN when unresolved
  if (value === undefined) return isIntrinsic(raw) || isDynamicReference(raw) ? [{ path: full, message: `${full} (${what}) is not resolvable from the template` }] : [];
  const acct = opts.accountId ? value.trim() : arnAccount(value);
  if (acct === undefined || (acct === '' && !opts.accountId)) return [];
  const p = accountProblem(acct, trusted);
  return p ? [{ path: full, message: `${full} (${what}) names ${p}` }] : [];
}

/** What a RAM share principal or source names, and why it is not trusted (undefined: trusted). */
export interface ShareParty {
  /** An organisation or an OU: every account in it, also the ones that join later, gets the share. */
  organization: boolean;
  /** A service principal (its access is narrowed by the share's Sources). */
  service?: string;
  problem?: string;
}

const ANY_PARTY = /^[*?]+$/;

/** The organisation an organisation ARN (`…:organization/o-…`) or OU ARN (`…:ou/o-…/ou-…`) names; null for another organizations ARN. */
function organizationOfArn(resource: string): string | null {
  const m = /^(organization|ou)\/([^/]*)(\/|$)/i.exec(resource);
  return m ? (m[2] ?? '') : null;
}

/**
 * A principal of a RAM resource share (AWS::RAM::ResourceShare Principals, AWS::RAM::PrincipalAssociation
 * Principal) or a source (Sources, AWS::RAM::SourceAssociation SourceId), as RAM documents them: an account ID,
 * an organisation ARN, an OU ARN, an IAM role or user ARN, or (principals only) a service principal; a source is
 * an account ID, an ARN, an organisation ID or an organisation path (`o-…/r-…/ou-…`). Accounts must be trusted
 * (the change's own account, ProductionAccountIds, TrustedAccountIds), organisations and OUs must belong to a
 * TrustedOrganizationIds organisation; a wildcard or anything else cannot be matched and is not trusted.
 */
export function shareParty(value: string, trusted: Trusted, as: 'principal' | 'source'): ShareParty {
  const v = value.trim();
  if (v === '') return { organization: false, problem: 'an empty value (it cannot be matched to a trusted account)' };
  if (ANY_PARTY.test(v)) return { organization: false, problem: 'a wildcard (any account)' };
  if (/^[0-9*?]+$/.test(v)) return { organization: false, problem: accountProblem(v, trusted) };
  if (as === 'source' && /^o-[^/]*(\/|$)/i.test(v)) {
    const org = v.split('/')[0] ?? '';
    return { organization: true, problem: orgProblem(org, trusted) };
  }
  if (isServicePrincipal(v)) return as === 'principal' ? { organization: false, service: v } : { organization: false, problem: 'a service principal, which is not a source account' };
  const parts = v.split(':');
  if (parts.length >= 6 && parts[0] === 'arn') {
    const service = (parts[2] ?? '').toLowerCase();
    const account = parts[4] ?? '';
    const resource = parts.slice(5).join(':');
    if (service === 'organizations') {
      const org = organizationOfArn(resource);
      if (org === null) return { organization: false, problem: 'an organizations ARN that names neither an organisation nor an OU (it cannot be matched to a trusted organisation)' };
      return { organization: true, problem: orgProblem(org, trusted) };
    }
    if (as === 'principal' && !(service === 'iam' && /^(role|user)\/|^root$/i.test(resource))) {
      return { organization: false, problem: `an ARN of ${/^[a-z0-9-]{1,40}$/.test(service) ? service : 'another service'} that is neither an organisation, an OU, an IAM role nor a user (it cannot be matched to a trusted account)` };
    }
    if (account === '') return { organization: false, problem: 'an ARN without an account (it cannot be matched to a trusted account)' };
    return { organization: false, problem: accountProblem(account, trusted) };
  }
  return {
    organization: false,
    problem: as === 'principal' ? 'neither an account ID, an organisation or OU ARN, an IAM role or user ARN nor a service principal (it cannot be matched to a trusted account)' : 'neither an account ID, an ARN, an organisation ID nor an organisation path (it cannot be matched to a trusted account)',
  };
}

