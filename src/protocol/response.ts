/** Evaluation → hook response: status, error code, a 1,024-character message that leads with the control IDs, annotations. */
import type { ControlOutcome, Evaluation } from '../engine/evaluate';
import { controlDocLink } from '../engine/registry';
import { redactSecrets } from '../predicates/secret';
import { clipText } from '../predicates/values';
import { ErrorCode, HookProgressEvent, HookStatus, LIMITS, UNKNOWN_PREFIX, type HookAnnotation } from './wire';

export const clip = clipText;

/** Appended to a finding the engine marked as new with this update (the deployed state did not have it). */
export const WEAKENED_NOTE = 'introduced by this update: the deployed resource did not have this finding';

function findingText(o: ControlOutcome): string {
  if (o.status === 'UNKNOWN') {
    const parts = o.unknowns.map((u) => `${u.path}: ${u.why}`);
    return `${UNKNOWN_PREFIX}${parts.length > 0 ? parts.join('; ') : o.findings.map((f) => f.message).join('; ')}`;
  }
  return o.findings
    .map((f) => (f.weakened ? `${f.message} (${WEAKENED_NOTE})` : f.message))
    .join('; ');
}

/** Per-control annotation texts that never change: computed once per control, not per request. */
const constantTexts = new WeakMap<ControlOutcome['control'], { passed: string; remediation: string; link: string }>();
function constants(c: ControlOutcome['control']): { passed: string; remediation: string; link: string } {
  let t = constantTexts.get(c);
  if (!t) {
    t = { passed: clip(`${c.title}.`, LIMITS.statusMessage), remediation: clip(c.remediation, LIMITS.remediationMessage), link: clip(controlDocLink(c.id), LIMITS.remediationLink) };
    constantTexts.set(c, t);
  }
  return t;
}

export function annotationFor(o: ControlOutcome): HookAnnotation {
  const c = o.control;
  const base = { annotationName: c.id, severityLevel: c.severity } as const;
  if (o.status === 'SKIPPED') {
    return { ...base, status: 'SKIPPED', statusMessage: clip(redactSecrets(`${c.title}: skipped, ${o.skipReason ?? 'not evaluated'}`), LIMITS.statusMessage) };
  }
  if (o.status === 'PASS') {
    return { ...base, status: 'PASSED', statusMessage: constants(c).passed };
  }
  let text = findingText(o);
  if (o.warnOnly) text = `WARN (warn-only, not blocking): ${text}`;
  if (o.expiredExemption) text += ` (an exemption for this resource expired on ${o.expiredExemption.ExpiresOn})`;
  return {
    ...base,
    status: 'FAILED',
    statusMessage: clip(redactSecrets(text), LIMITS.statusMessage),
    remediationMessage: constants(c).remediation,
    remediationLink: constants(c).link,
  };
}

function summarise(outcomes: ControlOutcome[]): string {
  return outcomes.map((o) => `${o.control.id} ${findingText(o)}`).join(' | ');
}

export function evaluationResponse(token: string, ev: Evaluation): HookProgressEvent {
  const { target, outcomes } = ev;
  const subject = `${target.logicalId || '(resource)'} (${target.resourceType})`;
  const failing = outcomes.filter((o) => (o.status === 'FAIL' || o.status === 'UNKNOWN') && !o.warnOnly);
  const warnings = outcomes.filter((o) => (o.status === 'FAIL' || o.status === 'UNKNOWN') && o.warnOnly);
  const annotations = outcomes.map(annotationFor);

  if (failing.length > 0) {
    const ids = failing.map((o) => o.control.id).join(', ');
    let message = `[${ids}] ${subject} is not compliant: ${summarise(failing)}.`;
    if (warnings.length > 0) message += ` Warnings: ${warnings.map((o) => o.control.id).join(', ')}.`;
    message += ' Fixes are in the hook annotations (remediationMessage).';
    return new HookProgressEvent({
      hookStatus: HookStatus.Failed,
      errorCode: ErrorCode.NonCompliant,
      message: clip(redactSecrets(message), LIMITS.message),
      clientRequestToken: token,
      annotations,
    });
  }
  let message: string;
  if (warnings.length > 0) {
    message = `[WARN ${warnings.map((o) => o.control.id).join(', ')}] ${subject} is allowed, with warnings from warn-only controls: ${summarise(warnings)}.`;
  } else if (outcomes.length === 0) {
    message = `${subject}: no pipeline-guard control applies to this operation.`;
  } else {
    const passed = outcomes.filter((o) => o.status === 'PASS').length;
    const skipped = outcomes.length - passed;
    message = `${subject} is compliant: ${passed} control(s) passed${skipped > 0 ? `, ${skipped} skipped (see annotations)` : ''}.`;
  }
  return new HookProgressEvent({
    hookStatus: HookStatus.Success,
    message: clip(redactSecrets(message), LIMITS.message),
    clientRequestToken: token,
    annotations,
  });
}

export function errorResponse(token: string | undefined, code: ErrorCode, message: string): HookProgressEvent {
  return new HookProgressEvent({
    hookStatus: HookStatus.Failed,
    errorCode: code,
    message: clip(redactSecrets(`pipeline-guard: ${message}`), LIMITS.message),
    clientRequestToken: token,
  });
}

export function plainSuccess(token: string, message: string): HookProgressEvent {
  return new HookProgressEvent({ hookStatus: HookStatus.Success, message: clip(message, LIMITS.message), clientRequestToken: token });
}
