/**
 * iam:PassRole on every role, "narrowed" to a service by iam:PassedToService, is still every role for that
 * service: when the same principal may also hand that service a role — create or reconfigure a function, an
 * instance, a stack, a build project, a schedule — it can run code (or arbitrary AWS calls) as any role the
 * service may assume, administrator roles included (the PassExistingRoleToNew… escalations). This module
 * names those services and actions and finds the combination in one principal's statements.
 */
import { judgeOperator, statementNarrowing } from './conditions';
import { globMatch } from './glob';
import { allows, jointBreadth, onBroadResources, PASSROLE_NARROWING_KEYS } from './iam';
import { conditionValues, grantsAction, type Statement } from './policy';

export interface RunAsService {
  /** The service principal iam:PassedToService names. */
  readonly service: string;
  /** Actions that give the service a role to run as (as AWS spells them; matched without regard to case). */
  readonly actions: readonly string[];
}

/**
 * Services that run code or make arbitrary AWS calls as a role passed to them, with the actions that hand them
 * one. Each entry is a documented privilege-escalation path (a new or reconfigured resource running as the
 * passed role). The list is deliberately of run-as services only: passing a role to a service that merely
 * writes logs or reads a bucket with it is not an escalation.
 *
 * A service is keyed by the value `iam:PassedToService` takes. Where AWS documents the role that runs the code
 * under one principal but the service's own managed policies pass roles under another (App Runner's instance
 * role trusts tasks.apprunner.amazonaws.com, AWSAppRunnerFullAccess passes to apprunner.amazonaws.com), or
 * does not document which value it evaluates (Batch, Data Pipeline, Elastic Beanstalk hand the instance or job
 * role on to EC2 and ECS), the action is listed under each candidate: a PassRole narrowed to either is caught.
 */
export const RUN_AS_SERVICES: readonly RunAsService[] = [
  { service: 'lambda.amazonaws.com', actions: ['lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'] },
  // the instance profile's role: instances, launch configurations and groups, fleets, EMR clusters
  // (JobFlowRole, passed as ec2.amazonaws.com per AmazonEMRFullAccessPolicy_v2), Beanstalk environments
  // (IamInstanceProfile option), Batch compute environments (instanceRole), Data Pipeline resources (resourceRole)
  {
    service: 'ec2.amazonaws.com',
    actions: [
      'ec2:RunInstances',
      'ec2:RequestSpotInstances',
      'ec2:AssociateIamInstanceProfile',
      'ec2:ReplaceIamInstanceProfileAssociation',
      'ec2:CreateFleet',
      'ec2:RequestSpotFleet',
      'autoscaling:CreateLaunchConfiguration',
      'autoscaling:CreateAutoScalingGroup',
      'autoscaling:UpdateAutoScalingGroup',
      'elasticmapreduce:RunJobFlow',
      'elasticbeanstalk:CreateEnvironment',
      'elasticbeanstalk:UpdateEnvironment',
      'batch:CreateComputeEnvironment',
      'batch:UpdateComputeEnvironment',
      'datapipeline:PutPipelineDefinition',
    ],
  },
  { service: 'cloudformation.amazonaws.com', actions: ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:CreateChangeSet', 'cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet'] },
  // StartBuild and StartBuildBatch accept serviceRoleOverride
  { service: 'codebuild.amazonaws.com', actions: ['codebuild:CreateProject', 'codebuild:UpdateProject', 'codebuild:StartBuild', 'codebuild:StartBuildBatch'] },
  { service: 'codepipeline.amazonaws.com', actions: ['codepipeline:CreatePipeline', 'codepipeline:UpdatePipeline'] },
  // task roles; a Batch job definition's jobRoleArn is an ECS task role
  { service: 'ecs-tasks.amazonaws.com', actions: ['ecs:RegisterTaskDefinition', 'ecs:RunTask', 'ecs:StartTask', 'batch:RegisterJobDefinition'] },
  { service: 'glue.amazonaws.com', actions: ['glue:CreateDevEndpoint', 'glue:UpdateDevEndpoint', 'glue:CreateJob', 'glue:UpdateJob', 'glue:CreateSession'] },
  { service: 'states.amazonaws.com', actions: ['states:CreateStateMachine', 'states:UpdateStateMachine'] },
  // execution roles of notebooks, jobs, model containers, pipelines and Studio domains and user profiles
  {
    service: 'sagemaker.amazonaws.com',
    actions: [
      'sagemaker:CreateNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:CreateTrainingJob',
      'sagemaker:CreateProcessingJob',
      'sagemaker:CreateHyperParameterTuningJob',
      'sagemaker:CreateModel',
      'sagemaker:CreatePipeline',
      'sagemaker:UpdatePipeline',
      'sagemaker:CreateDomain',
      'sagemaker:UpdateDomain',
      'sagemaker:CreateUserProfile',
      'sagemaker:UpdateUserProfile',
    ],
  },
  // EventBridge Scheduler's universal targets call any AWS API as the schedule's role
  { service: 'scheduler.amazonaws.com', actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule'] },
  { service: 'events.amazonaws.com', actions: ['events:PutTargets'] },
  // Automation documents call any AWS API as their AutomationAssumeRole (executions, State Manager associations,
  // change requests); maintenance window tasks run as the window's service role
  {
    service: 'ssm.amazonaws.com',
    actions: [
      'ssm:StartAutomationExecution',
      'ssm:CreateAssociation',
      'ssm:CreateAssociationBatch',
      'ssm:UpdateAssociation',
      'ssm:RegisterTaskWithMaintenanceWindow',
      'ssm:UpdateMaintenanceWindowTask',
      'ssm:StartChangeRequestExecution',
    ],
  },
  // App Runner: the instance role the service's code calls AWS with (InstanceConfiguration.InstanceRoleArn)
  { service: 'apprunner.amazonaws.com', actions: ['apprunner:CreateService', 'apprunner:UpdateService'] },
  { service: 'tasks.apprunner.amazonaws.com', actions: ['apprunner:CreateService', 'apprunner:UpdateService'] },
  // EMR Serverless: a job run's executionRoleArn runs the submitted Spark or Hive code
  { service: 'emr-serverless.amazonaws.com', actions: ['emr-serverless:StartJobRun'] },
  // MWAA: DAGs, plugins and the startup script run as the environment's execution role (trusted by both)
  { service: 'airflow.amazonaws.com', actions: ['airflow:CreateEnvironment', 'airflow:UpdateEnvironment'] },
  { service: 'airflow-env.amazonaws.com', actions: ['airflow:CreateEnvironment', 'airflow:UpdateEnvironment'] },
  // AppSync: an HTTP data source signed with the service role calls any AWS API
  { service: 'appsync.amazonaws.com', actions: ['appsync:CreateDataSource', 'appsync:UpdateDataSource'] },
  // API Gateway: an AWS integration's Credentials role makes the call the integration names (any action)
  { service: 'apigateway.amazonaws.com', actions: ['apigateway:PUT', 'apigateway:PATCH', 'apigateway:POST'] },
  // the services that hand an instance or job role on (see ec2 and ecs-tasks above), under their own principal
  { service: 'batch.amazonaws.com', actions: ['batch:RegisterJobDefinition', 'batch:CreateComputeEnvironment', 'batch:UpdateComputeEnvironment'] },
  { service: 'elasticbeanstalk.amazonaws.com', actions: ['elasticbeanstalk:CreateEnvironment', 'elasticbeanstalk:UpdateEnvironment'] },
  { service: 'datapipeline.amazonaws.com', actions: ['datapipeline:PutPipelineDefinition'] },
];

/** PassRole narrowing other than by service: the role itself (its ARN, tags, account). */
const ROLE_NARROWING_KEYS = PASSROLE_NARROWING_KEYS.filter((k) => k !== 'iam:passedtoservice');

export interface PassRoleRunAs {
  /** The run-as service the PassRole statement's iam:PassedToService admits. */
  service: string;
  /** The action that hands the service a role, as the table spells it. */
  action: string;
  /** The statement that grants it. */
  runAs: Statement;
}

/**
 * For a PassRole statement on every role whose only narrowing is iam:PassedToService: the run-as services it
 * admits for which some statement of the same principal (`statements`) grants a hand-over action. Empty when
 * the statement does not pass roles broadly, is narrowed by the role (ARN, tags), or is not narrowed by
 * service at all (CICD.IAM.5 judges that case).
 */
export function passRoleRunAs(st: Statement, statements: readonly Statement[]): PassRoleRunAs[] {
  if (!allows(st) || !grantsAction(st, 'iam:passrole')) return [];
  // every role: by one pattern, the patterns together, or with the statements granting it under the same condition
  if (!onBroadResources(st) && !jointBreadth(st, statements, 'iam:passrole', PASSROLE_NARROWING_KEYS)) return [];
  if (statementNarrowing(st, ROLE_NARROWING_KEYS) !== 'none') return [];
  if (statementNarrowing(st, ['iam:passedtoservice']) !== 'narrows') return [];
  const admitted = conditionValues(st, 'iam:passedtoservice')
    .filter((v) => judgeOperator(v.operator).positive)
    .map((v) => v.value.trim().toLowerCase());
  const out: PassRoleRunAs[] = [];
  for (const svc of RUN_AS_SERVICES) {
    if (!admitted.some((pattern) => globMatch(pattern, svc.service))) continue;
    for (const action of svc.actions) {
      const runAs = statements.find((r) => allows(r) && grantsAction(r, action.toLowerCase()));
      if (runAs) {
        out.push({ service: svc.service, action, runAs });
        break;
      }
    }
  }
  return out;
}

/** `lambda.amazonaws.com (lambda:CreateFunction), ec2.amazonaws.com (ec2:RunInstances)` for messages. */
export function describeRunAs(hits: readonly PassRoleRunAs[]): string {
  return hits.map((h) => `${h.service} together with ${h.action}`).join(', ');
}
