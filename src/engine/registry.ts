import { ALL_CONTROLS, STACK_CONTROLS } from '../controls';
import { DEFAULT_ACTIONS, type Action, type AnyControl, type Control, type StackControl } from '../controls/types';
import { HOOK_SCHEMA } from './schema';

const ID_PATTERN = /^CICD\.[A-Z0-9]+\.[0-9]+$/;

export class Registry {
  /** The whole catalogue: resource controls, then stack controls. */
  readonly controls: readonly AnyControl[];
  readonly ids: ReadonlySet<string>;
  private readonly byKey = new Map<string, Control[]>();
  private readonly stackByAction = new Map<Action, StackControl[]>();

  constructor(controls: readonly Control[], stackControls: readonly StackControl[] = []) {
    const ids = new Set<string>();
    for (const c of stackControls) {
      if (!ID_PATTERN.test(c.id)) throw new Error(`control ID ${c.id} does not match ${ID_PATTERN}`);
      if (ids.has(c.id)) throw new Error(`duplicate control ID ${c.id}`);
      ids.add(c.id);
      for (const action of c.actions ?? DEFAULT_ACTIONS) {
        const list = this.stackByAction.get(action);
        if (list) list.push(c);
        else this.stackByAction.set(action, [c]);
      }
    }
    for (const c of controls) {
      if (!ID_PATTERN.test(c.id)) throw new Error(`control ID ${c.id} does not match ${ID_PATTERN}`);
      if (ids.has(c.id)) throw new Error(`duplicate control ID ${c.id}`);
      ids.add(c.id);
      for (const action of c.actions ?? DEFAULT_ACTIONS) {
        for (const type of c.resourceTypes) {
          const key = `${action} ${type}`;
          const list = this.byKey.get(key);
          if (list) list.push(c);
          else this.byKey.set(key, [c]);
        }
      }
    }
    this.controls = [...controls, ...stackControls];
    this.ids = ids;
  }

  /** Stack-level controls that evaluate on `action`, in catalogue order. */
  stackControlsFor(action: Action): readonly StackControl[] {
    return this.stackByAction.get(action) ?? [];
  }

  /** Controls that evaluate `resourceType` on `action`, in catalogue order. */
  controlsFor(resourceType: string, action: Action): readonly Control[] {
    return this.byKey.get(`${action} ${resourceType}`) ?? [];
  }

  byId(id: string): AnyControl | undefined {
    return this.controls.find((c) => c.id === id);
  }
}

export const REGISTRY = new Registry(ALL_CONTROLS, STACK_CONTROLS);

/** Base of the published control documentation; each control has an anchor there. */
export const DOCS_URL = HOOK_SCHEMA.documentationUrl;

export function controlDocLink(id: string): string {
  return `${DOCS_URL}#${id.toLowerCase().replace(/\./g, '-')}`;
}
