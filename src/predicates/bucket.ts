/**
 * S3 bucket facts shared by the bucket controls. A bucket counts as a server-access-log target when its
 * canned ACL is `LogDeliveryWrite`: a structural property (it grants the S3 log-delivery group write
 * access and nothing else), never a name the developer chooses.
 */

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
