/**
 * What a developer reads to fix a finding, from the control's metadata only: the remediation with its CDK
 * hint, and — for controls whose findings a platform exemption is the right way to clear — the Exemptions
 * entry to request for the failing resource. One wording for the hook's annotations and message and for
 * the CLI's reports. Built from the control, the stack name and the logical ID only: never from property
 * values, so no secret can reach it.
 */
import type { ControlMeta } from '../controls/types';
import type { Exemption } from '../model';
import { redactSecrets } from '../predicates/secret';

/** The schema default of MaximumExemptionDays (used when the caller has no configuration at hand). */
export const DEFAULT_MAXIMUM_EXEMPTION_DAYS = 365;

/** `(CDK: <hint>)`, or '' when the control has no CDK hint. */
export function cdkHintText(c: Pick<ControlMeta, 'cdkHint'>): string {
  return c.cdkHint ? `(CDK: ${c.cdkHint})` : '';
}

/** The remediation followed by the CDK hint: `Set X to Y. (CDK: y: true)`. */
export function fixText(c: Pick<ControlMeta, 'remediation' | 'cdkHint'>): string {
  const hint = cdkHintText(c);
  return hint ? `${c.remediation} ${hint}` : c.remediation;
}

export interface ExemptionSubject {
  /** The stack's name as the hook sees it (from the request's stack ID); a placeholder when unknown. */
  stackName?: string;
  logicalId: string;
}

/** An identifier from the request, as it goes into the template: redacted, never empty. */
function name(value: string | undefined, placeholder: string): string {
  return value === undefined || value.trim() === '' ? placeholder : redactSecrets(value);
}

/**
 * The Exemptions entry a developer asks the platform team for: ControlId, StackName and LogicalId filled,
 * Reason and ExpiresOn as placeholders (ExpiresOn at most `maximumExemptionDays` ahead, as the
 * configuration enforces).
 */
export function exemptionEntry(c: Pick<ControlMeta, 'id'>, subject: ExemptionSubject, maximumExemptionDays = DEFAULT_MAXIMUM_EXEMPTION_DAYS): Exemption {
  return {
    ControlId: c.id,
    StackName: name(subject.stackName, '<stack name>'),
    LogicalId: name(subject.logicalId, '<logical ID>'),
    Reason: '<why>',
    ExpiresOn: `<YYYY-MM-DD, at most ${maximumExemptionDays} days ahead>`,
  };
}

/** The entry as one line of JSON. */
export function exemptionJson(c: Pick<ControlMeta, 'id'>, subject: ExemptionSubject, maximumExemptionDays?: number): string {
  return JSON.stringify(exemptionEntry(c, subject, maximumExemptionDays));
}

/**
 * For a control with an exemptionHint: when an exemption is the right way, and the entry to request
 * (`Exemptions` of the hook type configuration); undefined for every other control.
 */
export function exemptionAdvice(c: Pick<ControlMeta, 'id' | 'exemptionHint'>, subject: ExemptionSubject, maximumExemptionDays?: number): string | undefined {
  if (!c.exemptionHint) return undefined;
  return `If ${c.exemptionHint}, only a platform exemption clears this finding: ask the platform team to add this entry to Exemptions in the hook type configuration: ${exemptionJson(c, subject, maximumExemptionDays)}`;
}
