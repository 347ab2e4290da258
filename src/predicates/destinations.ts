/**
 * Where data goes when the template does not name the account in a way AWS verifies (CICD.ACCOUNTS.3 and .4):
 *
 * - A destination bucket is an ARN without an account field (`arn:aws:s3:::name`) or a bare name: it may belong
 *   to any account. Unless the template names its owner in a property the service itself checks (S3 replication's
 *   `Destination.Account` with `AccessControlTranslation` `Owner: Destination`, an inventory or analytics export's
 *   `BucketAccountId`), the bucket must be shown to be the request's account by a live lookup (`s3.bucketOwner`,
 *   S3's `ExpectedBucketOwner`): without lookups it is UNKNOWN, a bucket S3 does not confirm is a finding.
 * - CloudWatch Logs documents: an account policy's `PolicyDocument` (a JSON string) and a log group's
 *   `DataProtectionPolicy`, read strictly (duplicate keys, anything but an object: the document cannot be read and
 *   fails, naming the property), with keys matched case-insensitively and every spelling judged.
 * - A container image of Lambda (`Code.ImageUri`): `<account>.dkr.ecr.<region>.amazonaws.com/…`.
 *
 * Pure: facts come from the engine (FactView); a finding names the property and never a value but account IDs
 * and names shown by `shownName`.
 */
import { accountProblem, arnAccount, type Trusted } from './accounts';
import { ECR_HOST } from './image';
import { parseStrictJson, StrictJsonError } from './json';
import { bucketOfLocation, shownName } from './referenced';
import { isDynamicReference, isIntrinsic, isRecord } from './values';
import type { FactView, Finding, ResourceView } from '../model';

/** What a destination bucket is, as far as the template and the lookups tell: `problem` fails, `unknown` is UNKNOWN, neither passes. */
export interface BucketVerdict {
  problem?: string;
  unknown?: string;
}

/**
 * A destination bucket named by ARN or name (`value`, already resolved), judged at `factPath` (the full property
 * path a failed lookup is reported at). An ARN with an account field (an access point, a table bucket) is judged
 * by that account; a bucket ARN or name must be the request's account's by lookup. `hint` says how the template
 * names the owner so that the service verifies it (the message's remedy for a bucket of a trusted account).
 */
export function destinationBucketVerdict(value: string, factPath: string, trusted: Trusted, facts: FactView | undefined, accountId: string, hint: string): BucketVerdict {
  const acct = arnAccount(value);
  if (acct !== undefined && acct !== '') {
    const p = accountProblem(acct, trusted);
    return p ? { problem: `names ${p}` } : {};
  }
  const bucket = acct === undefined ? value.trim() : bucketOfLocation(value);
  if (bucket === undefined || bucket === '') return { problem: 'names no bucket, so its owner cannot be checked' };
  if (/[*?]/.test(bucket) || bucket.includes('${')) return { problem: 'names a wildcard bucket (a bucket of any account)' };
  const shown = shownName(bucket);
  if (!facts?.enabled) {
    return { unknown: `names the bucket ${shown}: a bucket ARN or name carries no account and lookups are off, so its owner cannot be checked (the deployed hook looks it up; ${hint})` };
  }
  const fact = facts.get({ kind: 's3.bucketOwner', ref: bucket }, factPath);
  if (fact === undefined || fact.ownAccount) return {}; // planned, or failed (the engine reports it), or the account's own
  return { problem: `names the bucket ${shown}, which S3 does not confirm as a bucket of account ${accountId} (asked with ExpectedBucketOwner), so it may belong to an account the platform does not trust; ${hint}` };
}

const absent = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

/** A destination bucket at a property path of `view` (relative): findings with the full path; unresolved: UNKNOWN. */
export function destinationBucketFindings(view: ResourceView, path: string, trusted: Trusted, what: string, facts: FactView | undefined, accountId: string, hint: string): Finding[] {
  const raw = view.get(path);
  if (absent(raw)) return [];
  const full = view.pathOf(path);
  const value = view.strOf(raw, path); // records UNKNOWN when unresolved
  if (value === undefined) return isIntrinsic(raw) || isDynamicReference(raw) ? [{ path: full, message: `${full} (${what}) is not resolvable from the template` }] : [{ path: full, message: `${full} (${what}) is not a bucket ARN or name the hook can read` }];
  const v = destinationBucketVerdict(value, full, trusted, facts, accountId, hint);
  if (v.unknown) view.unknown(path, `the ${what} ${v.unknown}`);
  return v.problem ? [{ path: full, message: `${full} (${what}) ${v.problem}` }] : [];
}

// ---------------------------------------------------------------------------------------------------
// JSON documents of CloudWatch Logs
// ---------------------------------------------------------------------------------------------------

/** A document read from a property: the object, or why it cannot be (a finding), or nothing (absent, or UNKNOWN recorded). */
export type ReadDocument = { doc: Record<string, unknown> } | { findings: Finding[] } | { none: true };

/**
 * The document at `path` (relative to `view`): an object as it is, a JSON string parsed strictly (duplicate keys
 * and anything but an object fail, naming the property, never quoting the text). An intrinsic or a dynamic
 * reference is UNKNOWN.
 */
export function readJsonDocument(view: ResourceView, path: string, what: string): ReadDocument {
  const raw = view.get(path);
  const full = view.pathOf(path);
  if (absent(raw)) return { none: true };
  if (isIntrinsic(raw) || isDynamicReference(raw)) {
    view.unknown(path, `the ${what} is not resolvable from the template`);
    return { none: true };
  }
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    try {
      doc = parseStrictJson(raw);
    } catch (e) {
      const why = e instanceof StrictJsonError && e.reason.startsWith('duplicate key') ? `has a duplicate key (line ${e.line ?? '?'}): CloudWatch Logs may read another value than the hook` : 'is not valid JSON';
      return { findings: [{ path: full, message: `${full} (${what}) ${why}, so where it sends log data cannot be checked` }] };
    }
  }
  if (!isRecord(doc)) return { findings: [{ path: full, message: `${full} (${what}) is not a JSON object, so where it sends log data cannot be checked` }] };
  return { doc };
}

/** Every value under a key path, keys matched case-insensitively (every spelling: AWS may read any of them); `[]` after a key walks a list (or a single object). */
export function valuesAt(doc: unknown, keys: readonly string[], where = ''): Array<{ value: unknown; where: string }> {
  if (keys.length === 0) return [{ value: doc, where }];
  const [head, ...rest] = keys;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  if (!isRecord(doc)) return [];
  const out: Array<{ value: unknown; where: string }> = [];
  for (const [k, v] of Object.entries(doc)) {
    if (k.toLowerCase() !== key.toLowerCase()) continue;
    const at = where === '' ? k : `${where}.${k}`;
    if (list && Array.isArray(v)) v.forEach((item, i) => out.push(...valuesAt(item, rest, `${at}[${i}]`)));
    else out.push(...valuesAt(v, rest, at));
  }
  return out;
}

/** An ARN inside a document (`where`, for the message) whose account must be trusted; `required` names a missing one. */
function documentArnFindings(full: string, values: Array<{ value: unknown; where: string }>, what: string, trusted: Trusted, view: ResourceView, path: string): Finding[] {
  const out: Finding[] = [];
  for (const { value, where } of values) {
    if (absent(value)) continue;
    if (isIntrinsic(value) || isDynamicReference(value)) {
      view.unknown(path, `${where} (${what}) is not resolvable from the template`);
      continue;
    }
    if (typeof value !== 'string') {
      out.push({ path: full, message: `${full} (${where}: ${what}) is not an ARN the hook can read` });
      continue;
    }
    const acct = arnAccount(value);
    if (acct === undefined) {
      out.push({ path: full, message: `${full} (${where}: ${what}) is not an ARN, so its account cannot be matched to a trusted account` });
      continue;
    }
    const p = acct === '' ? 'an ARN without an account (it cannot be matched to a trusted account)' : accountProblem(acct, trusted);
    if (p) out.push({ path: full, message: `${full} (${where}: ${what}) names ${p}` });
  }
  return out;
}

/**
 * The audit findings destinations of a CloudWatch Logs data protection policy
 * (`Statement[].Operation.Audit.FindingsDestination`): `S3.Bucket` is a bucket name (any account's: judged like a
 * destination bucket), `CloudWatchLogs.LogGroup` and `Firehose.DeliveryStream` are names of the account's own
 * log group and stream; given as an ARN, their account must be trusted.
 */
export function dataProtectionFindings(view: ResourceView, path: string, doc: Record<string, unknown>, trusted: Trusted, facts: FactView | undefined, accountId: string): Finding[] {
  const full = view.pathOf(path);
  const base = ['Statement[]', 'Operation', 'Audit', 'FindingsDestination'];
  const out: Finding[] = [];
  for (const { value, where } of valuesAt(doc, [...base, 'S3', 'Bucket'])) {
    if (absent(value)) continue;
    if (isIntrinsic(value) || isDynamicReference(value)) {
      view.unknown(path, `${where} (audit findings bucket) is not resolvable from the template`);
      continue;
    }
    if (typeof value !== 'string') {
      out.push({ path: full, message: `${full} (${where}: audit findings bucket) is not a bucket name the hook can read` });
      continue;
    }
    const v = destinationBucketVerdict(value, full, trusted, facts, accountId, 'send the findings to a bucket of this account');
    if (v.unknown) view.unknown(path, `${where} (audit findings bucket) ${v.unknown}`);
    if (v.problem) out.push({ path: full, message: `${full} (${where}: audit findings bucket) ${v.problem}` });
  }
  for (const [service, key, what] of [
    ['CloudWatchLogs', 'LogGroup', 'audit findings log group'],
    ['Firehose', 'DeliveryStream', 'audit findings delivery stream'],
  ] as const) {
    // a name is the account's own (CloudWatch Logs delivers findings only there); an ARN is judged by its account
    const named = valuesAt(doc, [...base, service, key]).filter(({ value }) => typeof value !== 'string' || /^\s*arn:/i.test(value));
    out.push(...documentArnFindings(full, named, what, trusted, view, path));
  }
  return out;
}

/** Policy types of AWS::Logs::AccountPolicy that name no destination: their documents are not read. */
const NO_DESTINATION_POLICY_TYPES = new Set(['FIELD_INDEX_POLICY', 'TRANSFORMER_POLICY']);

/**
 * AWS::Logs::AccountPolicy: an account-wide policy. SUBSCRIPTION_FILTER_POLICY streams every selected log group
 * to `DestinationArn` (required: without it the policy cannot be checked) with `RoleArn`; DATA_PROTECTION_POLICY
 * sends audit findings to its FindingsDestination; FIELD_INDEX_POLICY and TRANSFORMER_POLICY name no destination.
 * Any other type (METRIC_EXTRACTION_POLICY, a type added later, a misspelling) fails closed: the hook does not
 * know where such a policy sends log data.
 */
export function accountPolicyFindings(view: ResourceView, trusted: Trusted, facts: FactView | undefined, accountId: string): Finding[] {
  const rawType = view.get('PolicyType');
  if (absent(rawType)) return [{ path: 'PolicyType', message: 'PolicyType is missing, so where the account policy sends log data cannot be checked' }];
  const type = view.str('PolicyType');
  if (type === undefined) return isIntrinsic(rawType) || isDynamicReference(rawType) ? [] : [{ path: 'PolicyType', message: 'PolicyType cannot be read, so where the account policy sends log data cannot be checked' }];
  const t = type.trim().toUpperCase();
  if (NO_DESTINATION_POLICY_TYPES.has(t)) return [];
  if (t !== 'SUBSCRIPTION_FILTER_POLICY' && t !== 'DATA_PROTECTION_POLICY') {
    const shown = /^[A-Za-z0-9_]{1,64}$/.test(t) ? t : '(type not shown)';
    return [{ path: 'PolicyType', message: `PolicyType ${shown} is not a policy type the hook knows (SUBSCRIPTION_FILTER_POLICY, DATA_PROTECTION_POLICY, FIELD_INDEX_POLICY, TRANSFORMER_POLICY), so where it sends log data cannot be checked` }];
  }
  const what = t === 'SUBSCRIPTION_FILTER_POLICY' ? 'account-wide subscription filter' : 'account-wide data protection policy';
  const read = readJsonDocument(view, 'PolicyDocument', what);
  if ('findings' in read) return read.findings;
  if ('none' in read) {
    // absent (or UNKNOWN, already recorded): a subscription filter policy without a destination cannot be checked
    return t === 'SUBSCRIPTION_FILTER_POLICY' && absent(view.get('PolicyDocument')) ? [{ path: 'PolicyDocument', message: 'PolicyDocument is missing, so the destination of the account-wide subscription filter cannot be checked' }] : [];
  }
  if (t === 'DATA_PROTECTION_POLICY') return dataProtectionFindings(view, 'PolicyDocument', read.doc, trusted, facts, accountId);
  const destinations = valuesAt(read.doc, ['DestinationArn']);
  if (destinations.every(({ value }) => absent(value))) return [{ path: 'PolicyDocument', message: 'PolicyDocument has no DestinationArn, so the destination of the account-wide subscription filter cannot be checked' }];
  return [
    ...documentArnFindings('PolicyDocument', destinations, 'log destination of every log group', trusted, view, 'PolicyDocument'),
    ...documentArnFindings('PolicyDocument', valuesAt(read.doc, ['RoleArn']), 'role CloudWatch Logs delivers with', trusted, view, 'PolicyDocument'),
  ];
}

// ---------------------------------------------------------------------------------------------------
// container images
// ---------------------------------------------------------------------------------------------------


/** The account of the ECR registry an image URI names (`123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1`), or undefined. */
export function ecrImageAccount(image: string): string | undefined {
  const v = image.trim();
  const slash = v.indexOf('/');
  if (slash <= 0) return undefined;
  return ECR_HOST.exec(v.slice(0, slash))?.[1];
}

/** Lambda's `Code.ImageUri`: an image of a trusted account's registry; any other image cannot be matched. */
export function imageAccountFindings(view: ResourceView, path: string, trusted: Trusted, what: string): Finding[] {
  const raw = view.get(path);
  if (absent(raw)) return [];
  const full = view.pathOf(path);
  const value = view.strOf(raw, path);
  if (value === undefined) return isIntrinsic(raw) || isDynamicReference(raw) ? [{ path: full, message: `${full} (${what}) is not resolvable from the template` }] : [];
  const account = ecrImageAccount(value);
  if (account === undefined) return [{ path: full, message: `${full} (${what}) is not an image of a private ECR registry (<account>.dkr.ecr.<region>.amazonaws.com/…), so its account cannot be matched to a trusted account` }];
  const p = accountProblem(account, trusted);
  return p ? [{ path: full, message: `${full} (${what}) names ${p}` }] : [];
}
