/**
 * Judging a resource of the stack with resource-level controls: the relation controls (log groups a project
 * writes to, keys pipeline resources use, hosts connections point to) reuse the catalogue's own checks on
 * the resource's stack view instead of re-implementing them. Reads the template does not decide are
 * recorded as UNKNOWN for that resource (the view's recorder), findings name its logical ID and say which
 * control and which relation they come from.
 */
import type { FactKind, FactValues, FactView } from '../../model';
import { ObjectView } from '../../predicates/object-view';
import type { Control, Finding, ResourceView, StackCheckInput, StackResourceView } from '../types';

/** Who uses the resource, for messages: `Build (LogsConfig.CloudWatchLogs.GroupName)`. */
export interface Use {
  by: string;
  path: string;
}

export function describeUses(uses: readonly Use[]): string {
  const shown = [...new Set(uses.map((u) => (u.path === '' ? u.by : `${u.by} (${u.path})`)))].sort();
  return shown.length <= 4 ? shown.join(', ') : `${shown.slice(0, 4).join(', ')} and ${shown.length - 4} more`;
}

export interface JudgeOptions {
  /** The deployed state a transition control compares with (the stack level has none of its own). */
  previous?: (control: Control) => ResourceView | undefined;
  /** Replace a control's message (a transition control judged as a state). */
  rewrite?: (control: Control, f: Finding) => string | undefined;
  /** Judge the resource as one of this type (a host with the connection controls' ProviderType check). */
  asType?: string;
  /**
   * Report every finding (and the controls' failed lookups) at this property of `res` instead of the path the
   * control names: `res` stands for something outside the stack read from its fact (judgeFact).
   */
  at?: string;
}

/**
 * The facts as a stack control hands them to a check about one resource: every lookup is about `logicalId`
 * (at `path` when given, else at the path the check names), so a failed one is reported at that resource.
 */
export function factsFor(facts: FactView, logicalId: string, path?: string): FactView {
  return {
    get enabled() {
      return facts.enabled;
    },
    get<K extends FactKind>(request: { kind: K; ref: string }, p: string): FactValues[K] | undefined {
      return facts.get(request, path ?? p, logicalId);
    },
  };
}

/**
 * Run `controls` (those that target the resource's type) over `res` as the resource-level check would, and
 * prefix each finding with `subject` and the control ID.
 */
export function judgeWith(controls: readonly Control[], res: StackResourceView, input: StackCheckInput, subject: string, options: JudgeOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const control of controls) {
    const type = options.asType ?? res.type;
    if (!control.resourceTypes.includes(type)) continue;
    const found = control.check({
      resourceType: type,
      logicalId: res.logicalId,
      action: input.action,
      resource: res.view,
      previous: options.previous?.(control),
      settings: input.settings,
      accountId: input.accountId,
      ...(input.stackName !== undefined ? { stackName: input.stackName } : {}),
      ...(input.facts ? { facts: factsFor(input.facts, res.logicalId, options.at) } : {}),
    });
    for (const f of found) {
      const message = options.rewrite?.(control, f) ?? f.message;
      out.push({ logicalId: res.logicalId, path: options.at ?? f.path, message: `${subject}: ${control.id}: ${message}` });
    }
  }
  return out;
}

/**
 * Judge something outside the stack that `user` names by a literal at `path` (an existing key), read from its
 * looked-up fact as the `properties` of a resource of `type`, with the resource controls' own checks. Findings,
 * UNKNOWNs and the controls' own failed lookups are reported at `user`'s `path`.
 */
export function judgeFact(controls: readonly Control[], type: string, properties: Record<string, unknown>, user: StackResourceView, path: string, input: StackCheckInput, subject: string, options: JudgeOptions = {}): Finding[] {
  const view = new ObjectView(properties, (p, why) => input.stack.unknown(user.logicalId, path, `${p} of ${subject}: ${why}`));
  return judgeWith(controls, { logicalId: user.logicalId, type, view }, input, subject, { ...options, asType: type, at: path });
}
