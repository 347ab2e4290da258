/**
 * "Encrypted with a customer-managed key" findings for a key property read through a control's view,
 * shared by every CMK control so that absent, AWS-managed and weakened keys read the same everywhere.
 */
import { classifyKey, type KeyVerdict } from './cmk';
import { isDynamicReference, isIntrinsic } from './values';

/** The slice of a control's resource view that the key check reads (structural, no import upwards). */
export interface KeyReader {
  get(path: string): unknown;
  str(path: string): string | undefined;
  unknown(path: string, why?: string): void;
}

export interface KeyFinding {
  path: string;
  message: string;
  weakened?: boolean;
}

/** The verdict of a key property; unresolved values are recorded on the view as UNKNOWN. */
export function keyAt(view: KeyReader, path: string, record = true): KeyVerdict {
  const raw = view.get(path);
  if (isIntrinsic(raw)) {
    if (record) view.str(path);
    return { kind: 'unresolved' };
  }
  if (isDynamicReference(raw)) {
    if (record) view.unknown(path, 'a dynamic reference is resolved only at deployment');
    return { kind: 'unresolved' };
  }
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { kind: 'missing' };
  return classifyKey(raw);
}

/**
 * Findings when `path` does not name a customer-managed key. `fallback` says what the service uses when the
 * property is absent: an AWS-managed alias (`alias/aws/secretsmanager`) or, for services whose default is
 * not a KMS key at all, a sentence ("the log group is encrypted only with a CloudWatch Logs service key").
 */
export function requireCustomerManagedKey(resource: KeyReader, previous: KeyReader | undefined, path: string, fallback: string): KeyFinding[] {
  const now = keyAt(resource, path);
  if (now.kind === 'cmk' || now.kind === 'unresolved') return [];
  const weakened = previous !== undefined && keyAt(previous, path, false).kind === 'cmk';
  const instead = fallback.startsWith('alias/') ? `the AWS-managed key ${fallback} is used` : fallback;
  let message: string;
  if (now.kind === 'missing') {
    message = weakened
      ? `${path} is removed by this update (it named a customer-managed key); ${instead}`
      : `${path} is missing: ${instead}`;
  } else {
    message = weakened
      ? `${path} is changed by this update from a customer-managed key to the AWS-managed key ${now.alias}`
      : `${path} is the AWS-managed key ${now.alias}, not a customer-managed key`;
  }
  return [{ path, message, weakened }];
}
