/** Evaluation → hook response: status, error code, a 1,024-character message that leads with the control IDs, annotations. */
import type { ControlOutcome, Evaluation } from '../engine/evaluate';
import { exemptionAdvice, fixText, type ExemptionSubject } from '../engine/fixes';
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
const constantTexts = new WeakMap<ControlOutcome['control'], { passed: string; fix: string; remediation: string; link: string }>();
function constants(c: ControlOutcome['control']): { passed: string; fix: string; remediation: string; link: string } {
  let t = constantTexts.get(c);
  if (!t) {
    const fix = fixText(c);
    t = { passed: clip(`${c.title}.`, LIMITS.statusMessage), fix, remediation: clip(fix, LIMITS.remediationMessage), link: clip(controlDocLink(c.id), LIMITS.remediationLink) };
    constantTexts.set(c, t);
  }
  return t;
}

/** What the response needs besides the evaluation: the configuration's exemption cap (default: the schema's 365). */
export interface ResponseOptions {
  maximumExemptionDays?: number;
}

/** The resource an exemption would name: the finding's own logical ID (stack-level controls), else the target's. */
function subjectOf(o: ControlOutcome, target: Evaluation['target'] | undefined): ExemptionSubject {
  const own = o.findings.find((f) => f.logicalId !== undefined)?.logicalId;
  return { stackName: target?.stackName, logicalId: own ?? target?.logicalId ?? '' };
}

/**
 * The fix of a failing control: the remediation with its CDK hint and, when a platform exemption is the
 * right way for this control's findings (exemptionHint, FAIL only), the Exemptions entry to request,
 * filled with the stack name and logical ID (never a property value).
 */
function remediationFor(o: ControlOutcome, target: Evaluation['target'] | undefined, options: ResponseOptions): string {
  const c = o.control;
  if (o.status !== 'FAIL' || !c.exemptionHint) return constants(c).remediation;
  const advice = exemptionAdvice(c, subjectOf(o, target), options.maximumExemptionDays) ?? '';
  return clip(`${constants(c).fix} ${advice}`, LIMITS.remediationMessage);
}

export function annotationFor(o: ControlOutcome, target?: Evaluation['target'], options: ResponseOptions = {}): HookAnnotation {
  const c = o.control;
  // object literals, not a spread of a shared base: one annotation per control and request (the keys keep their order)
  if (o.status === 'SKIPPED') {
    return { annotationName: c.id, severityLevel: c.severity, status: 'SKIPPED', statusMessage: clip(redactSecrets(`${c.title}: skipped, ${o.skipReason ?? 'not evaluated'}`), LIMITS.statusMessage) };
  }
  if (o.status === 'PASS') {
    return { annotationName: c.id, severityLevel: c.severity, status: 'PASSED', statusMessage: constants(c).passed };
  }
  let text = findingText(o);
  if (o.warnOnly) text = `WARN (warn-only, not blocking): ${text}`;
  if (o.expiredExemption) text += ` (an exemption for this resource expired on ${o.expiredExemption.ExpiresOn})`;
  return {
    annotationName: c.id,
    severityLevel: c.severity,
    status: 'FAILED',
    statusMessage: clip(redactSecrets(text), LIMITS.statusMessage),
    remediationMessage: remediationFor(o, target, options),
    remediationLink: constants(c).link,
  };
}

function summarise(outcomes: ControlOutcome[]): string {
  return outcomes.map((o) => `${o.control.id} ${findingText(o)}`).join(' | ');
}

const CONTROL_ID = /CICD\.[A-Z0-9]+\.[0-9]+/g;

/**
 * Clip to `max` characters (with …) without cutting a control ID in two: a cut inside an ID moves to
 * before it.
 */
export function clipKeepingIds(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  for (const m of text.matchAll(CONTROL_ID)) {
    const start = m.index ?? 0;
    if (start >= end) break;
    if (start + m[0].length > end) {
      end = start;
      break;
    }
  }
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).replace(/[\s,|[(]+$/, '')}…`;
}

const MORE_FIXES = ' Full fixes: hook annotations (remediationMessage).';
/** Shortest useful piece of a fix that is clipped to fit (its control ID always whole). */
const MIN_FIX_PIECE = 60;

/**
 * The message's findings (clipped first, IDs whole), then as many fixes of the listed controls as fit in
 * the 1,024 characters: whole ones, then at most one clipped, then a pointer to the annotations when any
 * fix is missing or clipped.
 */
function withFixes(findings: string, outcomes: ControlOutcome[]): string {
  const max = LIMITS.message;
  const head = clipKeepingIds(redactSecrets(findings), max);
  const fixes = outcomes.map((o) => {
    const c = o.control;
    const exemption = o.status === 'FAIL' && c.exemptionHint ? ` If ${c.exemptionHint}, only a platform exemption clears it (the annotation shows the entry to request).` : '';
    return `${c.id}: ${constants(c).fix}${exemption}`;
  });
  const all = `${head} Fix: ${fixes.join(' | ')}`;
  if (all.length <= max) return all;
  let out = head;
  let sep = ' Fix: ';
  for (const fix of fixes) {
    const room = max - MORE_FIXES.length - out.length - sep.length;
    if (fix.length <= room) {
      out += sep + fix;
    } else {
      if (room >= MIN_FIX_PIECE) out += sep + clipKeepingIds(fix, room);
      break;
    }
    sep = ' | ';
  }
  return out.length + MORE_FIXES.length <= max ? out + MORE_FIXES : out;
}

export function evaluationResponse(token: string, ev: Evaluation, options: ResponseOptions = {}): HookProgressEvent {
  const { target, outcomes } = ev;
  const subject = `${target.logicalId || '(resource)'} (${target.resourceType})`;
  const failing = outcomes.filter((o) => (o.status === 'FAIL' || o.status === 'UNKNOWN') && !o.warnOnly);
  const warnings = outcomes.filter((o) => (o.status === 'FAIL' || o.status === 'UNKNOWN') && o.warnOnly);
  const annotations = outcomes.map((o) => annotationFor(o, target, options));

  if (failing.length > 0) {
    const ids = failing.map((o) => o.control.id).join(', ');
    let message = `[${ids}] ${subject} is not compliant: ${summarise(failing)}.`;
    if (warnings.length > 0) message += ` Warnings: ${warnings.map((o) => o.control.id).join(', ')}.`;
    return new HookProgressEvent({
      hookStatus: HookStatus.Failed,
      errorCode: ErrorCode.NonCompliant,
      message: withFixes(message, failing),
      clientRequestToken: token,
      annotations,
    });
  }
  let message: string;
  if (warnings.length > 0) {
    const text = `[WARN ${warnings.map((o) => o.control.id).join(', ')}] ${subject} is allowed, with warnings from warn-only controls: ${summarise(warnings)}.`;
    return new HookProgressEvent({ hookStatus: HookStatus.Success, message: withFixes(text, warnings), clientRequestToken: token, annotations });
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
  return new HookProgressEvent({ hookStatus: HookStatus.Success, message: clip(redactSecrets(message), LIMITS.message), clientRequestToken: token });
}
