/**
 * What every hook answer must look like, whatever the input (the wire contract of
 * /work/shared/reference/hook-protocol.md §2). Returns the list of violations (empty = valid), so that
 * a failing property shows every broken rule at once.
 */
import type { HookResponse } from '../../src/protocol/wire';

/** The 19 error codes the CloudFormation CLI contract test accepts. */
export const CONTRACT_ERROR_CODES = new Set([
  'NotUpdatable', 'InvalidRequest', 'AccessDenied', 'InvalidCredentials', 'AlreadyExists', 'NotFound', 'ResourceConflict',
  'Throttling', 'ServiceLimitExceeded', 'NotStabilized', 'GeneralServiceException', 'ServiceInternalError', 'NetworkFailure',
  'InternalFailure', 'InvalidTypeConfiguration', 'HandlerInternalFailure', 'NonCompliant', 'UnsupportedTarget', 'Unknown',
]);
const ANNOTATION_STATUSES = new Set(['PASSED', 'FAILED', 'SKIPPED']);
const SEVERITIES = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const ALLOWED_KEYS = new Set(['hookStatus', 'errorCode', 'message', 'clientRequestToken', 'callbackDelaySeconds', 'callbackContext', 'annotations']);

export function responseViolations(r: unknown): string[] {
  const out: string[] = [];
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return ['the response is not an object'];
  const res = r as HookResponse & Record<string, unknown>;
  for (const k of Object.keys(res)) if (!ALLOWED_KEYS.has(k)) out.push(`unexpected key ${k}`);
  if (res.hookStatus !== 'SUCCESS' && res.hookStatus !== 'FAILED') out.push(`hookStatus ${String(res.hookStatus)}`);
  if (res.hookStatus === 'FAILED' && !CONTRACT_ERROR_CODES.has(String(res.errorCode))) out.push(`FAILED with errorCode ${String(res.errorCode)}`);
  if (res.hookStatus === 'SUCCESS' && 'errorCode' in res) out.push('SUCCESS carries an errorCode key');
  if (typeof res.message !== 'string' || res.message.length === 0) out.push('message missing or empty');
  else if (res.message.length > 1024) out.push(`message is ${res.message.length} characters`);
  if ('callbackDelaySeconds' in res && res.callbackDelaySeconds !== 0) out.push(`callbackDelaySeconds ${String(res.callbackDelaySeconds)}`);
  if ('clientRequestToken' in res && typeof res.clientRequestToken !== 'string') out.push('clientRequestToken is not a string');
  if ('annotations' in res) {
    if (!Array.isArray(res.annotations)) out.push('annotations is not an array');
    else {
      res.annotations.forEach((a, i) => {
        if (typeof a !== 'object' || a === null) {
          out.push(`annotations[${i}] is not an object`);
          return;
        }
        if (typeof a.annotationName !== 'string' || a.annotationName.length === 0 || a.annotationName.length > 1024) out.push(`annotations[${i}].annotationName`);
        if (!ANNOTATION_STATUSES.has(a.status)) out.push(`annotations[${i}].status ${String(a.status)}`);
        if (a.statusMessage !== undefined && (typeof a.statusMessage !== 'string' || a.statusMessage.length > 16384)) out.push(`annotations[${i}].statusMessage`);
        if (a.remediationMessage !== undefined && (typeof a.remediationMessage !== 'string' || a.remediationMessage.length > 16384)) out.push(`annotations[${i}].remediationMessage`);
        if (a.remediationLink !== undefined && (typeof a.remediationLink !== 'string' || a.remediationLink.length > 5120)) out.push(`annotations[${i}].remediationLink`);
        if (a.severityLevel !== undefined && !SEVERITIES.has(a.severityLevel)) out.push(`annotations[${i}].severityLevel ${String(a.severityLevel)}`);
      });
      if (res.hookStatus === 'FAILED' && res.errorCode === 'NonCompliant' && !res.annotations.some((a) => a.status === 'FAILED')) {
        out.push('NonCompliant without a FAILED annotation');
      }
    }
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(res);
  } catch {
    out.push('the response is not JSON-serialisable');
  }
  if (json !== undefined && JSON.stringify(JSON.parse(json)) !== json) out.push('the response does not round-trip through JSON');
  return out;
}

/** Every string in a value (keys and values), for well-formedness checks. */
export function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) allStrings(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      allStrings(x, out);
    }
  }
  return out;
}

/** Keys of Object.prototype right now (to detect pollution). */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}
