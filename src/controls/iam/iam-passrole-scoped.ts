import {
  allows,
  breadthNote,
  evaluateStatements,
  hasNarrowingCondition,
  IDENTITY_POLICY_TYPES,
  identityPolicies,
  jointBreadth,
  jointNote,
  PASSROLE_NARROWING_KEYS,
  resourceBreadth,
  statementLabel,
} from '../../predicates/iam';
import { describeRunAs, passRoleRunAs } from '../../predicates/pass-role';
import { grantsAction, type Statement } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

function findings(view: ResourceView, resourceType: string) {
  const sources = identityPolicies(view, resourceType);
  const statements = sources.flatMap((s) => s.policy.statements);
  const labels = new Map<Statement, string>(sources.flatMap((src) => src.policy.statements.map((st) => [st, statementLabel(src, st)] as const)));
  return evaluateStatements(view, sources, (st) => {
    if (!allows(st) || !grantsAction(st, 'iam:passrole')) return undefined;
    // every role: one pattern, the patterns together, or a grant split over statements with the same condition
    const own = resourceBreadth(st);
    const joint = own ? undefined : jointBreadth(st, statements, 'iam:passrole', PASSROLE_NARROWING_KEYS);
    if (!own && !joint) return undefined;
    const note = joint ? jointNote(joint, (s) => labels.get(s) ?? `Statement[${s.index}]`) : breadthNote(own);
    if (!hasNarrowingCondition(st, PASSROLE_NARROWING_KEYS)) return `grants iam:PassRole on every role${note} without an iam:PassedToService condition`;
    const runAs = passRoleRunAs(st, statements);
    if (runAs.length === 0) return undefined;
    return `grants iam:PassRole on every role${note} to ${describeRunAs(runAs)}${runAs.some((h) => h.runAs !== st) ? ' (in this resource\'s policies)' : ''}: the holder can run code as any role that service may assume, administrator roles included`;
  });
}

export const iamPassroleScoped = defineControl({
  id: 'CICD.IAM.5',
  slug: 'iam-passrole-scoped',
  title: 'iam:PassRole is granted only for named roles, or with an iam:PassedToService condition to a service the principal cannot run code in',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-2', 'CICD-SEC-5'],
  requirement: 'Least-privilege pipeline roles: a pipeline passes only the roles it deploys with.',
  rationale:
    'iam:PassRole on * lets the holder hand any role of the account (including administrator roles) to a service it controls, such as a Lambda function, a CodeBuild project or a CloudFormation stack, and act with that role. A resource of *, NotResource, or any ARN pattern that matches every role of an account or of every account (arn:aws:iam::111111111111:role/*, arn:aws:iam::*:role*, arn:*:iam::*:*, arn:aws:iam::*:r?le/*) counts as every role unless a condition on iam:PassedToService, iam:AssociatedResourceArn or the role\'s tags narrows it. Resources are judged as a set, as actions are: patterns that together match every role are every role — one per first character a role name starts with (arn:aws:iam::111111111111:role/A* … role/z*, role/0* … role/9*), judged against a corpus of role names built from IAM\'s naming rules (every first letter and digit, CDK, CloudFormation and AWS service role names, paths, 64-character names: src/predicates/resource-corpus.ts) — and so is a grant split over several statements of the resource\'s policies whose resources add up to every role (statements under the same condition or under one that does not narrow it); one pattern fewer (no role whose name starts with Z) is not every role. Action names match without regard to case (IAM:PassRole) and wildcards that cover PassRole (iam:Pass*, iam:*) count. An iam:PassedToService condition narrows the service, not the role: when the same resource\'s policies (inline, attached AWS managed) also let the holder hand that service a role to run as — lambda:CreateFunction or UpdateFunctionConfiguration for lambda.amazonaws.com, ec2:RunInstances, cloudformation:CreateStack, codebuild:CreateProject or StartBuild (serviceRoleOverride), ecs:RegisterTaskDefinition, scheduler:CreateSchedule, ssm:StartAutomationExecution or RegisterTaskWithMaintenanceWindow, apprunner:CreateService, emr-serverless:StartJobRun, elasticmapreduce:RunJobFlow and autoscaling:CreateAutoScalingGroup (the instance role, ec2.amazonaws.com), sagemaker:CreateModel, batch:RegisterJobDefinition, appsync:CreateDataSource, apigateway:PUT (integration credentials), airflow:CreateEnvironment and the other run-as services of RUN_AS_SERVICES in src/predicates/pass-role.ts — the pair is the PassExistingRoleToNew… escalation and fails too. (CICD.STACK.4 judges the same pair across every policy attached to one role, user or group in the stack.)',
  remediation:
    'Set Resource to the ARNs of the roles the step passes (e.g. arn:aws:iam::111111111111:role/app-lambda-execution) and add "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}.',
  cdkHint: 'role.grantPassRole(principal) emits exactly that',
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
