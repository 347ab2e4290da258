/**
 * A ResourceView over a plain object that is not a property of the resource itself: the StartBuild
 * parameters a rule or schedule carries in a JSON string, read as the CodeBuild project properties they
 * override. Reads behave like the engine's view (one value normaliser, intrinsics and dynamic references
 * where a boolean or number belongs are UNKNOWN); every UNKNOWN is handed to `sink` with its path in this
 * view's coordinates, and the owner maps it back to a path of the real resource.
 */
import type { ListItem, ResourceView } from '../model';
import { describeUnresolved, isDynamicReference, isIntrinsic, isRecord, own, toBool, toNum, toStr } from './values';

/** Where the UNKNOWNs of a detached view go: the full path (this view's coordinates) and why. */
export type UnknownSink = (path: string, why: string) => void;

function split(path: string): string[] {
  return path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '').split('.');
}

/** `a.b` + `c[0].d` in the one path style (numeric segments as `[n]`). */
export function joinViewPath(base: string, rel: string): string {
  let out = base;
  for (const seg of split(rel)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

export class ObjectView implements ResourceView {
  constructor(
    readonly properties: Readonly<Record<string, unknown>>,
    private readonly sink: UnknownSink,
    readonly path: string = '',
    readonly value: unknown = properties,
  ) {}

  pathOf(path: string): string {
    return joinViewPath(this.path, path);
  }

  get(path: string): unknown {
    if (path === '') return this.properties;
    let cur: unknown = this.properties;
    const parts = split(path);
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

  private child(value: unknown, path: string): ObjectView {
    return new ObjectView(isRecord(value) && !isIntrinsic(value) ? value : EMPTY, this.sink, path, value);
  }

  at(path: string): ResourceView {
    if (path === '') return this;
    const v = this.get(path);
    if (isIntrinsic(v)) this.unknown(path, describeUnresolved(v));
    return this.child(v, this.pathOf(path));
  }

  items(path: string): ListItem[] {
    const base = this.pathOf(path);
    return this.list(path).map((value, index) => {
      const itemPath = `${base}[${index}]`;
      if (isIntrinsic(value)) this.sink(itemPath, describeUnresolved(value));
      return { index, value, view: this.child(value, itemPath) };
    });
  }

  entries(path: string): Array<[string, ResourceView]> {
    const o = this.obj(path);
    if (!o) return [];
    const base = this.pathOf(path);
    return Object.keys(o).map((k) => {
      const v = o[k];
      const p = base === '' ? k : `${base}.${k}`;
      if (isIntrinsic(v)) this.sink(p, describeUnresolved(v));
      return [k, this.child(v, p)];
    });
  }

  unknown(path: string, why = 'value is not resolvable'): void {
    this.sink(this.pathOf(path), why);
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
