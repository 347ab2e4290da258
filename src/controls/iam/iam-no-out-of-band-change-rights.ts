import { changeRightsOf, describeChangeRights } from '../../predicates/change-rights';
import { allows, evaluateStatements, IDENTITY_POLICY_TYPES, identityPolicies } from '../../predicates/iam';
import type { Statement } from '../../predicates/policy';
import { defineControl, type ResourceView } from '../types';

/**
 * The rules Step Functions creates and manages for its `.sync` integrations (CodeBuild, ECS, Batch, Glue, …):
 * aws-cdk-lib grants the state machine role events:PutTargets/PutRule/DescribeRule on exactly these. A
 * managed rule can only be changed by the service that manages it, so the grant changes no rule of the team's.
 */
const SERVICE_MANAGED_RULE = /^arn:[^:]+:events:[^:]*:[^:]*:rule\/StepFunctionsGetEvents?For[A-Za-z0-9]+Rule$/;

function onlyServiceManagedRules(st: Statement): boolean {
  return !st.notResource && st.resources.length > 0 && st.resources.every((r) => SERVICE_MANAGED_RULE.test(r.trim()));
}

function findings(view: ResourceView, resourceType: string) {
  return evaluateStatements(view, identityPolicies(view, resourceType), (st) => {
    if (!allows(st)) return undefined;
    const hits = changeRightsOf(st).filter((h) => !(h.action.startsWith('events:') && onlyServiceManagedRules(st)));
    if (hits.length === 0) return undefined;
    const res = st.resources.length === 0 ? '(no Resource)' : st.resources.slice(0, 2).join(', ') + (st.resources.length > 2 ? ', …' : '');
    return `grants out-of-band change right${hits.length > 1 ? 's' : ''} ${describeChangeRights(hits)} on ${st.notResource ? 'NotResource ' : ''}${res}: guarded resources can be changed through the API, bypassing this hook`;
  });
}

export const iamNoOutOfBandChangeRights = defineControl({
  id: 'CICD.IAM.20',
  slug: 'iam-no-out-of-band-change-rights',
  title: 'No IAM policy grants the rights to change the guarded CI/CD resources through the API',
  resourceTypes: IDENTITY_POLICY_TYPES,
  severity: 'HIGH',
  risks: ['CICD-SEC-1', 'CICD-SEC-2'],
  requirement: 'The CI/CD resources this hook guards are changed only through CloudFormation, where the hook sees the change.',
  rationale:
    'This hook judges CloudFormation changes only. A role that may call codebuild:UpdateProject, codepipeline:UpdatePipeline, s3:PutBucketPolicy, kms:PutKeyPolicy, logs:DeleteLogGroup, ecr:SetRepositoryPolicy, lambda:UpdateFunctionConfiguration, iam:PutRolePolicy, events:PutTargets, ssm:PutParameter, scheduler:UpdateSchedule, ec2:ModifyInstanceAttribute or the like can change a compliant resource after deployment, out of band, and no control ever sees it — also when the statement names one resource (iam:PutRolePolicy on the deploy role). The actions are taken from the IAM catalogue by access level (Write, Permissions management, Tagging): for the CI/CD services (codebuild, codepipeline, codestar-connections, codeconnections, codeartifact, codecommit, codedeploy, cloudtrail) and iam every such action but operation and use; for the generic services (kms, s3, logs, ecr, secretsmanager, lambda) only their configuration-changing actions; for events, ssm, scheduler, states and ec2 only the actions on the types the hook guards (rules, targets, connections, API destinations and the bus permission; parameters; schedules and schedule groups; state machines, their versions and aliases, not executions; instances and launch templates, including RunInstances); for codestar-notifications, ram and s3express every change action but accepting or rejecting a share invitation and the directory-bucket data session (CreateSession). Not change rights: running builds and pipelines, writing objects, log events and images, key use (Encrypt/Decrypt), iam:PassRole (CICD.IAM.5 judges it) and iam:CreateServiceLinkedRole, events:PutEvents, ssm:GetParameter, EC2 network interfaces (CodeBuild in a VPC), starting, stopping and terminating instances. Every service of a type the hook targets is decided: cloudformation is not in the table (changes through CloudFormation are what the hook judges; hook management is CICD.IAM.19) neither is ecs (a task definition revision is immutable and registering one and ecs:UpdateService are what an ECS deployment is) nor s3-object-lambda (its actions are object reads and writes; the policy of an Object Lambda access point is changed with s3 actions). The table with one reason per service is CHANGE_RIGHT_SERVICES in src/predicates/change-rights.ts (shared with CICD.IAM.21, which judges resource policies), the services left out with theirs NOT_CHANGE_RIGHT_SERVICES. Patterns are judged by what they match (codebuild:*, s3:Put*, iam:?ttach*, *:PutRule, ?, NotAction); attached AWS managed policies are judged by content.',
  remediation:
    'Remove the change actions from the statement and list what the role needs to run (codebuild:StartBuild, s3:PutObject, kms:Decrypt, logs:PutLogEvents, ssm:GetParameter, iam:PassRole with iam:PassedToService, …); make configuration changes, including to roles and policies, through the CloudFormation stack instead.',
  cdkHint: "new iam.PolicyStatement({ actions: ['codebuild:StartBuild', 's3:PutObject'] }) or bucket.grantReadWrite(role) instead of actions: ['codebuild:*', 's3:*']",
  check({ resource, resourceType }) {
    return findings(resource, resourceType);
  },
});
