/**
 * The engine's implementation of the model's StackView: a parsed template (src/template StackModel for the
 * reference graph, Resolver for values) seen by one control run. Properties are resolved once per stack;
 * each control run gets fresh views, so the UNKNOWNs it records (with their logical IDs) are its own.
 *
 * Values the template does not decide (parameters, imports, attributes known only after provisioning, an
 * undecided `Fn::If`) stay intrinsics: reading them through a view records UNKNOWN, never PASS.
 */
import type { ResourceView, StackReference, StackResourceView, StackView, UnknownValue } from '../model';
import { isRecord } from '../predicates/values';
import { NO_VALUE, Resolver, type Pseudo } from '../template/resolve';
import { StackModel, type Reference as StackModelReference } from '../template/stack';
import { PropertyView, UnknownRecorder } from './view';

interface Resolved {
  logicalId: string;
  type: string;
  /** Resolved on first read (most stack controls read a few types only). */
  readonly properties: Record<string, unknown>;
  deletionPolicy?: unknown;
  updateReplacePolicy?: unknown;
}

/** A template parsed once: resources with properties resolved on first read, and the reference graph. */
export class ParsedStack {
  readonly model: StackModel;
  readonly resolved: readonly Resolved[];
  private readonly byId = new Map<string, Resolved>();

  constructor(template: Record<string, unknown>, pseudo: Pseudo) {
    this.model = new StackModel(template);
    const resolver = new Resolver(template, pseudo);
    const raw = isRecord(template.Resources) ? template.Resources : {};
    const out: Resolved[] = [];
    for (const r of this.model.resources()) {
      const rawRes = raw[r.logicalId] as Record<string, unknown>;
      let resolved: Record<string, unknown> | undefined;
      const resolve = (): Record<string, unknown> => {
        // conditions the template decides are applied; undecided ones stay Fn::If (UNKNOWN when read)
        const variants = resolver.variants(r.properties);
        const decided = new Map([...(variants[0]?.choices ?? new Map<string, boolean>())].filter(([k]) => variants.length === 1 || resolver.condition(k) !== undefined));
        const v = resolver.resolve(r.properties, decided);
        return v === NO_VALUE || !isRecord(v) ? {} : v;
      };
      const entry: Resolved = {
        logicalId: r.logicalId,
        type: r.type,
        get properties() {
          return (resolved ??= resolve());
        },
      };
      if (rawRes && Object.prototype.hasOwnProperty.call(rawRes, 'DeletionPolicy')) entry.deletionPolicy = rawRes.DeletionPolicy;
      if (rawRes && Object.prototype.hasOwnProperty.call(rawRes, 'UpdateReplacePolicy')) entry.updateReplacePolicy = rawRes.UpdateReplacePolicy;
      out.push(entry);
      this.byId.set(r.logicalId, entry);
    }
    this.resolved = out;
  }

  get(logicalId: string): Resolved | undefined {
    return this.byId.get(logicalId);
  }

  /**
   * A resource's references to other resources (template order), computed once per stack: relation
   * helpers ask for them inside loops over resources (a bucket's policies, a project's role), so each
   * control run would otherwise copy and filter the same lists again. Shared: never handed out as is.
   */
  private readonly refsToResources = new Map<string, readonly StackModelReference[]>();

  resourceRefs(logicalId: string): readonly StackModelReference[] {
    let refs = this.refsToResources.get(logicalId);
    if (!refs) {
      refs = this.model.references(logicalId).filter((r) => r.target === 'resource');
      this.refsToResources.set(logicalId, refs);
    }
    return refs;
  }

  /** `resourceRefs` without DependsOn, under one property path (cached per logical ID and path). */
  private readonly refsUnder = new Map<string, Map<string, readonly StackModelReference[]>>();

  resourceRefsAt(logicalId: string, path: string): readonly StackModelReference[] {
    let byPath = this.refsUnder.get(logicalId);
    if (!byPath) this.refsUnder.set(logicalId, (byPath = new Map()));
    let refs = byPath.get(path);
    if (!refs) {
      refs = this.resourceRefs(logicalId).filter((r) => r.via !== 'DependsOn' && isUnder(r.path, path));
      byPath.set(path, refs);
    }
    return refs;
  }
}

/** `path` is `base` or below it (`base.x`, `base[0]`); '' is above everything. */
function isUnder(path: string, base: string): boolean {
  if (base === '' || path === base) return true;
  if (path.length <= base.length || !path.startsWith(base)) return false;
  const next = path.charCodeAt(base.length);
  return next === 46 /* . */ || next === 91 /* [ */;
}

/** One control run's view of a stack; `unknowns` are the values it could not decide. */
export class TemplateStackView implements StackView {
  private readonly views = new Map<string, { view: PropertyView; recorder: UnknownRecorder }>();
  private readonly extra: UnknownValue[] = [];

  constructor(private readonly stack: ParsedStack) {}

  private propertyView(r: Resolved): ResourceView {
    let v = this.views.get(r.logicalId);
    if (!v) {
      const recorder = new UnknownRecorder();
      v = { view: new PropertyView(r.properties, '', recorder), recorder };
      this.views.set(r.logicalId, v);
    }
    return v.view as ResourceView;
  }

  private readonly resourceViews = new Map<string, StackResourceView>();
  private readonly byType = new Map<string, StackResourceView[]>();

  private viewOf(r: Resolved): StackResourceView {
    // one view object per resource and control run: controls ask for resources inside loops over resources
    const known = this.resourceViews.get(r.logicalId);
    if (known) return known;
    // the view (and the resolution behind it) is made when a control first reads the properties
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    let view: ResourceView | undefined;
    const out: StackResourceView = {
      logicalId: r.logicalId,
      type: r.type,
      get view() {
        return (view ??= self.propertyView(r));
      },
    };
    if (r.deletionPolicy !== undefined) out.deletionPolicy = r.deletionPolicy;
    if (r.updateReplacePolicy !== undefined) out.updateReplacePolicy = r.updateReplacePolicy;
    this.resourceViews.set(r.logicalId, out);
    return out;
  }

  resources(type?: string): StackResourceView[] {
    const key = type ?? '';
    let list = this.byType.get(key);
    if (!list) {
      list = this.stack.resolved.filter((r) => type === undefined || r.type === type).map((r) => this.viewOf(r));
      this.byType.set(key, list);
    }
    return list.slice();
  }

  resource(logicalId: string): StackResourceView | undefined {
    const r = this.stack.get(logicalId);
    return r ? this.viewOf(r) : undefined;
  }

  references(logicalId: string): StackReference[] {
    return this.stack.resourceRefs(logicalId).map(plain);
  }

  referencedBy(logicalId: string, type?: string): StackReference[] {
    return this.stack.model.referencedBy(logicalId, type).map(plain);
  }

  refsAt(logicalId: string, path: string): StackReference[] {
    const refs = this.stack.resourceRefsAt(logicalId, path);
    // most resources refer to nothing at the asked path: one shared empty answer (controls only read it)
    return refs.length === 0 ? (NO_REFS as StackReference[]) : refs.map(plain);
  }

  unknown(logicalId: string, path: string, why: string): void {
    if (this.extra.length < 50 && !this.extra.some((u) => u.logicalId === logicalId && u.path === path)) this.extra.push({ logicalId, path, why });
  }

  /** Every UNKNOWN recorded in this run: by the controls and by reads of undecided values. */
  get unknowns(): UnknownValue[] {
    const out = [...this.extra];
    for (const [logicalId, { recorder }] of this.views) for (const u of recorder.unknowns) out.push({ ...u, logicalId });
    return out;
  }
}

const NO_REFS: readonly StackReference[] = Object.freeze([]);

function plain(r: { from: string; to: string; path: string; via: StackReference['via']; attribute?: string }): StackReference {
  const out: StackReference = { from: r.from, to: r.to, path: r.path, via: r.via };
  if (r.attribute !== undefined) out.attribute = r.attribute;
  return out;
}
