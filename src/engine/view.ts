import type { ResourceView } from '../controls/types';
import { describeUnresolved, isDynamicReference, isIntrinsic, isRecord, own, toBool, toNum, toStr } from '../predicates/values';

export interface UnknownValue {
  path: string;
  why: string;
}


/** Property paths are literals in the controls: split each once, not on every read. */
const splitCache = new Map<string, readonly string[]>();
function splitPath(path: string): readonly string[] {
  let parts = splitCache.get(path);
  if (parts === undefined) {
    parts = path.split('.');
    if (splitCache.size < 5000) splitCache.set(path, parts);
  }
  return parts;
}

/** The engine's implementation of the controls' ResourceView, recording every unresolvable read. */
export class PropertyView implements ResourceView {
  readonly unknowns: UnknownValue[] = [];

  constructor(readonly properties: Readonly<Record<string, unknown>>) {}

  get(path: string): unknown {
    if (path === '') return this.properties;
    let cur: unknown = this.properties;
    const parts = splitPath(path);
    for (let i = 0; i < parts.length; i++) {
      if (cur === undefined || cur === null) return undefined;
      if (isIntrinsic(cur)) {
        this.unknown(parts.slice(0, i).join('.'), describeUnresolved(cur));
        return undefined;
      }
      cur = own(cur, parts[i]);
    }
    return cur;
  }

  has(path: string): boolean {
    const v = this.get(path);
    return v !== undefined && v !== null;
  }

  bool(path: string): boolean | undefined {
    return this.boolOf(this.get(path), path);
  }

  num(path: string): number | undefined {
    return this.numOf(this.get(path), path);
  }

  str(path: string): string | undefined {
    return this.strOf(this.get(path), path);
  }

  list(path: string): unknown[] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (isIntrinsic(v)) {
      this.unknown(path, describeUnresolved(v));
      return [];
    }
    return Array.isArray(v) ? v : [v];
  }

  obj(path: string): Record<string, unknown> | undefined {
    const v = this.get(path);
    if (isIntrinsic(v)) {
      this.unknown(path, describeUnresolved(v));
      return undefined;
    }
    return isRecord(v) ? v : undefined;
  }

  unknown(path: string, why = 'value is not resolvable'): void {
    if (this.unknowns.length < 50 && !this.unknowns.some((u) => u.path === path)) this.unknowns.push({ path, why });
  }

  boolOf(value: unknown, path: string): boolean | undefined {
    if (isIntrinsic(value) || isDynamicReference(value)) {
      this.unknown(path, describeUnresolved(value));
      return undefined;
    }
    return toBool(value);
  }

  numOf(value: unknown, path: string): number | undefined {
    if (isIntrinsic(value) || isDynamicReference(value)) {
      this.unknown(path, describeUnresolved(value));
      return undefined;
    }
    return toNum(value);
  }

  strOf(value: unknown, path: string): string | undefined {
    if (isIntrinsic(value)) {
      this.unknown(path, describeUnresolved(value));
      return undefined;
    }
    return toStr(value);
  }
}
