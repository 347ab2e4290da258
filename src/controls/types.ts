/**
 * The contract between the engine and the controls. A control is metadata plus a pure check over a
 * normalised view of the resource; it never sees the wire protocol.
 */

import type { Action, CicdRisk, FactView, Finding, ResourceView, SettingName, Settings, Severity, StackView } from '../model';

export type { Action, CicdRisk, Exemption, FactView, Finding, ListItem, ResourceView, SettingName, Settings, Severity, StackReference, StackResourceView, StackView, UnknownValue } from '../model';

export interface CheckInput {
  resourceType: string;
  logicalId: string;
  action: Action;
  /** Properties the change will create (on DELETE: the properties of the resource being deleted). */
  resource: ResourceView;
  /** On UPDATE the deployed properties; undefined otherwise. */
  previous?: ResourceView;
  settings: Settings;
  accountId: string;
  stackName?: string;
  /** For a control with `nestedTemplate`: the engine's evaluation of the inline template (undefined when absent). */
  nested?: NestedTemplateResult;
  /**
   * Facts about what the properties reference but the request does not define (live lookups). Absent or
   * answering undefined: judge what the template says; the engine reports failed lookups itself.
   */
  facts?: FactView;
}

/** One inline template evaluated by the engine, resource by resource, with the same controls. */
export interface NestedTemplateResult {
  /** The property that holds the template (`TemplateBody`). */
  path: string;
  /** The property is an intrinsic or dynamic reference: its template cannot be read here. */
  unresolved?: boolean;
  /** Why the template cannot be read (never its text). */
  error?: string;
  resources: Array<{
    logicalId: string;
    resourceType: string;
    /** Path of the resource's properties from the outer resource (`TemplateBody.Resources.X.Properties`). */
    prefix: string;
    /** Blocking outcomes only (FAIL and UNKNOWN, not warn-only); paths relative to the nested resource. */
    outcomes: Array<{ controlId: string; status: 'FAIL' | 'UNKNOWN'; findings: Finding[]; unknowns: Array<{ path: string; why: string }> }>;
  }>;
}

export interface ControlMeta {
  /** Stable ID, never reused: CICD.<SERVICE>.<N>. */
  id: string;
  /** Kebab-case name of the control's file. */
  slug: string;
  /** The compliant state, as an assertion. */
  title: string;
  resourceTypes: readonly string[];
  /** Invocation actions the control runs on; CREATE and UPDATE unless stated. */
  actions?: readonly Action[];
  severity: Severity;
  risks: readonly CicdRisk[];
  /** The requirement the control serves (pipeline-security practice, SEC11-BP07, ...). */
  requirement: string;
  rationale: string;
  /** What a developer does to comply, in one or two sentences (CloudFormation terms; the CDK form goes in cdkHint). */
  remediation: string;
  /**
   * The CDK construct property that complies, when it is plain (`environment: { privileged: false }`):
   * shown after the remediation in every output (annotations, hook message, CLI reports, docs).
   */
  cdkHint?: string;
  /**
   * When a platform exemption (not a template change) is the right way to clear a finding of this control,
   * e.g. "the project builds Docker images (CDK Pipelines Docker asset publishing needs privileged mode)".
   * With it, outputs show the Exemptions entry to request for the failing resource.
   */
  exemptionHint?: string;
  /** Type-configuration properties the control reads. */
  parameters?: readonly SettingName[];
  /** A property holding an inline template the engine evaluates resource by resource (handed over as `nested`). */
  nestedTemplate?: string;
  /** `stack`: a stack-level control (STACK and CHANGE_SET targets); resource-level otherwise. */
  scope?: 'resource' | 'stack';
  /**
   * The control judges generic resources whatever the `Scope` setting (it decides relevance itself, e.g.
   * ProtectedResourceNames or what a rule starts). Default: a generic resource that is not
   * pipeline-related is not judged in `pipeline` scope.
   */
  ignoresScope?: boolean;
}

export interface Control extends ControlMeta {
  /** Pure: returns findings (empty = compliant). Must not throw on odd shapes. */
  check(input: CheckInput): Finding[];
}

export const DEFAULT_ACTIONS: readonly Action[] = ['CREATE', 'UPDATE'];

/** Identity function that gives a control its type (and freezes it). */
export function defineControl(control: Control): Control {
  return Object.freeze(control);
}

/** What a stack-level control sees: the whole stack (STACK target, or the template of a CHANGE_SET). */
export interface StackCheckInput {
  stack: StackView;
  /** CREATE for a new stack or a change set, UPDATE for a stack update. */
  action: Action;
  settings: Settings;
  accountId: string;
  stackName?: string;
  /**
   * Whether a resource of the stack is in the configured scope (Scope `all`: always true; `pipeline`:
   * CI/CD types, and generic types that are pipeline-related in this stack). For controls with
   * `ignoresScope` that still weigh it (the engine filters the findings of the others).
   */
  inScope: (logicalId: string) => boolean;
  /**
   * Facts about what the stack references but does not define (live lookups), as for CheckInput; a stack
   * control names the logical ID the lookup is about (`facts.get(request, path, logicalId)`) so that a failed
   * lookup is reported at that resource's property. Absent or answering undefined: judge the template alone.
   */
  facts?: FactView;
}

/**
 * A stack-level control: metadata plus a pure check over the stack. Every finding names the logical ID it
 * is about (disable, warn-only and exemptions by LogicalId glob apply per finding). `resourceTypes` lists
 * the types whose relations it judges (documentation only: the target is the stack).
 */
export interface StackControl extends ControlMeta {
  scope: 'stack';
  checkStack(input: StackCheckInput): Finding[];
}

/** Any control of the catalogue. */
export type AnyControl = Control | StackControl;

export function isStackControl(c: AnyControl): c is StackControl {
  return c.scope === 'stack';
}

export function defineStackControl(control: Omit<StackControl, 'scope'>): StackControl {
  return Object.freeze({ ...control, scope: 'stack' as const });
}
