import { isIntrinsic, isRecord } from '../../predicates/values';
import { definitionChangesAllowed, iamPrefixOfType, judgeSdkCall, sdkIntegrationsIn } from '../../predicates/sdk-calls';
import { defineStackControl, type Finding, type StackControl, type StackResourceView, type StackView } from '../types';
import { readStateMachineDefinition, undecidedSubstitutions } from '../../predicates/state-machine';
import { relatedAt, referrersAt } from './relations';
import { attached } from './iam-attachments';

const FUNCTION = 'AWS::Lambda::Function';
const ROLE = 'AWS::IAM::Role';
const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
const SCHEDULE = 'AWS::Scheduler::Schedule';
const DOCUMENT = 'AWS::SSM::Document';
const ASSOCIATION = 'AWS::SSM::Association';
const CUSTOM = 'AWS::CloudFormation::CustomResource';

/**
 * Services whose changes fail whatever the Scope (CI/CD services, IAM and registry settings); changes of
 * generic services (S3, KMS, Logs, Lambda, ...) fail when the actor is in scope (pipeline-related, or Scope all).
 */
const ALWAYS = new Set(['codebuild', 'codepipeline', 'codestar-connections', 'codeconnections', 'codecommit', 'codedeploy', 'codeartifact', 'cloudtrail', 'iam', 'ecr']);

/** The text of a value the template may build with Fn::Join / Fn::Sub; tokens become a placeholder. Undefined when not text. */
function textOf(v: unknown, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (typeof v === 'string') return v;
  if (isRecord(v) && Object.keys(v).length === 1) {
    const join = v['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map((p) => textOf(p, depth + 1) ?? '\u0000').join(join[0]);
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  }
  if (isIntrinsic(v)) return undefined;
  if (isRecord(v) || Array.isArray(v)) {
    try {
      return JSON.stringify(v);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `{service, action}` of an AwsCustomResource call (JSON text, possibly with tokens in its parameters). */
function sdkCallOf(text: string): { service?: string; action?: string } {
  try {
    const o: unknown = JSON.parse(text);
    if (isRecord(o)) return { service: typeof o.service === 'string' ? o.service : undefined, action: typeof o.action === 'string' ? o.action : undefined };
  } catch {
    // tokens in the parameters: read the two names from the text
  }
  return { service: /"service"\s*:\s*"([^"\u0000]+)"/.exec(text)?.[1], action: /"action"\s*:\s*"([^"\u0000]+)"/.exec(text)?.[1] };
}

interface Judge {
  stack: StackView;
  guarded: ReadonlySet<string>;
  inScope: (logicalId: string) => boolean;
  findings: Finding[];
  accountId: string;
}

function relevant(j: Judge, actor: string, service: string): boolean {
  return ALWAYS.has(service) || j.inScope(actor);
}

/** Judge one SDK call of `actor` found at `path`. */
function judgeCall(j: Judge, actor: StackResourceView, path: string, service: string, action: string, what: string): void {
  const v = judgeSdkCall(service, action, j.guarded);
  if (v.kind === 'none' || !relevant(j, actor.logicalId, v.service)) return;
  if (v.kind === 'unknown') {
    j.stack.unknown(actor.logicalId, path, `${what} calls ${v.iamAction}, which the IAM catalogue does not list: whether it changes resources this hook guards cannot be told`);
    return;
  }
  j.findings.push({ logicalId: actor.logicalId, path, message: `${what} calls ${v.iamAction}: it changes ${v.service} resources outside CloudFormation, after the hook has judged them` });
}

/** The functions behind a provider function: itself and the functions its environment names (CDK Provider framework), transitively. */
function providerFunctions(stack: StackView, first: StackResourceView): StackResourceView[] {
  const out = [first];
  for (let i = 0; i < out.length && out.length < 8; i++) {
    for (const ref of stack.refsAt(out[i].logicalId, 'Environment')) {
      const fn = stack.resource(ref.to);
      if (fn?.type === FUNCTION && !out.some((o) => o.logicalId === fn.logicalId)) out.push(fn);
    }
  }
  return out;
}

/** A Lambda-backed custom resource: what its provider functions' roles may change. */
function judgeProvider(j: Judge, cr: StackResourceView): void {
  const { stack } = j;
  for (const rel of relatedAt(stack, cr, 'ServiceToken', [FUNCTION])) {
    if (rel.kind === 'absent') continue;
    if (rel.kind !== 'resource') {
      if (j.inScope(cr.logicalId)) stack.unknown(cr.logicalId, 'ServiceToken', 'the custom resource provider is not a Lambda function of this stack: what it changes cannot be seen');
      continue;
    }
    const changes = new Set<string>();
    for (const fn of providerFunctions(stack, rel.resource)) {
      for (const r of relatedAt(stack, fn, 'Role', [ROLE], 'RoleName')) {
        if (r.kind === 'absent') continue;
        if (r.kind !== 'resource') {
          if (j.inScope(cr.logicalId)) stack.unknown(cr.logicalId, 'ServiceToken', `the role of provider function ${fn.logicalId} is not defined in this stack: what it may change cannot be seen`);
          continue;
        }
        for (const { source } of attached(stack, r.resource, j.accountId)) {
          for (const st of source.policy.statements) {
            if (st.effect !== 'Allow') continue;
            for (const pattern of st.notAction ? ['*'] : st.actions) {
              for (const a of definitionChangesAllowed(pattern, j.guarded)) if (relevant(j, cr.logicalId, a.service)) changes.add(`${a.service}:${a.name}`);
            }
          }
        }
      }
    }
    if (changes.size > 0) {
      const list = [...changes].sort();
      j.findings.push({
        logicalId: cr.logicalId,
        path: 'ServiceToken',
        message: `the custom resource's provider function ${rel.resource.logicalId} has a role (with the policies attached to it in the stack) that may change resources this hook guards, outside CloudFormation: ${list.slice(0, 6).join(', ')}${list.length > 6 ? `, … (${list.length})` : ''}`,
      });
    }
  }
}

function judgeCustomResource(j: Judge, cr: StackResourceView): void {
  for (const prop of ['Create', 'Update', 'Delete']) {
    const raw = cr.view.get(prop);
    if (raw === undefined) continue;
    const text = textOf(raw);
    const call = text === undefined ? {} : sdkCallOf(text);
    if (call.service === undefined || call.action === undefined) {
      if (j.inScope(cr.logicalId)) j.stack.unknown(cr.logicalId, prop, 'the SDK call of the custom resource cannot be read from the template');
      continue;
    }
    judgeCall(j, cr, prop, call.service, call.action, `the custom resource's ${prop} SDK call`);
  }
  judgeProvider(j, cr);
}

function judgeStateMachine(j: Judge, sm: StackResourceView): void {
  // the definition as Step Functions runs it: DefinitionSubstitutions applied (a ${R} cannot hide a Resource)
  const read = readStateMachineDefinition(sm.view);
  for (const def of read.definitions) {
    for (const call of sdkIntegrationsIn(def.text, 'states')) judgeCall(j, sm, def.prop, call.service, call.action, `a task (aws-sdk:${call.service}:${call.action})`);
    if (!j.inScope(sm.logicalId)) continue;
    for (const task of def.tasks) {
      const subs = task.resource === undefined ? [] : undecidedSubstitutions(task.resource);
      if (subs.length > 0) j.stack.unknown(sm.logicalId, `${task.path}.Resource`, `the task's Resource comes from DefinitionSubstitutions (${subs.join(', ')}) the template does not resolve: which API it calls cannot be told`);
    }
  }
  if (!j.inScope(sm.logicalId)) return;
  for (const u of read.unreadable) {
    // a definition that is text but not JSON was still searched above
    if (read.definitions.some((d) => d.prop === u.path)) continue;
    j.stack.unknown(sm.logicalId, u.path, u.path === 'DefinitionS3Location' ? 'the state machine definition is in S3: its aws-sdk tasks cannot be seen' : 'the state machine definition cannot be read from the template');
  }
}

function judgeSchedule(j: Judge, s: StackResourceView): void {
  const raw = s.view.get('Target.Arn');
  const text = textOf(raw);
  if (text === undefined) return;
  for (const call of sdkIntegrationsIn(text, 'scheduler')) judgeCall(j, s, 'Target.Arn', call.service, call.action, `the universal target aws-sdk:${call.service}:${call.action}`);
}

/** `aws:executeAwsApi` steps of an Automation document: [path, Service, Api]. */
function apiSteps(doc: StackResourceView): Array<[string, unknown, unknown]> | undefined {
  let content: unknown = doc.view.get('Content');
  if (typeof content === 'string') {
    const text: string = content;
    try {
      content = JSON.parse(text);
    } catch {
      // YAML text: read the Service/Api pairs that follow each executeAwsApi step
      if (!/aws:executeAwsApi/i.test(text)) return [];
      const out: Array<[string, unknown, unknown]> = [];
      for (const part of text.split(/aws:executeAwsApi/i).slice(1)) {
        const service = /\bService\s*:\s*['"]?([A-Za-z0-9-]+)/.exec(part)?.[1];
        const api = /\bApi\s*:\s*['"]?([A-Za-z0-9]+)/.exec(part)?.[1];
        out.push(['Content', service, api]);
      }
      return out;
    }
  }
  // a parameter, Fn::If or other intrinsic where the document (or its step list) should be: not readable
  if (isIntrinsic(content)) return undefined;
  if (!isRecord(content)) return [];
  if (content.mainSteps !== undefined && !Array.isArray(content.mainSteps)) return isIntrinsic(content.mainSteps) ? undefined : [];
  const out: Array<[string, unknown, unknown]> = [];
  const steps = (content.mainSteps ?? []) as unknown[];
  steps.forEach((step, i) => {
    // a step the template does not decide may be an aws:executeAwsApi step: its Service and Api are unknown
    if (isIntrinsic(step)) return void out.push([`Content.mainSteps[${i}]`, undefined, undefined]);
    if (!isRecord(step) || typeof step.action !== 'string' || step.action.toLowerCase() !== 'aws:executeawsapi') return;
    const inputs = isRecord(step.inputs) ? step.inputs : {};
    out.push([`Content.mainSteps[${i}].inputs`, inputs.Service, inputs.Api]);
  });
  return out;
}

function judgeDocument(j: Judge, doc: StackResourceView): void {
  const type = doc.view.get('DocumentType');
  if (typeof type === 'string' && type !== 'Automation') return;
  const steps = apiSteps(doc);
  if (steps === undefined) {
    if (j.inScope(doc.logicalId)) j.stack.unknown(doc.logicalId, 'Content', 'the document content cannot be read from the template');
    return;
  }
  const runBy = referrersAt(j.stack, doc, ASSOCIATION, 'Name', 'Name').map((a) => a.logicalId);
  const how = runBy.length > 0 ? `, run by association ${runBy.join(', ')},` : '';
  for (const [path, service, api] of steps) {
    if (typeof service !== 'string' || typeof api !== 'string') {
      if (j.inScope(doc.logicalId)) j.stack.unknown(doc.logicalId, path, 'the aws:executeAwsApi step names its Service or Api with a value the template does not decide');
      continue;
    }
    judgeCall(j, doc, path, service, api, `the Automation step${how} (aws:executeAwsApi ${service} ${api})`);
  }
}

/**
 * CICD.STACK.5. `guardedTypes`: every resource type the catalogue targets (their services are the ones an
 * out-of-band change must not touch).
 */
export function stackOutOfBandChanges(guardedTypes: readonly string[]): StackControl {
  const guarded: ReadonlySet<string> = new Set(guardedTypes.map(iamPrefixOfType).filter((p): p is string => p !== undefined));
  return defineStackControl({
    id: 'CICD.STACK.5',
    slug: 'stack-out-of-band-changes',
    title: 'Nothing in the stack changes the resources this hook guards through the API, outside CloudFormation (custom resources, Step Functions aws-sdk tasks, Scheduler universal targets, SSM Automation executeAwsApi steps)',
    resourceTypes: [CUSTOM, FUNCTION, ROLE, STATE_MACHINE, SCHEDULE, DOCUMENT, ASSOCIATION],
    severity: 'HIGH',
    risks: ['CICD-SEC-1', 'CICD-SEC-5'],
    requirement: 'Insufficient flow control mechanisms (CICD-SEC-1): every change of the CI/CD definition passes the hook.',
    rationale:
      'The hook judges a resource when CloudFormation creates or updates it. Something in the same stack can then change it through the API, where no hook looks: a CDK AwsCustomResource (Custom::AWS) whose SDK call updates the project, a Lambda-backed custom resource whose function role may change it, a Step Functions task arn:aws:states:::aws-sdk:<service>:<action> (read from Definition or DefinitionString after the DefinitionSubstitutions are applied, so a ${Name} placeholder cannot hide it; a Resource taken from a substitution the template does not resolve is UNKNOWN), an EventBridge Scheduler universal target arn:aws:scheduler:::aws-sdk:<service>:<action>, an SSM Automation document with aws:executeAwsApi steps (run by an association). Each SDK call is mapped to its IAM action (any letter case, Command suffix, S3 aliases) and judged with the IAM catalogue: a Write or Permissions-management action on a service the hook guards fails — except data-plane actions that change no resource definition (KMS cryptography, S3 objects, log events, invoking functions, starting builds and executions, pushing images, PassRole) and, for services of which the hook guards a few types, actions on other types. Lambda-backed custom resources are judged on the union of the policies attached in the stack to the roles of their provider function and of the functions it names in its environment (the CDK Provider framework). Changes to CI/CD services, IAM and ECR fail whatever the Scope; changes to generic services (S3, KMS, Logs, Lambda, Secrets Manager, ...) when the actor is pipeline-related (Scope pipeline) or always (Scope all). A provider, role or definition the template does not show is UNKNOWN.',
    remediation:
      'Declare the change in the template (set the property on the resource itself) instead of calling the API from a custom resource, state machine, schedule or Automation document; keep provider roles to read actions, or request an exemption for a reviewed call.',
    cdkHint: 'set the property on the construct instead of an AwsCustomResource onCreate/onUpdate call (AwsCustomResourcePolicy.fromSdkCalls with read actions only)',
    ignoresScope: true,
    checkStack({ stack, inScope, accountId }) {
      const j: Judge = { stack, guarded, inScope, findings: [], accountId };
      for (const r of stack.resources()) {
        if (r.type === CUSTOM || r.type.startsWith('Custom::')) judgeCustomResource(j, r);
        else if (r.type === STATE_MACHINE) judgeStateMachine(j, r);
        else if (r.type === SCHEDULE) judgeSchedule(j, r);
        else if (r.type === DOCUMENT) judgeDocument(j, r);
      }
      return j.findings;
    },
  });
}
