/**
 * Container image references against an allow-list of globs. The registry host and the repository path are
 * matched separately, so `123456789012.dkr.ecr.*.amazonaws.com/*` cannot be satisfied by a host such as
 * `123456789012.dkr.ecr.x.amazonaws.com.evil.example` (the `*` never stretches across the first `/`).
 */
import { globMatch } from './glob';

export interface ImageRef {
  /** Registry host (with port), lower-cased; undefined for a reference without one (`aws/codebuild/…`, `node:20`). */
  host?: string;
  /** Repository path with tag and digest. */
  rest: string;
}

/** Docker's rule: the first component names a registry when it has a `.` or `:`, or is `localhost`. */
export function parseImageRef(image: string): ImageRef {
  const v = image.trim();
  const slash = v.indexOf('/');
  if (slash > 0) {
    const first = v.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first.toLowerCase() === 'localhost') return { host: first.toLowerCase(), rest: v.slice(slash + 1) };
  }
  return { rest: v };
}

function isWildcardOnly(s: string): boolean {
  return /^[*?]+$/.test(s);
}

export function imageMatches(pattern: string, image: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  const slash = p.indexOf('/');
  // A pattern without a path, or whose first component is only wildcards, is matched as a whole.
  if (slash <= 0 || isWildcardOnly(p.slice(0, slash))) return globMatch(p, image.trim());
  const pp = parseImageRef(p);
  const ref = parseImageRef(image);
  if ((pp.host === undefined) !== (ref.host === undefined)) return false;
  if (pp.host !== undefined && !globMatch(pp.host, ref.host as string, { caseInsensitive: true })) return false;
  return globMatch(pp.rest, ref.rest);
}

export function imageMatchesAny(patterns: readonly string[], image: string): boolean {
  return patterns.some((p) => imageMatches(p, image));
}

/** A private ECR registry host: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]` (groups: account, region). */
export const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;
