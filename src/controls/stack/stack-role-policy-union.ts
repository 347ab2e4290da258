import { allows, grantedEscalations, identityPolicies, type PolicySource } from '../../predicates/iam';
import { fullServiceGrants } from '../../predicates/iam';
import { grantsAllActions } from '../../predicates/policy';
import { unionEverywhere } from '../../predicates/identity-grants';
import { jointBreadth, onBroadResources } from '../../predicates/iam';
import { defineStackControl, type Finding, type StackResourceView, type StackView } from '../types';
import { relatedAt } from './relations';
import { passRoleRunAs } from '../../predicates/pass-role';

const ROLE = 'AWS::IAM::Role';
const PROJECT = 'AWS::CodeBuild::Project';
const PIPELINE = 'AWS::CodePipeline::Pipeline';
/** Policy resources that attach to roles, and the property naming the roles. */
const ATTACHING: ReadonlyArray<readonly [string, string]> = [
  ['AWS::IAM::Policy', 'Roles'],
  ['AWS::IAM::ManagedPolicy', 'Roles'],
  ['AWS::IAM::RolePolicy', 'RoleName'],
];

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

/** Every identity policy attached to the role in the stack, with the logical ID that carries it. */
export function attached(stack: StackView, role: StackResourceView): Array<{ from: string; source: PolicySource }> {
  const out: Array<{ from: string; source: PolicySource }> = identityPolicies(role.view, ROLE).map((source) => ({ from: role.logicalId, source }));
  for (const [type, prop] of ATTACHING) {
    for (const ref of stack.referencedBy(role.logicalId, type)) {
      if (!(ref.path === prop || ref.path.startsWith(`${prop}[`))) continue;
      const policy = stack.resource(ref.from);
      if (policy) for (const source of identityPolicies(policy.view, type)) out.push({ from: policy.logicalId, source });
    }
  }
  // customer-managed policies of the stack listed in the role's ManagedPolicyArns
  for (const ref of stack.refsAt(role.logicalId, 'ManagedPolicyArns')) {
    const policy = stack.resource(ref.to);
    if (policy?.type === 'AWS::IAM::ManagedPolicy' && !out.some((o) => o.from === policy.logicalId)) {
      for (const source of identityPolicies(policy.view, policy.type)) out.push({ from: policy.logicalId, source });
    }
  }
  return out;
}

function judge(stack: StackView, use: Use): Finding[] {
  const sources = attached(stack, use.role);
  const from = [...new Set(sources.map((s) => s.from))];
  const statements = sources.flatMap((s) => s.source.policy.statements);
  const union = unionEverywhere(statements);
  const subject = `the role (${use.by}), with every policy attached to it in the stack (${from.join(', ') || 'none'}),`;
  const findings: Finding[] = [];
  if (union.actions.length > 0 && grantsAllActions(union)) {
    findings.push({ logicalId: use.role.logicalId, path: '', message: `${subject} allows every action on every resource: administrator access` });
  } else if (union.actions.length > 0) {
    const services = fullServiceGrants(union).services;
    if (services.length > 0) findings.push({ logicalId: use.role.logicalId, path: '', message: `${subject} allows every action of ${services.join(', ')} on every resource` });
  }
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
  if (runAs.size > 0) {
    findings.push({ logicalId: use.role.logicalId, path: '', message: `${subject} allows iam:PassRole on every role to ${[...runAs].sort().join(', ')}: it can run code as any role that service may assume` });
  }
  if (escalations.size > 0) {
    const list = [...escalations].sort();
    findings.push({ logicalId: use.role.logicalId, path: '', message: `${subject} allows privilege-escalation actions on broad resources: ${list.slice(0, 8).join(', ')}${list.length > 8 ? `, … (${list.length})` : ''}` });
  }
  return findings;
}

export const stackRolePolicyUnion = defineStackControl({
  id: 'CICD.STACK.4',
  slug: 'stack-role-policy-union',
  title: 'The roles of CodeBuild projects and pipelines, judged with every policy attached to them in the stack, grant no admin, full-service or escalation access',
  resourceTypes: [ROLE, 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy', PROJECT, PIPELINE],
  severity: 'CRITICAL',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline, build or deploy identity never holds administrator access.',
  rationale:
    'Resource-level IAM controls judge one policy document at a time, so permissions split across an inline policy, an AWS::IAM::Policy, a ManagedPolicy and a RolePolicy that attach to the same role each pass while together they grant administrator or full-service access. At stack level the roles a CodeBuild project (ServiceRole) and a pipeline (RoleArn, every action\'s RoleArn) use are followed through the template, every policy attached to them in the stack is collected, and the union of their unconditional Allow statements on every resource is judged with the same catalogue predicates: all actions (admin), every action of a service, and privilege-escalation actions on broad resources (one broad pattern, patterns that together match every resource of a kind, or resources of several unconditional statements that add up to every role, key, function … : src/predicates/resource-corpus.ts); and iam:PassRole on every role to a run-as service (iam:PassedToService lambda.amazonaws.com, …) in one policy with the action that hands that service a role (lambda:CreateFunction, …) in another (src/predicates/pass-role.ts). A role the template does not decide is UNKNOWN.',
  remediation:
    'Scope the statements of every policy attached to the role to the actions and resource ARNs the build or pipeline needs (CDK: grant methods such as bucket.grantRead(project) instead of broad PolicyStatements added to the role).',
  checkStack({ stack }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const use of rolesInUse(stack)) {
      if (seen.has(use.role.logicalId)) continue;
      seen.add(use.role.logicalId);
      findings.push(...judge(stack, use));
    }
    return findings;
  },
});
