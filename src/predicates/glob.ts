/**
 * Glob matching for configuration patterns (`*` any run, `?` one character). No regular expressions are
 * built from configuration, so a pattern cannot cause catastrophic backtracking: matching is the classic
 * two-pointer wildcard algorithm, O(pattern × text) in the worst case.
 */

export interface GlobOptions {
  caseInsensitive?: boolean;
}

export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  const p = options.caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = options.caseInsensitive ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ti;
    } else if (star !== -1) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export function matchesAny(patterns: readonly string[], text: string, options: GlobOptions = {}): boolean {
  for (const p of patterns) if (globMatch(p, text, options)) return true;
  return false;
}
