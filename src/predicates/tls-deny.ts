/**
 * "Requests without TLS are denied": one reading for the bucket-policy control (CICD.S3.5) and the artifact
 * bucket at stack level (CICD.STACK.1) — which statements are such a Deny, and whether their Resource patterns
 * cover a bucket and every one of its objects (judged by what the patterns match).
 */
import { globMatch } from './glob';
import { conditionBool, type Statement } from './policy';

/** Principal `*` or `{"AWS": "*"}` (not NotPrincipal: that exempts someone from the deny). */
function everyone(st: Statement): boolean {
  return !st.notPrincipal && st.principals.some((p) => p === '*' || p === 'AWS:*');
}

/** A Deny of every S3 action for everyone without TLS; what it covers is decided apart. */
export function isTlsDeny(st: Statement): boolean {
  return st.effect === 'Deny' && conditionBool(st, 'aws:SecureTransport') === false && everyone(st) && !st.notAction && st.actions.some((a) => a === '*' || a === 's3:*') && !st.notResource;
}

/** The partition a resource pattern names (`arn:<partition>:…`), else `aws`. */
function partitionOf(pattern: string): string {
  const m = /^arn:([^:*?]+):/.exec(pattern);
  return m ? m[1] : 'aws';
}

/** A pattern that matches the bucket itself: `arn:<partition>:s3:::<bucket>`. */
export function coversBucketArn(pattern: string, bucket: string): boolean {
  const p = pattern.trim();
  return p === '*' || globMatch(p, `arn:${partitionOf(p)}:s3:::${bucket}`);
}

/**
 * A pattern that matches every object of the bucket (`<bucket ARN>/<any key>`), not only some prefix or suffix
 * of keys (`/logs/*`, `/*.zip`). Probed with a one-character key and a longer key ending in a character no
 * pattern holds: with only `*` and `?`, a pattern matching both ends in a run that takes any key.
 */
export function coversAllObjects(pattern: string, bucket: string): boolean {
  const p = pattern.trim();
  if (p === '*') return true;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(p)) return false;
  const prefix = `arn:${partitionOf(p)}:s3:::${bucket}/`;
  return globMatch(p, `${prefix}\u0001`) && globMatch(p, `${prefix}k/e.y\u0002`);
}
