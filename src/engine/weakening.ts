/**
 * The engine owns "weakened by this update": on UPDATE it evaluates the control against the deployed
 * properties too, and a finding of the new state is new when the deployed state had no matching finding.
 * Controls never compute it.
 *
 * Matching: the same message about the same property (or a parent/child of it), list indices ignored, so
 * a statement or an action that only moved is not new, while a property that gains a worse problem (a
 * policy statement that had `s3:*` and gains `iam:*`) is. Each deployed finding matches one new finding.
 */
import type { Finding } from '../model';

const INDEX = /\[\d+\]|\.\d+(?=\.|$|\s)/g;

function stripIndices(s: string): string {
  return s.replace(INDEX, '[]');
}

/** Parent/child or equal, in the one path style ('' relates only to ''). */
export function relatedPath(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
}

/** A finding is explained by an UNKNOWN when their paths are equal or parent/child ('' explains everything). */
export function explainedBy(finding: string, unknown: string): boolean {
  return finding === '' || unknown === '' || relatedPath(finding, unknown);
}

/** Mark (as data) the findings of the new state that the deployed state did not have (true) or had (false). */
export function markNew(now: readonly Finding[], before: readonly Finding[]): Finding[] {
  const pool = before.map((b) => ({ path: stripIndices(b.path), message: stripIndices(b.message), used: false }));
  return now.map((f) => {
    const path = stripIndices(f.path);
    const message = stripIndices(f.message);
    const match = pool.find((b) => !b.used && b.message === message && relatedPath(b.path, path));
    if (match) {
      match.used = true;
      return { ...f, weakened: false };
    }
    return { ...f, weakened: true };
  });
}
