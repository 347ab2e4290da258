/**
 * S3 bucket facts shared by the bucket controls. A bucket counts as a server-access-log target when its
 * canned ACL is `LogDeliveryWrite`: a structural property (it grants the S3 log-delivery group write
 * access and nothing else), never a name the developer chooses. Default encryption and versioning are
 * judged here once, for the S3 controls and for the update protection of protected buckets alike.
 */
import type { FactView, ResourceView } from '../model';
import type { KeyVerdict } from './cmk';
import { keyAt } from './key-use';

/** Canned ACLs that open a bucket to everyone or to every AWS account. */
export const PUBLIC_CANNED_ACLS = ['publicread', 'publicreadwrite', 'authenticatedread'] as const;

export function isPublicCannedAcl(acl: string | undefined): boolean {
  return acl !== undefined && (PUBLIC_CANNED_ACLS as readonly string[]).includes(acl.trim().toLowerCase());
}

/** `AccessControl: LogDeliveryWrite` (any letter case): the bucket receives server access logs. */
export function isLogDeliveryTarget(acl: string | undefined): boolean {
  return acl !== undefined && acl.trim().toLowerCase() === 'logdeliverywrite';
}

/** SSE algorithms that encrypt with a KMS key (the key must still be customer managed). */
export function isKmsAlgorithm(alg: string | undefined): boolean {
  if (alg === undefined) return false;
  const a = alg.trim().toLowerCase();
  return a === 'aws:kms' || a === 'aws:kms:dsse';
}

export function isSseS3Algorithm(alg: string | undefined): boolean {
  return alg !== undefined && alg.trim().toUpperCase() === 'AES256';
}

/** The four flags of `PublicAccessBlockConfiguration`; each must be true. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

export const VERSIONING_STATUS = 'VersioningConfiguration.Status';

/**
 * `VersioningConfiguration.Status` is Enabled. S3 knows "Enabled" and "Suspended"; compared
 * case-insensitively so that a spelling CloudFormation would reject anyway cannot turn into a false
 * finding or a false pass.
 */
export function isVersioningEnabled(status: string | undefined): boolean {
  return status !== undefined && status.trim().toLowerCase() === 'enabled';
}

export const ENCRYPTION_RULES = 'BucketEncryption.ServerSideEncryptionConfiguration';

/** How one default-encryption rule encrypts new objects. */
export type RuleEncryption =
  /** No `ServerSideEncryptionByDefault` (absent, not an object, or unresolved: then recorded as UNKNOWN). */
  | { kind: 'none' }
  /** `aws:kms` / `aws:kms:dsse`; `key` is the verdict of `KMSMasterKeyID` (unresolved: recorded as UNKNOWN). */
  | { kind: 'kms'; algorithm: string; key: KeyVerdict }
  /** `AES256`. */
  | { kind: 'sse-s3' }
  /** Any other algorithm, or none. */
  | { kind: 'other'; algorithm: string | undefined };

export interface EncryptionRule {
  /** The rule's `ServerSideEncryptionByDefault`, as a view (its path names the rule: `...Configuration[1]...`). */
  byDefault: ResourceView;
  encryption: RuleEncryption;
}

/**
 * Every rule of the bucket's default encryption (an absent configuration has none). `facts` (live lookups):
 * a KMSMasterKeyID named by ARN, key ID or a non-`aws/` alias is looked up (cmk.ts classifyKey).
 */
export function encryptionRules(bucket: ResourceView, facts?: FactView): EncryptionRule[] {
  return bucket.items(ENCRYPTION_RULES).map(({ view: rule }) => {
    const present = rule.obj('ServerSideEncryptionByDefault') !== undefined;
    const byDefault = rule.at('ServerSideEncryptionByDefault');
    if (!present) return { byDefault, encryption: { kind: 'none' } };
    const algorithm = byDefault.str('SSEAlgorithm');
    if (isKmsAlgorithm(algorithm)) return { byDefault, encryption: { kind: 'kms', algorithm: algorithm as string, key: keyAt(byDefault, 'KMSMasterKeyID', facts) } };
    if (isSseS3Algorithm(algorithm)) return { byDefault, encryption: { kind: 'sse-s3' } };
    return { byDefault, encryption: { kind: 'other', algorithm } };
  });
}

/**
 * How strongly the bucket encrypts by default, judged by its weakest rule: 0 none, 1 SSE-S3, 2 KMS with an
 * AWS-managed (or no) key, 3 KMS with a customer-managed key.
 */
export function encryptionStrength(rules: readonly EncryptionRule[]): number {
  if (rules.length === 0) return 0;
  return Math.min(...rules.map(({ encryption: e }) => (e.kind === 'kms' ? (e.key.kind === 'cmk' ? 3 : 2) : e.kind === 'sse-s3' ? 1 : 0)));
}

/* ---- audit evidence: lifecycle expiry, Object Lock, log delivery (the update protection of protected buckets) ---- */

export const LIFECYCLE_RULES = 'LifecycleConfiguration.Rules';

/** Expiry of one enabled lifecycle rule, in days (0 for a fixed ExpirationDate: the strongest). */
export interface RuleExpiry {
  /** The rule's full path (`LifecycleConfiguration.Rules[2]`). */
  path: string;
  /** Which objects the rule applies to (prefix and filters), as a comparable key; '' is every object. */
  scope: string;
  current?: number;
  noncurrent?: number;
}

const SCOPE_FIELDS = ['Prefix', 'TagFilters', 'ObjectSizeGreaterThan', 'ObjectSizeLessThan'] as const;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${k}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return v === undefined || v === null ? '' : String(v).trim();
}

/**
 * Enabled rules that expire (delete) objects: ExpirationInDays / ExpirationDate for current versions,
 * NoncurrentVersionExpirationInDays / NoncurrentVersionExpiration.NoncurrentDays for noncurrent ones.
 * AbortIncompleteMultipartUpload, ExpiredObjectDeleteMarker and transitions delete no stored object and are
 * not expiry. A rule whose Status is not Enabled does nothing.
 */
export function lifecycleExpiries(bucket: ResourceView): RuleExpiry[] {
  const out: RuleExpiry[] = [];
  for (const { view: rule } of bucket.items(LIFECYCLE_RULES)) {
    const status = rule.str('Status');
    if (status === undefined || status.trim().toLowerCase() !== 'enabled') continue;
    const scopeParts = SCOPE_FIELDS.map((f) => canonical(rule.get(f)));
    const scope = scopeParts.every((s) => s === '' || s === '[]') ? '' : scopeParts.join('|');
    const days = (path: string): number | undefined => (rule.has(path) ? rule.num(path) : undefined);
    const current = rule.has('ExpirationDate') ? 0 : days('ExpirationInDays');
    const nc = [days('NoncurrentVersionExpirationInDays'), days('NoncurrentVersionExpiration.NoncurrentDays')].filter((d): d is number => d !== undefined);
    const noncurrent = nc.length > 0 ? Math.min(...nc) : undefined;
    if (current !== undefined || noncurrent !== undefined) out.push({ path: rule.path, scope, current, noncurrent });
  }
  return out;
}

/** The Object Lock default retention: its mode rank (2 COMPLIANCE, 1 GOVERNANCE, 0 none) and length in days. */
export interface ObjectLockRetention {
  enabled: boolean;
  mode: 0 | 1 | 2;
  modeName?: string;
  days?: number;
}

export const OBJECT_LOCK_RETENTION = 'ObjectLockConfiguration.Rule.DefaultRetention';

export function objectLockRetention(bucket: ResourceView): ObjectLockRetention {
  const enabled = bucket.str('ObjectLockConfiguration.ObjectLockEnabled')?.trim().toLowerCase() === 'enabled' || bucket.bool('ObjectLockEnabled') === true;
  const r = bucket.at(OBJECT_LOCK_RETENTION);
  const modeName = r.str('Mode')?.trim().toUpperCase();
  const mode = modeName === 'COMPLIANCE' ? 2 : modeName === 'GOVERNANCE' ? 1 : 0;
  const d = r.has('Days') ? r.num('Days') : undefined;
  const y = r.has('Years') ? r.num('Years') : undefined;
  const days = d !== undefined ? d : y !== undefined ? y * 365 : undefined;
  return { enabled, mode, modeName, days };
}

/**
 * Service principals that deliver logs into buckets: S3 server access logging, CloudTrail, the vended-logs
 * service (VPC flow logs, CloudFront, ...) and CloudWatch Logs exports (`logs.amazonaws.com`, regional
 * `logs.<region>.amazonaws.com`).
 */
export const LOG_DELIVERY_SERVICES = ['logging.s3.amazonaws.com', 'cloudtrail.amazonaws.com', 'delivery.logs.amazonaws.com', 'logs.amazonaws.com'] as const;

export function isLogDeliveryService(principal: string): boolean {
  const p = principal.trim().toLowerCase();
  return (LOG_DELIVERY_SERVICES as readonly string[]).includes(p) || /^logs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(p);
}
