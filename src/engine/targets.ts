import { DEFAULT_ACTIONS, isStackControl, type Action, type AnyControl } from '../controls/types';

/** Stack-level target names: STACK on create and update, CHANGE_SET on create only (change sets are created, never updated). */
const STACK_TARGETS: Record<Action, readonly string[]> = { CREATE: ['CHANGE_SET', 'STACK'], UPDATE: ['STACK'], DELETE: [] };

/**
 * Target names each invocation action must have: the resource types some resource control evaluates, plus
 * STACK (and CHANGE_SET for preCreate) when a stack control evaluates on that action (sorted).
 */
export function targetsFromControls(controls: readonly AnyControl[]): Record<Action, string[]> {
  const out: Record<Action, Set<string>> = { CREATE: new Set(), UPDATE: new Set(), DELETE: new Set() };
  for (const c of controls) {
    for (const a of c.actions ?? DEFAULT_ACTIONS) {
      if (isStackControl(c)) for (const t of STACK_TARGETS[a]) out[a].add(t);
      else for (const t of c.resourceTypes) out[a].add(t);
    }
  }
  return { CREATE: [...out.CREATE].sort(), UPDATE: [...out.UPDATE].sort(), DELETE: [...out.DELETE].sort() };
}
