/**
 * UPDATE requests: a finding is a weakening when the deployed state had no finding about the same
 * property (or a parent/child of it). Controls evaluate the new and the deployed state with the same
 * function and let this mark the difference, so "weakened" never depends on a separate diff rule.
 */

export interface PathFinding {
  path: string;
  message: string;
  weakened?: boolean;
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
}

/**
 * Mark the findings of the new state that the deployed state did not have. `before` is undefined on
 * CREATE (nothing is weakened then). `note` is appended to the message, e.g. "switched off by this update".
 */
export function markWeakened<T extends PathFinding>(now: T[], before: readonly PathFinding[] | undefined, note: string): T[] {
  if (before === undefined) return now;
  return now.map((f) => {
    if (before.some((b) => related(b.path, f.path))) return f;
    return { ...f, weakened: true, message: `${f.message} (${note})` };
  });
}
