import type { ListItem, ResourceView, UnknownValue } from '../model';
import { describeUnresolved, isDynamicReference, isIntrinsic, isRecord, own, toBool, toNum, toStr } from './values';

export type { UnknownValue } from '../model';

const MAX_UNKNOWNS = 50;

/**
 * Split a path written in the one path style (`a.b[0].c`; the older `a.b.0.c` is read the same way) into
 * segments. Property paths are literals in the controls: each is split once, not on every read.
 */
const splitCache = new Map<string, readonly string[]>();
export function splitPath(path: string): readonly string[] {
  let parts = splitCache.get(path);
  if (parts === undefined) {
    parts = path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '').split('.');
    if (splitCache.size < 5000) splitCache.set(path, parts);
  }
  return parts;
}

/** Join segments in the one path style: numeric segments become `[n]`. */
export function joinPath(base: string, rel: string): string {
  if (rel === '') return base;
  let out = base;
  for (const seg of splitPath(rel)) {
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Where the UNKNOWNs of one control's evaluation are collected (shared by a view and its children). */
export class UnknownRecorder {
  readonly unknowns: UnknownValue[] = [];
  record(path: string, why: string): void {
    if (this.unknowns.length < MAX_UNKNOWNS && !this.unknowns.some((u) => u.path === path)) this.unknowns.push({ path, why });
  }
}

/** Hands every UNKNOWN to its owner instead of keeping it (a view over data that is not the resource itself). */
export class SinkRecorder extends UnknownRecorder {
  constructor(private readonly sink: (path: string, why: string) => void) {
    super();
  }
  override record(path: string, why: string): void {
    this.sink(path, why);
  }
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The implementation of the model's ResourceView, recording every unresolvable read. It lives with the predicates
 * (below the engine) so that a predicate or control that reads parsed data as a view (StartBuild overrides in a
 * rule's Input) uses the same reads; the engine creates one per control and resource.
 */
export class PropertyView implements ResourceView {
  readonly properties: Readonly<Record<string, unknown>>;

  constructor(
    properties: Readonly<Record<string, unknown>>,
    readonly path: string = '',
    private readonly recorder: UnknownRecorder = new UnknownRecorder(),
    /** The raw value this view is rooted at, when it is not an object (a list item that is a scalar). */
    readonly value: unknown = properties,
  ) {
    this.properties = properties;
  }

  /** The UNKNOWNs recorded through this view and every view derived from it. */
  get unknowns(): UnknownValue[] {
    return this.recorder.unknowns;
  }

  pathOf(path: string): string {
    return joinPath(this.path, path);
  }

  get(path: string): unknown {
    if (path === '') return this.properties;
    let cur: unknown = this.properties;
    const parts = splitPath(path);
    for (let i = 0; i < parts.length; i++) {
      if (cur === undefined || cur === null) return undefined;
      if (isIntrinsic(cur)) {
        this.unknown(joinPath('', parts.slice(0, i).join('.')), describeUnresolved(cur));
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

  at(path: string): ResourceView {
    if (path === '') return this;
    const v = this.get(path);
    if (isIntrinsic(v)) this.unknown(path, describeUnresolved(v));
    return new PropertyView(isRecord(v) && !isIntrinsic(v) ? v : EMPTY, this.pathOf(path), this.recorder, v);
  }

  items(path: string): ListItem[] {
    const base = this.pathOf(path);
    return this.list(path).map((value, index) => {
      const itemPath = `${base}[${index}]`;
      if (isIntrinsic(value)) this.recorder.record(itemPath, describeUnresolved(value));
      const props = isRecord(value) && !isIntrinsic(value) ? value : EMPTY;
      return { index, value, view: new PropertyView(props, itemPath, this.recorder, value) };
    });
  }

  entries(path: string): Array<[string, ResourceView]> {
    const o = this.obj(path);
    if (!o) return [];
    const base = this.pathOf(path);
    return Object.keys(o).map((k) => {
      const v = o[k];
      if (isIntrinsic(v)) this.recorder.record(joinPath(base, k), describeUnresolved(v));
      return [k, new PropertyView(isRecord(v) && !isIntrinsic(v) ? v : EMPTY, base === '' ? k : `${base}.${k}`, this.recorder, v)];
    });
  }

  unknown(path: string, why = 'value is not resolvable'): void {
    this.recorder.record(this.pathOf(path), why);
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
