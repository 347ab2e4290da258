/**
 * Is a key reference a customer-managed KMS key? AWS-managed keys (`alias/aws/s3`, `aws/s3`,
 * `arn:aws:kms:…:alias/aws/…`) fail every "encrypted with a CMK" control, however they are spelled.
 */

export type KeyVerdict =
  | { kind: 'cmk' }
  | { kind: 'missing' }
  | { kind: 'aws-managed'; alias: string }
  | { kind: 'unresolved' };

const AWS_MANAGED_ALIAS = /^(?:arn:[a-z-]+:kms:[^:]*:[^:]*:)?(?:alias\/)?aws\/[A-Za-z0-9_./-]+$/i;

export function classifyKey(value: unknown): KeyVerdict {
  if (value === undefined || value === null) return { kind: 'missing' };
  if (typeof value !== 'string') return { kind: 'unresolved' };
  const v = value.trim();
  if (v === '') return { kind: 'missing' };
  if (/^\{\{resolve:/.test(v)) return { kind: 'unresolved' };
  if (AWS_MANAGED_ALIAS.test(v)) {
    const alias = v.replace(/^arn:[^:]+:kms:[^:]*:[^:]*:/i, '').replace(/^alias\//i, '');
    return { kind: 'aws-managed', alias: `alias/${alias}` };
  }
  return { kind: 'cmk' };
}

export function isCustomerManagedKey(value: unknown): boolean {
  return classifyKey(value).kind === 'cmk';
}
