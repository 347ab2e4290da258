/**
 * CICD.ACCOUNTS.3 and .4 against real aws-cdk-lib synth output (synthesized in process and resolved as
 * CloudFormation hands it to the hook): a self-managed StackSet action (its administration role may assume
 * AWSCloudFormationStackSetExecutionRole in any account), a CloudFormation deploy action with a role of another
 * account, and an EventBridge rule that forwards pipeline events to another account's bus.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { runAssembly, stacksOf, type ResourceInvocation } from '../../helpers/cdk';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const OTHER = '999999999999';

function pipelineStack(deploy: (stack: Stack, source: codepipeline.Artifact) => codepipeline.IAction[]) {
  const app = new App();
  const stack = new Stack(app, 'Tooling', { env: ENV });
  const source = new codepipeline.Artifact('Src');
  new codepipeline.Pipeline(stack, 'Pipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    stages: [
      { stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Src', bucket: s3.Bucket.fromBucketName(stack, 'SrcBucket', 'tooling-sources'), bucketKey: 'src.zip', output: source })] },
      { stageName: 'Deploy', actions: deploy(stack, source) },
    ],
  });
  return stacksOf(app.synth());
}

const annotations = (results: readonly ResourceInvocation[], id: string) =>
  results.flatMap((r) => (r.response.annotations ?? []).filter((a) => a.annotationName === id).map((a) => ({ logicalId: r.logicalId, type: r.type, status: a.status, message: a.statusMessage ?? '' })));
const failed = (results: readonly ResourceInvocation[], id: string) => annotations(results, id).filter((a) => a.status === 'FAILED');

describe('CICD.ACCOUNTS.4 on aws-cdk-lib pipelines', () => {
  test('a self-managed StackSet action: its administration role may assume the execution role in any account', async () => {
    const stacks = pipelineStack((_stack, source) => [
      new actions.CloudFormationDeployStackSetAction({
        actionName: 'StackSet',
        stackSetName: 'baseline',
        template: actions.StackSetTemplate.fromArtifactPath(source.atPath('baseline.yaml')),
        deploymentModel: actions.StackSetDeploymentModel.selfManaged(),
        stackInstances: actions.StackInstances.inAccounts([ENV.account], ['eu-west-1']),
      }),
    ]);
    const results = await runAssembly(stacks);
    const hits = failed(results, 'CICD.ACCOUNTS.4');
    expect(hits.map((h) => h.type)).toEqual(['AWS::IAM::Policy']);
    expect(hits[0].message).toContain('any account');
    // the pipeline itself (administration role ARN and deployment target in the own account) passes
    expect(annotations(results, 'CICD.ACCOUNTS.4').filter((a) => a.type === 'AWS::CodePipeline::Pipeline').map((a) => a.status)).toEqual(['PASSED']);
  });

  test('a CloudFormation deploy action with an execution role of another account', async () => {
    const stacks = pipelineStack((stack, source) => [
      new actions.CloudFormationCreateUpdateStackAction({
        actionName: 'Deploy',
        stackName: 'app',
        adminPermissions: false,
        templatePath: source.atPath('app.json'),
        deploymentRole: iam.Role.fromRoleArn(stack, 'Exec', `arn:aws:iam::${OTHER}:role/cfn-exec`, { mutable: false }),
        role: iam.Role.fromRoleArn(stack, 'ActionRole', `arn:aws:iam::${OTHER}:role/deploy-action`, { mutable: false }),
      }),
    ]);
    const results = await runAssembly(stacks);
    const pipeline = failed(results, 'CICD.ACCOUNTS.4').filter((h) => h.type === 'AWS::CodePipeline::Pipeline');
    expect(pipeline).toHaveLength(1);
    expect(pipeline[0].message).toContain(`account ${OTHER}`);
    // the pipeline role is allowed to assume the foreign action role
    expect(failed(results, 'CICD.ACCOUNTS.4').some((h) => h.type === 'AWS::IAM::Policy' && h.message.includes(OTHER))).toBe(true);
    // and passes once the platform trusts the account
    expect(failed(await runAssembly(stacks, { TrustedAccountIds: [OTHER] }), 'CICD.ACCOUNTS.4')).toEqual([]);
  });
});

describe('CICD.ACCOUNTS.3 on aws-cdk-lib event rules', () => {
  function ruleStack(busAccount: string) {
    const app = new App();
    const stack = new Stack(app, 'Events', { env: ENV });
    new events.Rule(stack, 'Forward', {
      eventPattern: { source: ['aws.codepipeline'] },
      targets: [new targets.EventBus(events.EventBus.fromEventBusArn(stack, 'Central', `arn:aws:events:eu-west-1:${busAccount}:event-bus/central`))],
    });
    return stacksOf(app.synth());
  }

  test('forwarding pipeline events to the bus of another account fails, and passes once trusted', async () => {
    const foreign = await runAssembly(ruleStack(OTHER));
    const hits = failed(foreign, 'CICD.ACCOUNTS.3');
    expect(hits.map((h) => h.type)).toEqual(['AWS::Events::Rule']);
    expect(hits[0].message).toContain('Targets[0].Arn');
    expect(hits[0].message).toContain(`account ${OTHER}`);
    expect(failed(await runAssembly(ruleStack(OTHER), { TrustedAccountIds: [OTHER] }), 'CICD.ACCOUNTS.3')).toEqual([]);
    expect(failed(await runAssembly(ruleStack(ENV.account)), 'CICD.ACCOUNTS.3')).toEqual([]);
  });
});
