/**
 * Run the controls that cover one target against its properties. Pure apart from the clock passed in;
 * never decides the wire answer (the protocol layer does).
 */
import type { AnyControl, Control, NestedTemplateResult, StackControl } from '../controls/types';
import type { Action, Exemption, Finding, Settings, UnknownValue } from '../model';
import { ControlFailure } from './errors';
import { findExemption, type ExemptionMatch } from './exemptions';
import { REGISTRY, type Registry } from './registry';
import { ParsedStack, TemplateStackView } from './stack-view';
import { joinPath, PropertyView } from './view';
import type { Pseudo } from '../template/resolve';
import { explainedBy, markNew } from './weakening';
import { evaluateNested } from './nested';
import { isGenericType, OUT_OF_SCOPE_REASON, outOfScope, pipelineRelated } from './scope';
import { FactRecorder, lookupFailureMessage, type FactTable, type LookupFailure } from './facts';

export interface Target {
  resourceType: string;
  logicalId: string;
  action: Action;
  properties: Record<string, unknown>;
  previousProperties?: Record<string, unknown>;
  accountId: string;
  stackName?: string;
  /**
   * Whether the resource is pipeline-related in its stack (Scope setting): known when the stack's template
   * is (the CLI; STACK level), undefined otherwise — then the resource is judged (fail closed).
   */
  pipelineRelated?: boolean;
}

export type OutcomeStatus = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIPPED';

export interface ControlOutcome {
  control: AnyControl;
  status: OutcomeStatus;
  findings: Finding[];
  unknowns: UnknownValue[];
  /** Evaluated and failing/unknown, but configured as warn-only: reported, not blocking. */
  warnOnly: boolean;
  skipReason?: string;
  exemption?: Exemption;
  expiredExemption?: Exemption;
}

export interface Evaluation {
  target: Target;
  outcomes: ControlOutcome[];
}

/** Findings in the one path style, with `weakened` owned by the engine (whatever a control set). */
function normalise(findings: Finding[]): Finding[] {
  return findings.map((f) => {
    const path = joinPath('', f.path);
    if (path === f.path && f.weakened === undefined) return f;
    const out: Finding = { path, message: f.message };
    if (f.logicalId !== undefined) out.logicalId = f.logicalId;
    return out;
  });
}

function runCheck(control: Control, target: Target, settings: Settings, resource: PropertyView, previous: PropertyView | undefined, nested?: NestedTemplateResult, facts?: FactRecorder): Finding[] {
  try {
    return normalise(
      control.check({
        resourceType: target.resourceType,
        logicalId: target.logicalId,
        action: target.action,
        resource,
        previous,
        settings,
        accountId: target.accountId,
        stackName: target.stackName,
        nested,
        facts,
      }),
    );
  } catch (e) {
    throw new ControlFailure(control.id, e instanceof Error ? e.name : typeof e);
  }
}

const NO_EXEMPTION: ExemptionMatch = Object.freeze({});

/**
 * `facts`: the evaluation's fact table when lookups are on (src/engine/lookups.ts drives the rounds); a
 * control's lookup that failed is a finding (LookupFailureMode FAIL) or an UNKNOWN at the property it named.
 */
export function evaluate(target: Target, settings: Settings, now: Date, registry: Registry = REGISTRY, nestedDepth = 0, facts?: FactTable): Evaluation {
  const today = now.toISOString().slice(0, 10);
  const disabled = settings.DisabledControls;
  const warnOnly = settings.WarnOnlyControls;
  const hasExemptions = settings.Exemptions.length > 0;
  const outcomes: ControlOutcome[] = [];
  const unrelated = outOfScope(settings, target.resourceType, target.pipelineRelated);

  for (const control of registry.controlsFor(target.resourceType, target.action)) {
    const isWarnOnly = warnOnly.length > 0 && warnOnly.includes(control.id);
    if (disabled.length > 0 && disabled.includes(control.id)) {
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, skipReason: 'disabled by the type configuration (DisabledControls)' });
      continue;
    }
    if (unrelated && !control.ignoresScope) {
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, skipReason: OUT_OF_SCOPE_REASON });
      continue;
    }
    const exemption = hasExemptions ? findExemption(settings, control.id, target.stackName, target.logicalId, today) : NO_EXEMPTION;
    if (exemption.active) {
      const e = exemption.active;
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, exemption: e, skipReason: `exempted until ${e.ExpiresOn}: ${e.Reason}` });
      continue;
    }
    const resource = new PropertyView(target.properties);
    const previous = target.previousProperties ? new PropertyView(target.previousProperties) : undefined;
    // an inline template (StackSet TemplateBody) is evaluated by the engine with the same controls
    const nestedOf = (props: Record<string, unknown>) => (control.nestedTemplate === undefined ? undefined : evaluateNested(props, control.nestedTemplate, target, (t) => evaluate(t, settings, now, registry, nestedDepth + 1), nestedDepth));
    const recorder = facts ? new FactRecorder(facts) : undefined;
    let findings = runCheck(control, target, settings, resource, previous, nestedOf(target.properties), recorder);
    let unknowns = resource.unknowns;
    // a lookup that failed: a finding (LookupFailureMode FAIL) or an UNKNOWN — never a weakening
    let lookupFindings: Finding[] = [];
    if (recorder && recorder.failures.length > 0) {
      if (settings.LookupFailureMode === 'UNKNOWN') unknowns = [...unknowns, ...recorder.failures.map((f) => ({ path: f.path, why: lookupFailureMessage(f) }))];
      else lookupFindings = recorder.failures.map((f) => ({ path: f.path, message: lookupFailureMessage(f) }));
    }
    let status: OutcomeStatus = 'PASS';
    if (findings.length > 0 || lookupFindings.length > 0) {
      // a failed lookup (LookupFailureMode FAIL) is a FAIL whatever else is unknown: an UNKNOWN never hides it
      const allUnknown = lookupFindings.length === 0 && unknowns.length > 0 && findings.every((f) => unknowns.some((u) => explainedBy(f.path, u.path)));
      status = allUnknown ? 'UNKNOWN' : 'FAIL';
    } else if (unknowns.length > 0) {
      status = 'UNKNOWN';
    }
    if (status === 'FAIL' && findings.length > 0 && target.action === 'UPDATE' && target.previousProperties) {
      // the deployed state, judged by the same control: what it did not have, this update introduces
      const before = runCheck(control, target, settings, new PropertyView(target.previousProperties), undefined, nestedOf(target.previousProperties), facts ? new FactRecorder(facts) : undefined);
      findings = markNew(findings, before);
    }
    if (lookupFindings.length > 0) findings = [...findings, ...lookupFindings];
    outcomes.push({ control, status, findings, unknowns, warnOnly: isWarnOnly, expiredExemption: exemption.expired });
  }
  return { target, outcomes };
}

// ---------------------------------------------------------------------------------------------------
// Stack-level evaluation (STACK and CHANGE_SET targets)
// ---------------------------------------------------------------------------------------------------

export interface StackTarget {
  /** `STACK` or `CHANGE_SET`. */
  targetName: 'STACK' | 'CHANGE_SET';
  /** The stack name (STACK) or change-set ARN (CHANGE_SET) the request names. */
  logicalId: string;
  action: Action;
  /** The template to evaluate (parsed). */
  template: Record<string, unknown>;
  /** The deployed template (or the state before a change set); absent on create. */
  previousTemplate?: Record<string, unknown>;
  pseudo: Pseudo;
  accountId: string;
  stackName?: string;
}

/** A stack finding belongs to the logical ID it names (a finding without one is about the stack itself). */
function idOf(f: { logicalId?: string }): string {
  return f.logicalId ?? '';
}

/** The stack's scope test: Scope all, or CI/CD types, or generic resources that are pipeline-related. */
const relatedByStack = new WeakMap<ParsedStack, ReadonlySet<string>>();

/** The pipeline-related logical IDs of a stack, computed once per stack (every stack control asks). */
function relatedIn(stack: ParsedStack): ReadonlySet<string> {
  let related = relatedByStack.get(stack);
  if (!related) {
    related = pipelineRelated(stack.model);
    relatedByStack.set(stack, related);
  }
  return related;
}

function scopeOf(stack: ParsedStack, settings: Settings): (logicalId: string) => boolean {
  if (settings.Scope === 'all') return () => true;
  return (logicalId) => {
    const r = stack.get(logicalId);
    if (!r || !isGenericType(r.type)) return true;
    return relatedIn(stack).has(logicalId);
  };
}

interface StackRun {
  findings: Finding[];
  unknowns: UnknownValue[];
  /** Lookups that failed, as findings (LookupFailureMode FAIL; in UNKNOWN mode they are among `unknowns`). */
  lookupFindings: Finding[];
}

/** A failed lookup at the logical ID and path the stack control named. */
function atLookup<T extends object>(f: LookupFailure, x: T): T & { logicalId?: string } {
  return f.logicalId === undefined ? x : { ...x, logicalId: f.logicalId };
}

function runStackCheck(control: StackControl, target: StackTarget, settings: Settings, stack: ParsedStack, facts?: FactTable): StackRun {
  const view = new TemplateStackView(stack);
  const recorder = facts ? new FactRecorder(facts) : undefined;
  try {
    const inScope = scopeOf(stack, settings);
    const findings = normalise(control.checkStack({ stack: view, action: target.action, settings, accountId: target.accountId, stackName: target.stackName, inScope, ...(recorder ? { facts: recorder } : {}) }));
    let unknowns = view.unknowns;
    let lookupFindings: Finding[] = [];
    if (recorder && recorder.failures.length > 0) {
      // a lookup that failed: a finding (LookupFailureMode FAIL) or an UNKNOWN — never a weakening
      if (settings.LookupFailureMode === 'UNKNOWN') unknowns = [...unknowns, ...recorder.failures.map((f) => atLookup(f, { path: f.path, why: lookupFailureMessage(f) }))];
      else lookupFindings = normalise(recorder.failures.map((f) => atLookup(f, { path: f.path, message: lookupFailureMessage(f) })));
    }
    if (!control.ignoresScope) {
      // findings and UNKNOWNs about generic resources outside the pipeline are not this hook's (Scope pipeline)
      const keep = (x: { logicalId?: string }): boolean => x.logicalId === undefined || inScope(x.logicalId);
      return { findings: findings.filter(keep), unknowns: unknowns.filter(keep), lookupFindings: lookupFindings.filter(keep) };
    }
    return { findings, unknowns, lookupFindings };
  } catch (e) {
    throw new ControlFailure(control.id, e instanceof Error ? e.name : typeof e);
  }
}

/** Weakening keyed by logical ID, path and message: what the previous stack did not have, this change introduces. */
function markNewInStack(now: Finding[], before: Finding[]): Finding[] {
  const key = (f: Finding): Finding => ({ path: `${idOf(f)}\u0000${f.path}`, message: f.message });
  const marked = markNew(now.map(key), before.map(key));
  return now.map((f, i) => ({ ...f, weakened: marked[i].weakened }));
}

/**
 * Evaluate the stack controls over a whole template. Shares the per-control rules of `evaluate`: disabled
 * controls are SKIPPED; exemptions (and warn-only) apply per finding's logical ID — a control whose every
 * finding and UNKNOWN is exempted is SKIPPED with the exemption; UNKNOWN explains a finding at the same
 * logical ID and a related path; on a previous template, findings it did not have are marked weakened.
 * `facts`: the evaluation's fact table when lookups are on (the rounds: src/engine/imports.ts
 * evaluateStackWithLookups); a lookup a stack control asked that failed is a finding (LookupFailureMode FAIL) or
 * an UNKNOWN at the logical ID and path the control named.
 */
export function evaluateStack(target: StackTarget, settings: Settings, now: Date, registry: Registry = REGISTRY, facts?: FactTable): Evaluation {
  const today = now.toISOString().slice(0, 10);
  const outcomes: ControlOutcome[] = [];
  const controls = registry.stackControlsFor(target.action);
  const stack = controls.length > 0 ? new ParsedStack(target.template, target.pseudo) : undefined;
  let previous: ParsedStack | undefined;
  for (const control of controls) {
    const isWarnOnly = settings.WarnOnlyControls.includes(control.id);
    if (settings.DisabledControls.includes(control.id)) {
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, skipReason: 'disabled by the type configuration (DisabledControls)' });
      continue;
    }
    const run = runStackCheck(control, target, settings, stack as ParsedStack, facts);
    // exemptions per logical ID
    const exemptionFor = new Map<string, ExemptionMatch>();
    const match = (id: string): ExemptionMatch => {
      let m = exemptionFor.get(id);
      if (!m) exemptionFor.set(id, (m = settings.Exemptions.length > 0 ? findExemption(settings, control.id, target.stackName, id, today) : NO_EXEMPTION));
      return m;
    };
    let applied: Exemption | undefined;
    let expired: Exemption | undefined;
    const keep = <T extends { logicalId?: string }>(x: T): boolean => {
      const m = match(idOf(x));
      if (m.active) {
        applied ??= m.active;
        return false;
      }
      if (m.expired) expired ??= m.expired;
      return true;
    };
    let findings = run.findings.filter(keep);
    const unknowns = run.unknowns.filter(keep);
    const lookupFindings = run.lookupFindings.filter(keep);
    if (applied && findings.length === 0 && unknowns.length === 0 && lookupFindings.length === 0) {
      const e: Exemption = applied;
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, exemption: e, skipReason: `exempted until ${e.ExpiresOn}: ${e.Reason}` });
      continue;
    }
    let status: OutcomeStatus = 'PASS';
    if (findings.length > 0 || lookupFindings.length > 0) {
      // a failed lookup (LookupFailureMode FAIL) is a FAIL whatever else is unknown: an UNKNOWN never hides it
      const allUnknown = lookupFindings.length === 0 && unknowns.length > 0 && findings.every((f) => unknowns.some((u) => idOf(u) === idOf(f) && explainedBy(f.path, u.path)));
      status = allUnknown ? 'UNKNOWN' : 'FAIL';
    } else if (unknowns.length > 0) {
      status = 'UNKNOWN';
    }
    if (status === 'FAIL' && findings.length > 0 && target.previousTemplate) {
      previous ??= new ParsedStack(target.previousTemplate, target.pseudo);
      findings = markNewInStack(findings, runStackCheck(control, target, settings, previous, facts).findings);
    }
    if (lookupFindings.length > 0) findings = [...findings, ...lookupFindings];
    outcomes.push({ control, status, findings, unknowns, warnOnly: isWarnOnly, expiredExemption: expired });
  }
  return {
    target: { resourceType: target.targetName, logicalId: target.logicalId, action: target.action, properties: {}, accountId: target.accountId, stackName: target.stackName },
    outcomes,
  };
}
