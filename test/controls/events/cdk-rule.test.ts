/**
 * CICD.EVENTS.1 against real CDK synth output: an `events.Rule` whose `targets.CodeBuildProject` target
 * hands StartBuild parameters to a compliant project (`RuleTargetInput.fromObject`), delivered as
 * CloudFormation would (intrinsics resolved, primitives stringified).
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { TOOLING_ENV, newApp } from '../../../examples/cdk/common';
import { runAssembly, stacksOf, type ResourceInvocation } from '../../helpers/cdk';

async function synthRule(input?: Record<string, unknown>): Promise<ResourceInvocation> {
  const app = newApp();
  const stack = new Stack(app, 'Nightly', { env: TOOLING_ENV });
  const project = new codebuild.Project(stack, 'Build', {
    buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2', phases: { build: { commands: ['npm ci', 'npm test'] } } }),
  });
  new events.Rule(stack, 'Nightly', {
    schedule: events.Schedule.cron({ hour: '2', minute: '0' }),
    targets: [new targets.CodeBuildProject(project, input ? { event: events.RuleTargetInput.fromObject(input) } : {})],
  });
  const results = await runAssembly(stacksOf(app.synth()));
  const rule = results.find((r) => r.type === 'AWS::Events::Rule');
  if (!rule) throw new Error('the rule was not handed to the hook');
  return rule;
}

const outcome = (r: ResourceInvocation) => r.response.annotations?.find((a) => a.annotationName === 'CICD.EVENTS.1');

test('a rule starting the project with privilegedModeOverride: true fails, naming the parameter', async () => {
  const rule = await synthRule({ sourceVersion: 'main', privilegedModeOverride: true });
  const a = outcome(rule);
  expect(a?.status).toBe('FAILED');
  expect(a?.statusMessage).toContain('Targets[0].Input.privilegedModeOverride');
  expect(a?.statusMessage).toContain('CICD.CODEBUILD.5');
}, 60_000);

test('a rule starting the project with an image from Docker Hub fails', async () => {
  const a = outcome(await synthRule({ imageOverride: 'docker.io/library/node:20' }));
  expect(a?.status).toBe('FAILED');
  expect(a?.statusMessage).toContain('Targets[0].Input.imageOverride');
}, 60_000);

test('the same rule without overrides passes (no input, and a source version only)', async () => {
  expect(outcome(await synthRule())?.status).toBe('PASSED');
  expect(outcome(await synthRule({ sourceVersion: 'main' }))?.status).toBe('PASSED');
}, 60_000);

test('a Lambda target: the permission naming the rule ARN resolves (Fn::GetAtt Rule.Arn is modelled)', async () => {
  const { Code, Function: LambdaFunction, Runtime } = await import('aws-cdk-lib/aws-lambda');
  const app = newApp();
  const stack = new Stack(app, 'Hooked', { env: TOOLING_ENV });
  const fn = new LambdaFunction(stack, 'Fn', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => {}') });
  new events.Rule(stack, 'Every', { ruleName: 'every-hour', schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn)] });
  const results = await runAssembly(stacksOf(app.synth()));
  const permission = results.find((r) => r.type === 'AWS::Lambda::Permission');
  expect(permission?.properties.SourceArn).toBe('arn:aws:events:eu-west-1:123456789012:rule/every-hour');
  expect(outcome(results.find((r) => r.type === 'AWS::Events::Rule')!)?.status).toBe('PASSED');
}, 60_000);
