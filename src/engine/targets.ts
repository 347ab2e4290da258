import { DEFAULT_ACTIONS, type Action, type Control } from '../controls/types';

/** Resource types each invocation action must target: exactly those some control evaluates (sorted). */
export function targetsFromControls(controls: readonly Control[]): Record<Action, string[]> {
  const out: Record<Action, Set<string>> = { CREATE: new Set(), UPDATE: new Set(), DELETE: new Set() };
  for (const c of controls) for (const a of c.actions ?? DEFAULT_ACTIONS) for (const t of c.resourceTypes) out[a].add(t);
  return { CREATE: [...out.CREATE].sort(), UPDATE: [...out.UPDATE].sort(), DELETE: [...out.DELETE].sort() };
}
