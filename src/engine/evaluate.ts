/**
 * Run the controls that cover one target against its properties. Pure apart from the clock passed in;
 * never decides the wire answer (the protocol layer does).
 */
import type { Action, Control, Exemption, Finding, Settings } from '../controls/types';
import { ControlFailure } from './errors';
import { findExemption } from './exemptions';
import { REGISTRY, type Registry } from './registry';
import { PropertyView, type UnknownValue } from './view';

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

function related(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}[`);
}

export function evaluate(target: Target, settings: Settings, now: Date, registry: Registry = REGISTRY): Evaluation {
  const today = now.toISOString().slice(0, 10);
  const disabled = new Set(settings.DisabledControls);
  const warnOnly = new Set(settings.WarnOnlyControls);
  const outcomes: ControlOutcome[] = [];

  for (const control of registry.controlsFor(target.resourceType, target.action)) {
    const base = { control, findings: [] as Finding[], unknowns: [] as UnknownValue[], warnOnly: warnOnly.has(control.id) };
    if (disabled.has(control.id)) {
      outcomes.push({ ...base, status: 'SKIPPED', skipReason: 'disabled by the type configuration (DisabledControls)' });
      continue;
    }
    const exemption = findExemption(settings, control.id, target.stackName, target.logicalId, today);
    if (exemption.active) {
      const e = exemption.active;
      outcomes.push({ ...base, status: 'SKIPPED', exemption: e, skipReason: `exempted until ${e.ExpiresOn}: ${e.Reason}` });
      continue;
    }
    const resource = new PropertyView(target.properties);
    const previous = target.previousProperties ? new PropertyView(target.previousProperties) : undefined;
    let findings: Finding[];
    try {
      findings = control.check({
        resourceType: target.resourceType,
        logicalId: target.logicalId,
        action: target.action,
        resource,
        previous,
        settings,
        accountId: target.accountId,
        stackName: target.stackName,
      });
    } catch (e) {
      throw new ControlFailure(control.id, e instanceof Error ? e.name : typeof e);
    }
    const unknowns = resource.unknowns;
    let status: OutcomeStatus = 'PASS';
    if (findings.length > 0) {
      const allUnknown = unknowns.length > 0 && findings.every((f) => unknowns.some((u) => related(f.path, u.path)));
      status = allUnknown ? 'UNKNOWN' : 'FAIL';
    } else if (unknowns.length > 0) {
      status = 'UNKNOWN';
    }
    outcomes.push({ ...base, status, findings, unknowns, expiredExemption: exemption.expired });
  }
  return { target, outcomes };
}
