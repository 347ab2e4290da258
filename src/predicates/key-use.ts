/**
 * "Encrypted with a customer-managed key" findings for a key property read through a control's view,
 * shared by every CMK control so that absent and AWS-managed keys read the same everywhere. Whether a
 * finding is new with an update is the engine's business, not this predicate's.
 */
import type { FactView, Finding, ResourceView } from '../model';
import { classifyKey, type KeyVerdict } from './cmk';
import { describeUnresolved, isDynamicReference, isIntrinsic } from './values';

/** The verdict of a key property; an unresolved value is recorded on the view as UNKNOWN. */
export function keyAt(view: ResourceView, path: string, facts?: FactView): KeyVerdict {
  const raw = view.get(path);
  if (isIntrinsic(raw) || isDynamicReference(raw)) {
    view.unknown(path, describeUnresolved(raw));
    return { kind: 'unresolved' };
  }
  if (raw !== undefined && raw !== null && typeof raw !== 'string') return { kind: 'missing' };
  return classifyKey(raw, facts, view.pathOf(path));
}

/**
 * Findings when `path` does not name a customer-managed key. `fallback` says what the service uses when the
 * property is absent: an AWS-managed alias (`alias/aws/secretsmanager`) or, for services whose default is
 * not a KMS key at all, a sentence ("the log group is encrypted only with a CloudWatch Logs service key").
 */
export function requireCustomerManagedKey(view: ResourceView, path: string, fallback: string, facts?: FactView): Finding[] {
  const verdict = keyAt(view, path, facts);
  if (verdict.kind === 'cmk' || verdict.kind === 'unresolved') return [];
  const at = view.pathOf(path);
  if (verdict.kind === 'aws-managed') return [{ path: at, message: `${at} is the AWS-managed key ${verdict.alias}, not a customer-managed key` }];
  const instead = fallback.startsWith('alias/') ? `the AWS-managed key ${fallback} is used` : fallback;
  return [{ path: at, message: `${at} is missing: ${instead}` }];
}
