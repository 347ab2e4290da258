import { allows, fullServiceGrants, grantedEscalations, jointBreadth, onBroadResources } from '../../predicates/iam';
import { grantsAllActions, type Statement } from '../../predicates/policy';
import { unionEverywhere } from '../../predicates/identity-grants';
import { defineStackControl, type Finding, type StackResourceView, type StackView } from '../types';
import { relatedAt } from './relations';
import { passRoleRunAs } from '../../predicates/pass-role';
import { attachmentsOf, type Attachments, GROUP, PRINCIPAL_KINDS, ROLE, USER, type AttachedPolicy } from './iam-attachments';

export { attached } from './iam-attachments';

const PROJECT = 'AWS::CodeBuild::Project';
const PIPELINE = 'AWS::CodePipeline::Pipeline';

interface Use {
  role: StackResourceView;
  by: string;
}

/** The roles of CodeBuild projects (ServiceRole) and pipelines (RoleArn, every action's RoleArn) defined in the stack. */
function rolesInUse(stack: StackView): Use[] {
  const out: Use[] = [];
  const add = (from: StackResourceView, path: string, label: string): void => {
    for (const rel of relatedAt(stack, from, path, [ROLE], 'RoleName')) {
      if (rel.kind === 'unresolved') stack.unknown(from.logicalId, path, 'the role is decided only at deployment: the policies attached to it cannot be seen');
      if (rel.kind === 'resource') out.push({ role: rel.resource, by: `${label} of ${from.logicalId}` });
    }
  };
  for (const p of stack.resources(PROJECT)) add(p, 'ServiceRole', 'ServiceRole');
  for (const p of stack.resources(PIPELINE)) {
    add(p, 'RoleArn', 'RoleArn');
    for (const stage of p.view.items('Stages')) {
      for (const action of stage.view.items('Actions')) {
        if (action.view.has('RoleArn')) add(p, action.view.pathOf('RoleArn'), action.view.pathOf('RoleArn'));
      }
    }
  }
  return out;
}

/** What the union of a principal's statements grants: admin, full services, escalation actions, run-as pairs. */
interface Verdict {
  admin: boolean;
  services: string[];
  escalations: Set<string>;
  runAs: Set<string>;
}

function verdictOf(statements: readonly Statement[]): Verdict {
  const union = unionEverywhere(statements);
  const admin = union.actions.length > 0 && grantsAllActions(union);
  const services = !admin && union.actions.length > 0 ? fullServiceGrants(union).services : [];
  const escalations = new Set<string>();
  const unconditional = statements.filter((st) => allows(st) && (st.condition === undefined || Object.keys(st.condition).length === 0));
  for (const st of unconditional) {
    // broad alone, or with the other unconditional statements granting the action (their resources add up to every role, key, …)
    const broad = onBroadResources(st);
    for (const e of grantedEscalations(st)) if (broad || jointBreadth(st, unconditional, e.action.toLowerCase())) escalations.add(e.action);
  }
  // PassRole on every role to a run-as service in one policy, the hand-over action (CreateFunction, …) in another
  const runAs = new Set<string>();
  for (const st of statements) for (const h of passRoleRunAs(st, statements)) runAs.add(`${h.service} together with ${h.action}`);
  return { admin, services, escalations, runAs };
}

function listed(items: Iterable<string>): string {
  const list = [...items].sort();
  return `${list.slice(0, 8).join(', ')}${list.length > 8 ? `, … (${list.length})` : ''}`;
}

/** What `wider` grants that `base` does not, in words (empty when nothing). */
function widening(base: Verdict, wider: Verdict): string[] {
  const out: string[] = [];
  if (wider.admin && !base.admin) out.push('every action on every resource');
  const services = wider.services.filter((s) => !base.services.includes(s));
  if (services.length > 0) out.push(`every action of ${services.join(', ')}`);
  const runAs = [...wider.runAs].filter((r) => !base.runAs.has(r));
  if (runAs.length > 0) out.push(`iam:PassRole on every role to ${runAs.sort().join(', ')}`);
  const escalations = [...wider.escalations].filter((e) => !base.escalations.has(e));
  if (escalations.length > 0) out.push(`privilege escalation on broad resources (${listed(escalations)})`);
  return out;
}

/** One principal of the stack judged with every policy attached to it (a user: and to its groups). */
function judge(stack: StackView, index: Attachments, principal: StackResourceView, by?: string): Finding[] {
  const noun = PRINCIPAL_KINDS[principal.type].noun;
  const sources: AttachedPolicy[] = index.attachedTo(principal);
  const groups = principal.type === USER ? index.groupsOf(principal) : [];
  for (const g of groups) sources.push(...index.attachedTo(g));
  const from = [...new Set(sources.map((s) => s.from))];
  const statements = sources.flatMap((s) => s.source.policy.statements);
  const verdict = verdictOf(statements);
  const role = by === undefined ? `the ${noun}` : `the ${noun} (${by})`;
  const withGroups = groups.length > 0 ? ` and to its groups (${groups.map((g) => g.logicalId).join(', ')})` : '';
  const subject = `${role}, with every policy attached to it${withGroups} in the stack (${from.join(', ') || 'none'}),`;
  const findings: Finding[] = [];
  const at = (message: string): void => {
    findings.push({ logicalId: principal.logicalId, path: '', message: `${subject} ${message}` });
  };
  if (verdict.admin) at('allows every action on every resource: administrator access');
  else if (verdict.services.length > 0) at(`allows every action of ${verdict.services.join(', ')} on every resource`);
  if (verdict.runAs.size > 0) at(`allows iam:PassRole on every role to ${[...verdict.runAs].sort().join(', ')}: it can run code as any role that service may assume`);
  if (verdict.escalations.size > 0) at(`allows privilege-escalation actions on broad resources: ${listed(verdict.escalations)}`);
  // policies (or groups) the template may attach: UNKNOWN where they would widen the verdict
  const known = new Set(from);
  for (const g of groups) known.add(g.logicalId);
  const count = index.possibleCount(principal, known);
  if (count > MAX_POSSIBLE) {
    // judging each one against the principal's union costs a union per attachment: past a bound, say so once
    stack.unknown(principal.logicalId, '', `${count} policies or groups may attach to ${noun} ${principal.logicalId} (the template does not decide which: a parameter or an unresolved reference names their principal), too many to judge one by one against its policies in the stack`);
    return findings;
  }
  for (const p of index.possibleFor(principal, known)) {
    const wider = widening(verdict, verdictOf([...statements, ...p.sources.flatMap((s) => s.source.policy.statements)]));
    if (wider.length === 0) continue;
    const question = p.group ? `${noun} ${principal.logicalId} is in group ${p.from}` : `${p.from === p.logicalId ? 'this policy' : p.from} attaches to ${noun} ${principal.logicalId}`;
    stack.unknown(p.logicalId, p.path, `whether ${question} is decided only at deployment: with it, ${principal.logicalId}'s policies in the stack would allow ${wider.join('; ')}`);
  }
  return findings;
}

/** Undecided attachments judged one by one per principal; more are one UNKNOWN (each costs a union of statements). */
const MAX_POSSIBLE = 16;

export const stackRolePolicyUnion = defineStackControl({
  id: 'CICD.STACK.4',
  slug: 'stack-role-policy-union',
  title: 'Every IAM role, user and group of the stack, judged with every policy attached to it in the stack, grants no admin, full-service or escalation access',
  resourceTypes: [ROLE, USER, GROUP, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy', 'AWS::IAM::UserToGroupAddition', PROJECT, PIPELINE],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline, build or deploy identity never holds administrator access.',
  rationale:
    'Resource-level IAM controls judge one policy document at a time, so permissions split across an inline policy, an AWS::IAM::Policy, a ManagedPolicy and a RolePolicy that attach to the same role each pass while together they grant administrator or full-service access. At stack level every AWS::IAM::Role, User and Group of the stack is judged with every policy attached to it in the stack — the roles a CodeBuild project (ServiceRole) and a pipeline (RoleArn, every action\'s RoleArn) use are named as such, and a Lambda, deploy (GitHub OIDC) or any other role is judged alike; a user with the policies of its groups too (User.Groups, AWS::IAM::UserToGroupAddition). A policy attaches by reference (Ref, Fn::GetAtt, ${…}) or by name: Policy/ManagedPolicy Roles, Users and Groups, RolePolicy RoleName, UserPolicy UserName and GroupPolicy GroupName entries, and ManagedPolicyArns entries (an ARN of the account the change is made in, written literally or with Fn::Sub ${AWS::AccountId}/${AWS::Partition}, any path), are matched without regard to case to the literal name of the stack\'s role, user, group or managed policy, or to the name CloudFormation generates for one without a name (<stack>-<LogicalId>-<SUFFIX>). The union of their unconditional Allow statements on every resource is judged with the same catalogue predicates: all actions (admin), every action of a service, and privilege-escalation actions on broad resources (one broad pattern, patterns that together match every resource of a kind, or resources of several unconditional statements that add up to every role, key, function … : src/predicates/resource-corpus.ts); and iam:PassRole on every role to a run-as service (iam:PassedToService lambda.amazonaws.com, …) in one policy with the action that hands that service a role (lambda:CreateFunction, …) in another (src/predicates/pass-role.ts). A pipeline or project role the template does not decide is UNKNOWN, and so is an attachment the template does not decide (a parameter in Roles, a ManagedPolicyArns entry, a group membership) when, attached, it would widen a principal\'s grants to one of these.',
  remediation:
    'Scope the statements of every policy attached to the role, user or group to the actions and resource ARNs it needs (CDK: grant methods such as bucket.grantRead(project) instead of broad PolicyStatements added to the role).',
  checkStack({ stack, accountId }) {
    const index = attachmentsOf(stack, accountId);
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const use of rolesInUse(stack)) {
      if (seen.has(use.role.logicalId)) continue;
      seen.add(use.role.logicalId);
      findings.push(...judge(stack, index, use.role, use.by));
    }
    for (const type of [ROLE, GROUP, USER]) {
      for (const principal of stack.resources(type)) {
        if (seen.has(principal.logicalId)) continue;
        seen.add(principal.logicalId);
        findings.push(...judge(stack, index, principal));
      }
    }
    return findings;
  },
});
