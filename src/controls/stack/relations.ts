/**
 * Relations between resources of one stack, read through the model's StackView (pure; shared by the stack
 * controls). A relation is what the template writes — a `Ref` / `Fn::GetAtt` / `${…}` to the logical ID, or
 * a literal physical name equal to the resource's own literal name property — never a guess from names.
 */
import { isIntrinsic, isRecord } from '../../predicates/values';
import type { StackResourceView, StackView } from '../types';

export type Related =
  | { kind: 'resource'; resource: StackResourceView }
  /** A literal value naming something that is not defined in this stack. */
  | { kind: 'external'; value: string }
  /** A value the template does not decide (parameter, import, undecided condition). */
  | { kind: 'unresolved' }
  | { kind: 'absent' };

/** The resources of `types` that `from`'s property at `path` refers to (by reference or by literal name). */
export function relatedAt(stack: StackView, from: StackResourceView, path: string, types: readonly string[], nameProp?: string): Related[] {
  const refs = stack.refsAt(from.logicalId, path);
  const out: Related[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    const res = stack.resource(r.to);
    if (res && types.includes(res.type) && !seen.has(res.logicalId)) {
      seen.add(res.logicalId);
      out.push({ kind: 'resource', resource: res });
    }
  }
  if (out.length > 0) return out;
  const raw = from.view.get(path);
  if (raw === undefined || raw === null || raw === '') return [{ kind: 'absent' }];
  if (isIntrinsic(raw)) return [{ kind: 'unresolved' }];
  if (typeof raw !== 'string') return [{ kind: 'absent' }];
  if (nameProp) {
    for (const t of types) {
      for (const res of stack.resources(t)) {
        const name = res.view.get(nameProp);
        if (typeof name === 'string' && namesResource(raw, name)) return [{ kind: 'resource', resource: res }];
      }
    }
  }
  return [{ kind: 'external', value: raw }];
}

/** `raw` is `name`, or ends with `:name` or `/name` (an ARN or path naming it); no string built per comparison. */
function namesResource(raw: string, name: string): boolean {
  if (name === raw) return true;
  const at = raw.length - name.length - 1;
  if (at < 0 || !raw.endsWith(name)) return false;
  const sep = raw.charCodeAt(at);
  return sep === 58 /* : */ || sep === 47 /* / */;
}

/** Resources of `type` whose property at `path` refers to `target` (by reference, or by its literal name). */
export function referrersAt(stack: StackView, target: StackResourceView, type: string, path: string, nameProp?: string): StackResourceView[] {
  const out: StackResourceView[] = [];
  const literal = nameProp ? target.view.get(nameProp) : undefined;
  for (const res of stack.resources(type)) {
    if (res.logicalId === target.logicalId) continue;
    const byRef = stack.refsAt(res.logicalId, path).some((r) => r.to === target.logicalId);
    const raw = res.view.get(path);
    const byName = typeof literal === 'string' && literal !== '' && typeof raw === 'string' && raw === literal;
    if (byRef || byName) out.push(res);
  }
  return out;
}

/** The values an undecided `Fn::If` may take, recursively (any other value is one leaf). */
export function branches(v: unknown, depth = 0): unknown[] {
  if (depth < 8 && isRecord(v) && Object.keys(v).length === 1 && Array.isArray(v['Fn::If']) && v['Fn::If'].length === 3) {
    const [, a, b] = v['Fn::If'] as unknown[];
    return [...branches(a, depth + 1), ...branches(b, depth + 1)];
  }
  return [v];
}

/** Does a raw (unresolved) value name `id` through `Ref`, `Fn::GetAtt` or `${id}` / `${id.Attr}` in `Fn::Sub`? */
export function mentions(v: unknown, id: string, depth = 0): boolean {
  if (depth > 16) return false;
  if (typeof v === 'string') return v.includes(`\${${id}}`) || v.includes(`\${${id}.`);
  if (Array.isArray(v)) return v.some((x) => mentions(x, id, depth + 1));
  if (!isRecord(v)) return false;
  if (v.Ref === id) return true;
  const att = v['Fn::GetAtt'];
  if ((Array.isArray(att) && att[0] === id) || (typeof att === 'string' && att.startsWith(`${id}.`))) return true;
  return Object.keys(v).some((k) => mentions(v[k], id, depth + 1));
}

function isNoValue(v: unknown): boolean {
  return isRecord(v) && v.Ref === 'AWS::NoValue';
}

/**
 * Like `relatedAt`, branch by branch: an `Fn::If` the template does not decide is followed in each branch, so a
 * branch to a resource of `types` gives that resource, a branch without a value (`AWS::NoValue`) gives `absent`
 * and a branch the template does not decide (a parameter, an import) gives `unresolved` — never dropped
 * because the other branch names a resource. A literal counts as a resource of the stack only when `literal`
 * says so (exact names: a log group `/team/build` is not a group named `build`).
 */
export function followAt(
  stack: StackView,
  from: StackResourceView,
  path: string,
  types: readonly string[],
  literal?: (value: string, candidate: StackResourceView) => boolean,
): Related[] {
  const targets: StackResourceView[] = [];
  for (const r of stack.refsAt(from.logicalId, path)) {
    const res = stack.resource(r.to);
    if (res && types.includes(res.type) && !targets.some((t) => t.logicalId === res.logicalId)) targets.push(res);
  }
  const raw = from.view.get(path);
  const out: Related[] = [];
  const push = (rel: Related): void => {
    if (rel.kind === 'resource' && out.some((o) => o.kind === 'resource' && o.resource.logicalId === rel.resource.logicalId)) return;
    if (rel.kind !== 'resource' && out.some((o) => o.kind === rel.kind && (rel.kind !== 'external' || (o.kind === 'external' && o.value === rel.value)))) return;
    out.push(rel);
  };
  const literalOf = (value: string): void => {
    for (const t of types) {
      for (const res of stack.resources(t)) {
        if (literal?.(value, res)) return push({ kind: 'resource', resource: res });
      }
    }
    push({ kind: 'external', value });
  };
  if (!isIntrinsic(raw)) {
    // resolved (a reference to a resource of the stack resolves to its physical name or ARN) or literal
    if (targets.length > 0) for (const t of targets) push({ kind: 'resource', resource: t });
    else if (raw === undefined || raw === null || raw === '') push({ kind: 'absent' });
    else if (typeof raw === 'string') literalOf(raw);
    else push({ kind: 'absent' });
    return out;
  }
  for (const leaf of branches(raw)) {
    if (leaf === undefined || leaf === null || leaf === '' || isNoValue(leaf)) push({ kind: 'absent' });
    else if (typeof leaf === 'string') literalOf(leaf);
    else {
      const hit = targets.filter((t) => mentions(leaf, t.logicalId));
      if (hit.length > 0) for (const t of hit) push({ kind: 'resource', resource: t });
      else push({ kind: 'unresolved' });
    }
  }
  return out;
}
