/**
 * Is a key reference a customer-managed KMS key? AWS-managed keys (`alias/aws/s3`, `aws/s3`,
 * `arn:aws:kms:…:alias/aws/…`) fail every "encrypted with a CMK" control, however they are spelled.
 */
import type { FactView } from '../model';

export type KeyVerdict =
  | { kind: 'cmk' }
  | { kind: 'missing' }
  | { kind: 'aws-managed'; alias: string }
  | { kind: 'unresolved' };

const AWS_MANAGED_ALIAS = /^(?:arn:[a-z-]+:kms:[^:]*:[^:]*:)?(?:alias\/)?aws\/[A-Za-z0-9_./-]+$/i;

/**
 * `facts` (live lookups): a key named by ARN, key ID or a non-`aws/` alias is looked up — an AWS managed key
 * named by its key ARN or bare key ID is AWS managed all the same. `path` is the property, for the lookup's
 * report when it fails.
 */
export function classifyKey(value: unknown, facts?: FactView, path = ''): KeyVerdict {
  if (value === undefined || value === null) return { kind: 'missing' };
  if (typeof value !== 'string') return { kind: 'unresolved' };
  const v = value.trim();
  if (v === '') return { kind: 'missing' };
  if (/^\{\{resolve:/.test(v)) return { kind: 'unresolved' };
  if (AWS_MANAGED_ALIAS.test(v)) {
    const alias = v.replace(/^arn:[^:]+:kms:[^:]*:[^:]*:/i, '').replace(/^alias\//i, '');
    return { kind: 'aws-managed', alias: `alias/${alias}` };
  }
  if (facts?.get({ kind: 'kms.key', ref: v }, path)?.awsManaged) return { kind: 'aws-managed', alias: LOOKED_UP };
  return { kind: 'cmk' };
}

/** The verdict's alias when the key is AWS managed by lookup (the template named it by ARN or ID). */
export const LOOKED_UP = '(KeyManager AWS, found by a lookup of the key it names)';

export function isCustomerManagedKey(value: unknown): boolean {
  return classifyKey(value).kind === 'cmk';
}
