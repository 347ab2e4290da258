/**
 * S3 bucket facts shared by the bucket controls. A bucket counts as a server-access-log target when its
 * canned ACL is `LogDeliveryWrite`: a structural property (it grants the S3 log-delivery group write
 * access and nothing else), never a name the developer chooses. Default encryption and versioning are
 * judged here once, for the S3 controls and for the update protection of protected buckets alike.
 */
import type { ResourceView } from '../model';
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

/** Every rule of the bucket's default encryption (an absent configuration has none). */
export function encryptionRules(bucket: ResourceView): EncryptionRule[] {
  return bucket.items(ENCRYPTION_RULES).map(({ view: rule }) => {
    const present = rule.obj('ServerSideEncryptionByDefault') !== undefined;
    const byDefault = rule.at('ServerSideEncryptionByDefault');
    if (!present) return { byDefault, encryption: { kind: 'none' } };
    const algorithm = byDefault.str('SSEAlgorithm');
    if (isKmsAlgorithm(algorithm)) return { byDefault, encryption: { kind: 'kms', algorithm: algorithm as string, key: keyAt(byDefault, 'KMSMasterKeyID') } };
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
