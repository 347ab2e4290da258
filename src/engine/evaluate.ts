/**
 * Run the controls that cover one target against its properties. Pure apart from the clock passed in;
 * never decides the wire answer (the protocol layer does).
 */
import type { Control, NestedTemplateResult } from '../controls/types';
import type { Action, Exemption, Finding, Settings, UnknownValue } from '../model';
import { ControlFailure } from './errors';
import { findExemption, type ExemptionMatch } from './exemptions';
import { REGISTRY, type Registry } from './registry';
import { joinPath, PropertyView } from './view';
import { markNew, relatedPath } from './weakening';
import { evaluateNested } from './nested';

export interface Target {
  resourceType: string;
  logicalId: string;
  action: Action;
  properties: Record<string, unknown>;
  previousProperties?: Record<string, unknown>;
  accountId: string;
  stackName?: string;
}

export type OutcomeStatus = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIPPED';

export interface ControlOutcome {
  control: Control;
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

/** A finding is explained by an UNKNOWN when their paths are equal or parent/child ('' explains everything). */
function explainedBy(finding: string, unknown: string): boolean {
  return finding === '' || unknown === '' || relatedPath(finding, unknown);
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

function runCheck(control: Control, target: Target, settings: Settings, resource: PropertyView, previous: PropertyView | undefined, nested?: NestedTemplateResult): Finding[] {
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
      }),
    );
  } catch (e) {
    throw new ControlFailure(control.id, e instanceof Error ? e.name : typeof e);
  }
}

const NO_EXEMPTION: ExemptionMatch = Object.freeze({});

export function evaluate(target: Target, settings: Settings, now: Date, registry: Registry = REGISTRY, nestedDepth = 0): Evaluation {
  const today = now.toISOString().slice(0, 10);
  const disabled = settings.DisabledControls;
  const warnOnly = settings.WarnOnlyControls;
  const hasExemptions = settings.Exemptions.length > 0;
  const outcomes: ControlOutcome[] = [];

  for (const control of registry.controlsFor(target.resourceType, target.action)) {
    const isWarnOnly = warnOnly.length > 0 && warnOnly.includes(control.id);
    if (disabled.length > 0 && disabled.includes(control.id)) {
      outcomes.push({ control, status: 'SKIPPED', findings: [], unknowns: [], warnOnly: isWarnOnly, skipReason: 'disabled by the type configuration (DisabledControls)' });
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
    let findings = runCheck(control, target, settings, resource, previous, nestedOf(target.properties));
    const unknowns = resource.unknowns;
    let status: OutcomeStatus = 'PASS';
    if (findings.length > 0) {
      const allUnknown = unknowns.length > 0 && findings.every((f) => unknowns.some((u) => explainedBy(f.path, u.path)));
      status = allUnknown ? 'UNKNOWN' : 'FAIL';
    } else if (unknowns.length > 0) {
      status = 'UNKNOWN';
    }
    if (status === 'FAIL' && target.action === 'UPDATE' && target.previousProperties) {
      // the deployed state, judged by the same control: what it did not have, this update introduces
      const before = runCheck(control, target, settings, new PropertyView(target.previousProperties), undefined, nestedOf(target.previousProperties));
      findings = markNew(findings, before);
    }
    outcomes.push({ control, status, findings, unknowns, warnOnly: isWarnOnly, expiredExemption: exemption.expired });
  }
  return { target, outcomes };
}
