import { ALL_CONTROLS } from '../controls';
import { DEFAULT_ACTIONS, type Action, type Control } from '../controls/types';
import { HOOK_SCHEMA } from './schema';

const ID_PATTERN = /^CICD\.[A-Z0-9]+\.[0-9]+$/;

export class Registry {
  readonly controls: readonly Control[];
  readonly ids: ReadonlySet<string>;
  private readonly byKey = new Map<string, Control[]>();

  constructor(controls: readonly Control[]) {
    const ids = new Set<string>();
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
    this.controls = controls;
    this.ids = ids;
  }

  /** Controls that evaluate `resourceType` on `action`, in catalogue order. */
  controlsFor(resourceType: string, action: Action): readonly Control[] {
    return this.byKey.get(`${action} ${resourceType}`) ?? [];
  }

  byId(id: string): Control | undefined {
    return this.controls.find((c) => c.id === id);
  }
}

export const REGISTRY = new Registry(ALL_CONTROLS);

/** Base of the published control documentation; each control has an anchor there. */
export const DOCS_URL = HOOK_SCHEMA.documentationUrl;

export function controlDocLink(id: string): string {
  return `${DOCS_URL}#${id.toLowerCase().replace(/\./g, '-')}`;
}
