/**
 * Relations between resources of one stack, read through the model's StackView (pure; shared by the stack
 * controls). A relation is what the template writes — a `Ref` / `Fn::GetAtt` / `${…}` to the logical ID, or
 * a literal physical name equal to the resource's own literal name property — never a guess from names.
 */
import { isIntrinsic } from '../../predicates/values';
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
        if (typeof name === 'string' && (name === raw || raw.endsWith(`:${name}`) || raw.endsWith(`/${name}`))) return [{ kind: 'resource', resource: res }];
      }
    }
  }
  return [{ kind: 'external', value: raw }];
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
