/**
 * Does a bucket policy deny the services that deliver logs into the bucket (S3 server access logging,
 * CloudTrail, vended logs, CloudWatch Logs exports)? A Deny wins over every Allow, so a single such statement
 * silently stops the audit record while the bucket, its trail and its log groups stay in place.
 *
 * A statement denies log delivery when (1) it is a Deny (or its Effect cannot be read: fail closed), (2) it
 * applies to a log-delivery service (Principal `*`, a wildcard AWS principal, the service itself, or a
 * NotPrincipal that does not name the service), (3) it covers `s3:PutObject` or `s3:GetBucketAcl` (what the
 * services call; NotAction and wildcards count; an unresolved Action counts), and (4) none of its condition
 * entries is known never to match the service's own delivery. Condition entries are ANDed, so one such entry
 * is enough: `aws:SecureTransport` false (the services use TLS), `s3:TlsVersion` below 1.2 or lower, and a
 * negated `aws:SourceAccount` / `aws:SourceArn` that names the account the change is made in (delivery for
 * the account's own resources). Every other condition may match the delivery and is not trusted to spare it.
 * The statement's Resource is not narrowed (a Deny on part of the bucket is still judged): documented limit.
 */
import { isLogDeliveryService, LOG_DELIVERY_SERVICES } from './bucket';
import { grantsAction, isEveryonePrincipal, parsePolicy, type Statement } from './policy';
import { isRecord, toBool, toNum } from './values';

export interface LogDeliveryDenial {
  index: number;
  /** The services the statement denies (all of LOG_DELIVERY_SERVICES for `*`). */
  services: string[];
}

function values(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string | number | boolean => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map(String);
}

/** One condition entry that never matches a log-delivery service delivering for `accountId`. */
function sparesDelivery(op: string, key: string, raw: unknown, accountId: string): boolean {
  const o = op.toLowerCase();
  const k = key.toLowerCase();
  const vs = values(raw);
  if (vs.length === 0) return false;
  if (k === 'aws:securetransport' && (o === 'bool' || o === 'boolifexists')) return vs.every((v) => toBool(v) === false);
  if (k === 's3:tlsversion' && (o === 'numericlessthan' || o === 'numericlessthanifexists')) return vs.every((v) => (toNum(v) ?? Infinity) <= 1.2);
  const negated = /^(stringnotequals|stringnotlike|stringnotequalsignorecase|arnnotequals|arnnotlike)(ifexists)?$/.test(o);
  if (!negated || accountId === '') return false;
  if (k === 'aws:sourceaccount') return vs.some((v) => v.trim() === accountId);
  if (k === 'aws:sourcearn') return vs.some((v) => v.trim().split(':')[4] === accountId);
  return false;
}

function deniedServices(st: Statement): string[] {
  if (st.notPrincipal) {
    const spared = st.principals.filter((p) => p.toLowerCase().startsWith('service:')).map((p) => p.slice('service:'.length).trim().toLowerCase());
    return LOG_DELIVERY_SERVICES.filter((s) => !spared.includes(s));
  }
  if (st.unresolved.includes('Principal') || st.principals.some(isEveryonePrincipal)) return [...LOG_DELIVERY_SERVICES];
  return st.principals
    .filter((p) => p.toLowerCase().startsWith('service:') && isLogDeliveryService(p.slice('service:'.length)))
    .map((p) => p.slice('service:'.length).trim().toLowerCase());
}

export function logDeliveryDenials(doc: unknown, accountId: string): { denials: LogDeliveryDenial[]; error?: string } {
  const parsed = parsePolicy(doc);
  if (parsed.error) return { denials: [], error: parsed.error };
  const denials: LogDeliveryDenial[] = [];
  for (const st of parsed.statements) {
    if (st.effect === 'Allow') continue;
    const services = deniedServices(st);
    if (services.length === 0) continue;
    const actions = st.unresolved.includes('Action') || grantsAction(st, 's3:putobject') || grantsAction(st, 's3:getbucketacl');
    if (!actions) continue;
    let spared = false;
    if (st.condition) {
      for (const [op, block] of Object.entries(st.condition)) {
        if (!isRecord(block)) continue;
        for (const [key, raw] of Object.entries(block)) if (sparesDelivery(op, key, raw, accountId.trim())) spared = true;
      }
    }
    if (!spared) denials.push({ index: st.index, services });
  }
  return { denials };
}
