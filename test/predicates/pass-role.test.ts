import { lookupAction } from '../../src/predicates/iam-catalogue';
import { passRoleRunAs, RUN_AS_SERVICES } from '../../src/predicates/pass-role';
import { parsePolicy } from '../../src/predicates/policy';

const statements = (...sts: unknown[]) => parsePolicy({ Version: '2012-10-17', Statement: sts }).statements;
const passTo = (service: unknown, operator = 'StringEquals', resource: unknown = '*') => ({ Effect: 'Allow', Action: 'iam:PassRole', Resource: resource, Condition: { [operator]: { 'iam:PassedToService': service } } });
const grant = (action: unknown, effect = 'Allow') => ({ Effect: effect, Action: action, Resource: '*' });

describe('the run-as table', () => {
  test.each(RUN_AS_SERVICES.flatMap((s) => s.actions.map((a) => [s.service, a])))('%s: %s is an action of the IAM catalogue', (_service, action) => {
    expect(lookupAction(action)).toBeDefined();
  });
  test('service principals are lower-case and unique', () => {
    const names = RUN_AS_SERVICES.map((s) => s.service);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toBe(n.toLowerCase());
  });
});

describe('passRoleRunAs', () => {
  const run = (...sts: unknown[]) => {
    const all = statements(...sts);
    return passRoleRunAs(all[0], all).map((h) => `${h.service} ${h.action}`);
  };
  test('PassRole on * to Lambda with CreateFunction', () => {
    expect(run(passTo('lambda.amazonaws.com'), grant('lambda:CreateFunction'))).toEqual(['lambda.amazonaws.com lambda:CreateFunction']);
  });
  test('a pattern of the service and a wildcard action', () => {
    expect(run(passTo('lambda.*', 'StringLike'), grant('lambda:*Function*'))).toEqual(['lambda.amazonaws.com lambda:CreateFunction']);
  });
  test('one hit per admitted service, the first hand-over action named', () => {
    expect(run(passTo(['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']), grant(['ec2:RunInstances', 'ecs:RunTask', 'ecs:RegisterTaskDefinition']))).toEqual(['ec2.amazonaws.com ec2:RunInstances', 'ecs-tasks.amazonaws.com ecs:RegisterTaskDefinition']);
  });
  test('the PassRole statement itself may grant the hand-over action', () => {
    const st = { ...passTo('codebuild.amazonaws.com'), Action: ['iam:PassRole', 'codebuild:StartBuild'] };
    expect(run(st)).toEqual(['codebuild.amazonaws.com codebuild:StartBuild']);
  });
  test('every role as a set of patterns, and split over two statements under the same condition', () => {
    const roles = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `arn:aws:iam::111111111111:role/${c}*`);
    expect(run(passTo('lambda.amazonaws.com', 'StringEquals', roles), grant('lambda:CreateFunction'))).toEqual(['lambda.amazonaws.com lambda:CreateFunction']);
    expect(run(passTo('lambda.amazonaws.com', 'StringEquals', roles.slice(0, 31)), passTo('lambda.amazonaws.com', 'StringEquals', roles.slice(31)), grant('lambda:CreateFunction'))).toEqual(['lambda.amazonaws.com lambda:CreateFunction']);
    // one first character fewer: not every role
    expect(run(passTo('lambda.amazonaws.com', 'StringEquals', roles.slice(1)), grant('lambda:CreateFunction'))).toEqual([]);
  });
  test('a service the principal cannot hand a role to', () => {
    expect(run(passTo('lambda.amazonaws.com'), grant(['lambda:InvokeFunction', 'codebuild:CreateProject']))).toEqual([]);
  });
  test('a denied hand-over action is no grant', () => {
    expect(run(passTo('lambda.amazonaws.com'), grant('lambda:CreateFunction', 'Deny'))).toEqual([]);
  });
  test('a negated operator or IfExists is IAM.5\'s case (not narrowed at all), not this one', () => {
    expect(run(passTo('ec2.amazonaws.com', 'StringNotEquals'), grant('lambda:CreateFunction'))).toEqual([]);
    expect(run(passTo('lambda.amazonaws.com', 'StringEqualsIfExists'), grant('lambda:CreateFunction'))).toEqual([]);
  });
  test('PassRole on named roles, or narrowed by the role\'s tags, is not every role', () => {
    expect(run(passTo('lambda.amazonaws.com', 'StringEquals', 'arn:aws:iam::123456789012:role/app-fn'), grant('lambda:CreateFunction'))).toEqual([]);
    const tagged = { ...passTo('lambda.amazonaws.com'), Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com', 'aws:ResourceTag/role-kind': 'app' } } };
    expect(run(tagged, grant('lambda:CreateFunction'))).toEqual([]);
  });
  test('a role pattern matching every role is every role', () => {
    expect(run(passTo('lambda.amazonaws.com', 'StringEquals', 'arn:aws:iam::*:role*'), grant('lambda:CreateFunction'))).toEqual(['lambda.amazonaws.com lambda:CreateFunction']);
  });
});

describe('passRoleRunAs: services that run code as a passed role beyond Lambda, EC2 and CloudFormation', () => {
  const run = (...sts: unknown[]) => {
    const all = statements(...sts);
    return passRoleRunAs(all[0], all).map((h) => `${h.service} ${h.action}`);
  };
  test.each([
    ['apprunner.amazonaws.com', 'apprunner:UpdateService'],
    ['tasks.apprunner.amazonaws.com', 'apprunner:CreateService'],
    ['emr-serverless.amazonaws.com', 'emr-serverless:StartJobRun'],
    ['ec2.amazonaws.com', 'elasticmapreduce:RunJobFlow'],
    ['ec2.amazonaws.com', 'autoscaling:CreateAutoScalingGroup'],
    ['ec2.amazonaws.com', 'autoscaling:UpdateAutoScalingGroup'],
    ['ec2.amazonaws.com', 'autoscaling:CreateLaunchConfiguration'],
    ['ec2.amazonaws.com', 'elasticbeanstalk:UpdateEnvironment'],
    ['ec2.amazonaws.com', 'batch:CreateComputeEnvironment'],
    ['ec2.amazonaws.com', 'datapipeline:PutPipelineDefinition'],
    ['ec2.amazonaws.com', 'ec2:CreateFleet'],
    ['sagemaker.amazonaws.com', 'sagemaker:CreateModel'],
    ['sagemaker.amazonaws.com', 'sagemaker:CreateUserProfile'],
    ['sagemaker.amazonaws.com', 'sagemaker:UpdateDomain'],
    ['sagemaker.amazonaws.com', 'sagemaker:CreatePipeline'],
    ['ecs-tasks.amazonaws.com', 'batch:RegisterJobDefinition'],
    ['batch.amazonaws.com', 'batch:RegisterJobDefinition'],
    ['ssm.amazonaws.com', 'ssm:RegisterTaskWithMaintenanceWindow'],
    ['ssm.amazonaws.com', 'ssm:UpdateMaintenanceWindowTask'],
    ['ssm.amazonaws.com', 'ssm:UpdateAssociation'],
    ['appsync.amazonaws.com', 'appsync:CreateDataSource'],
    ['appsync.amazonaws.com', 'appsync:UpdateDataSource'],
    ['apigateway.amazonaws.com', 'apigateway:PATCH'],
    ['apigateway.amazonaws.com', 'apigateway:PUT'],
    ['airflow.amazonaws.com', 'airflow:UpdateEnvironment'],
    ['airflow-env.amazonaws.com', 'airflow:CreateEnvironment'],
    ['elasticbeanstalk.amazonaws.com', 'elasticbeanstalk:CreateEnvironment'],
    ['datapipeline.amazonaws.com', 'datapipeline:PutPipelineDefinition'],
  ])('PassRole on * to %s with %s alone is the pair', (service, action) => {
    expect(run(passTo(service), grant(action))).toEqual([`${service} ${action}`]);
  });

  test('a pattern admitting the App Runner task principal only', () => {
    expect(run(passTo('tasks.apprunner.*', 'StringLike'), grant('apprunner:*Service'))).toEqual(['tasks.apprunner.amazonaws.com apprunner:CreateService']);
  });
  test('both MWAA principals, one hit each', () => {
    expect(run(passTo(['airflow.amazonaws.com', 'airflow-env.amazonaws.com']), grant('airflow:*Environment'))).toEqual(['airflow.amazonaws.com airflow:CreateEnvironment', 'airflow-env.amazonaws.com airflow:CreateEnvironment']);
  });
  test('the services\' read and run actions hand over no role', () => {
    expect(run(passTo('apigateway.amazonaws.com'), grant(['apigateway:GET', 'execute-api:Invoke']))).toEqual([]);
    expect(run(passTo('ssm.amazonaws.com'), grant(['ssm:SendCommand', 'ssm:GetParameter', 'ssm:DescribeMaintenanceWindows']))).toEqual([]);
    expect(run(passTo('ecs-tasks.amazonaws.com'), grant('batch:SubmitJob'))).toEqual([]);
    expect(run(passTo('emr-serverless.amazonaws.com'), grant('emr-serverless:CreateApplication'))).toEqual([]);
  });
  test('the EMR service role is not a run-as role: RunJobFlow with PassRole to elasticmapreduce only', () => {
    expect(run(passTo('elasticmapreduce.amazonaws.com'), grant('elasticmapreduce:RunJobFlow'))).toEqual([]);
  });
  test('a hand-over action for another service than the one admitted', () => {
    expect(run(passTo('appsync.amazonaws.com'), grant(['apigateway:PUT', 'airflow:CreateEnvironment']))).toEqual([]);
  });
});
