/**
 * A CloudFormation template as a stack: its resources (logical ID, type, properties, condition,
 * DependsOn), parameters, conditions, outputs, and the reference graph between logical IDs — who refers
 * to whom, at which property path, through `Ref`, `Fn::GetAtt`, `Fn::Sub` or `DependsOn`.
 *
 * The model reads the template as written (no resolution: see `resolve.ts` for values). Paths are relative
 * to the resource's `Properties`, in the one path style (`Stages[0].Actions[1].Configuration`); an
 * intrinsic's arguments do not extend the path (a `Ref` inside `Fn::Join` is at the path of the
 * `Fn::Join`), the branches of an `Fn::If` do (they land where it stands). List indexes are those of the
 * template (an `AWS::NoValue` item is still counted). A `DependsOn` reference has the path `''`.
 *
 * This module sits below the engine: it imports only the value helpers.
 */
import { isRecord } from '../predicates/values';

export interface StackResource {
  logicalId: string;
  type: string;
  /** `Properties` as written (`{}` when absent). */
  properties: Record<string, unknown>;
  /** The resource-level `Condition`, when it has one. */
  condition?: string;
  /** `DependsOn`, always as a list. */
  dependsOn: string[];
}

export interface StackParameter {
  name: string;
  type: string;
  default?: unknown;
  noEcho: boolean;
}

export interface StackOutput {
  name: string;
  /** `Value` as written. */
  value: unknown;
  condition?: string;
  /** `Export.Name` as written (often an intrinsic). */
  exportName?: unknown;
  description?: string;
}

export type ReferenceKind = 'Ref' | 'GetAtt' | 'Sub' | 'DependsOn';

export interface Reference {
  /** The referring resource. */
  from: string;
  /** The referred logical ID: a resource or a parameter of this template (pseudo parameters are not listed). */
  to: string;
  /** Whether `to` is a resource or a parameter. */
  target: 'resource' | 'parameter';
  /** Property path in `from`'s Properties ('' for DependsOn). */
  path: string;
  via: ReferenceKind;
  /** The attribute of `Fn::GetAtt` / `${Id.Attr}`, when it is a literal. */
  attribute?: string;
}

const MAX_DEPTH = 64;

function hasOwn(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Is this an intrinsic function call (`{"Ref": …}` / `{"Fn::…": …}`)? */
function isFnCall(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

export class StackModel {
  private readonly byId = new Map<string, StackResource>();
  readonly parameters: ReadonlyMap<string, StackParameter>;
  /** Condition name → expression as written. */
  readonly conditions: ReadonlyMap<string, unknown>;
  readonly outputs: readonly StackOutput[];
  private readonly outgoing = new Map<string, Reference[]>();
  private readonly incoming = new Map<string, Reference[]>();

  /** `template`: a parsed template (`parseTemplateText(...).value`). Throws on a resource without a Type. */
  constructor(template: unknown) {
    const t = isRecord(template) ? template : {};
    const resources = isRecord(t.Resources) ? t.Resources : {};
    for (const id of Object.keys(resources)) {
      const r = resources[id];
      if (!isRecord(r) || typeof r.Type !== 'string') throw new Error(`resource ${id} has no Type`);
      const dependsOn = typeof r.DependsOn === 'string' ? [r.DependsOn] : Array.isArray(r.DependsOn) ? r.DependsOn.filter((d): d is string => typeof d === 'string') : [];
      this.byId.set(id, {
        logicalId: id,
        type: r.Type,
        properties: isRecord(r.Properties) ? r.Properties : {},
        ...(typeof r.Condition === 'string' ? { condition: r.Condition } : {}),
        dependsOn,
      });
    }

    const params = new Map<string, StackParameter>();
    const rawParams = isRecord(t.Parameters) ? t.Parameters : {};
    for (const name of Object.keys(rawParams)) {
      const p = rawParams[name];
      const rec = isRecord(p) ? p : {};
      params.set(name, {
        name,
        type: typeof rec.Type === 'string' ? rec.Type : '',
        ...(hasOwn(rec, 'Default') ? { default: rec.Default } : {}),
        noEcho: rec.NoEcho === true || String(rec.NoEcho).toLowerCase() === 'true',
      });
    }
    this.parameters = params;

    const conditions = new Map<string, unknown>();
    const rawConditions = isRecord(t.Conditions) ? t.Conditions : {};
    for (const name of Object.keys(rawConditions)) conditions.set(name, rawConditions[name]);
    this.conditions = conditions;

    const outputs: StackOutput[] = [];
    const rawOutputs = isRecord(t.Outputs) ? t.Outputs : {};
    for (const name of Object.keys(rawOutputs)) {
      const o = isRecord(rawOutputs[name]) ? (rawOutputs[name] as Record<string, unknown>) : {};
      outputs.push({
        name,
        value: o.Value,
        ...(typeof o.Condition === 'string' ? { condition: o.Condition } : {}),
        ...(isRecord(o.Export) && hasOwn(o.Export, 'Name') ? { exportName: o.Export.Name } : {}),
        ...(typeof o.Description === 'string' ? { description: o.Description } : {}),
      });
    }
    this.outputs = outputs;

    for (const r of this.byId.values()) {
      const refs: Reference[] = [];
      this.collect(r.logicalId, r.properties, '', false, refs, 0);
      for (const d of r.dependsOn) if (this.byId.has(d)) refs.push({ from: r.logicalId, to: d, target: 'resource', path: '', via: 'DependsOn' });
      this.outgoing.set(r.logicalId, refs);
      for (const ref of refs) {
        const list = this.incoming.get(ref.to);
        if (list) list.push(ref);
        else this.incoming.set(ref.to, [ref]);
      }
    }
  }

  /** Every resource, in template order. */
  resources(): StackResource[] {
    return [...this.byId.values()];
  }

  resource(logicalId: string): StackResource | undefined {
    return this.byId.get(logicalId);
  }

  /** What a resource refers to: other resources and parameters, with the property path and the means. */
  references(logicalId: string): Reference[] {
    return [...(this.outgoing.get(logicalId) ?? [])];
  }

  /** Who refers to a resource (or parameter); with `type`, only referrers of that resource type. */
  referencedBy(logicalId: string, type?: string): Reference[] {
    const list = this.incoming.get(logicalId) ?? [];
    return type === undefined ? [...list] : list.filter((r) => this.byId.get(r.from)?.type === type);
  }

  private target(id: string): 'resource' | 'parameter' | undefined {
    if (this.byId.has(id)) return 'resource';
    if (this.parameters.has(id)) return 'parameter';
    return undefined;
  }

  private add(out: Reference[], from: string, to: string, path: string, via: ReferenceKind, attribute?: string): void {
    const target = this.target(to);
    if (!target) return; // pseudo parameters, unknown names
    out.push({ from, to, target, path, via, ...(attribute !== undefined ? { attribute } : {}) });
  }

  private collect(from: string, v: unknown, path: string, arg: boolean, out: Reference[], depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => this.collect(from, x, arg ? path : `${path}[${i}]`, arg, out, depth + 1));
      return;
    }
    if (!isRecord(v)) return;
    if (!isFnCall(v)) {
      for (const k of Object.keys(v)) this.collect(from, v[k], arg ? path : path ? `${path}.${k}` : k, arg, out, depth + 1);
      return;
    }
    const key = Object.keys(v)[0];
    const a = v[key];
    switch (key) {
      case 'Ref':
        if (typeof a === 'string') this.add(out, from, a, path, 'Ref');
        return;
      case 'Fn::GetAtt': {
        if (typeof a === 'string') {
          const dot = a.indexOf('.');
          if (dot > 0) this.add(out, from, a.slice(0, dot), path, 'GetAtt', a.slice(dot + 1));
        } else if (Array.isArray(a) && typeof a[0] === 'string') {
          this.add(out, from, a[0], path, 'GetAtt', typeof a[1] === 'string' ? a[1] : undefined);
          this.collect(from, a[1], path, true, out, depth + 1);
        }
        return;
      }
      case 'Fn::Sub': {
        const text = typeof a === 'string' ? a : Array.isArray(a) && typeof a[0] === 'string' ? a[0] : undefined;
        const vars = Array.isArray(a) && isRecord(a[1]) ? a[1] : {};
        if (text !== undefined) {
          for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
            const inner = m[1];
            if (inner.startsWith('!')) continue;
            const name = inner.trim();
            if (hasOwn(vars, name)) continue;
            const dot = name.indexOf('.');
            if (dot > 0 && !name.startsWith('AWS::')) this.add(out, from, name.slice(0, dot), path, 'Sub', name.slice(dot + 1));
            else this.add(out, from, name, path, 'Sub');
          }
        }
        for (const k of Object.keys(vars)) this.collect(from, vars[k], path, true, out, depth + 1);
        return;
      }
      case 'Fn::If':
        // the condition name is not a logical ID; the branches land where the Fn::If stands
        if (Array.isArray(a)) for (const branch of a.slice(1)) this.collect(from, branch, path, arg, out, depth + 1);
        return;
      default:
        this.collect(from, a, path, true, out, depth + 1);
    }
  }
}
