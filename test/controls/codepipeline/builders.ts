/**
 * Builders for AWS::CodePipeline::Pipeline properties in the shape the hook receives them (intrinsics
 * resolved to ARNs), modelled on a CDK Pipelines synth: Source → Build → UAT → Prod.
 */
export const PIPELINE_ACCOUNT = '111111111111';
export const UAT_ACCOUNT = '222222222222';
export const PROD_ACCOUNT = '333333333333';
export const CONNECTION_ARN = 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/6f2a0f7e-1b2c-4d5e-8f90-123456789abc';
export const CMK_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export type Json = Record<string, unknown>;

export const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

export function sourceAction(over: Json = {}): Json {
  return {
    Name: 'org_repo',
    ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
    Configuration: { ConnectionArn: CONNECTION_ARN, FullRepositoryId: 'org/repo', BranchName: 'main' },
    OutputArtifacts: [{ Name: 'org_repo_Source' }],
    RoleArn: role(PIPELINE_ACCOUNT, 'PipeStack-PPipelineSourceActionRole-1A2B3C4D5E6F'),
    RunOrder: 1,
    ...over,
  };
}

export function buildAction(over: Json = {}, config: Json = {}): Json {
  return {
    Name: 'Synth',
    ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
    Configuration: {
      ProjectName: 'PPipelineBuildSynthCdkBuildProject-Xr3mTqLp9ZkW',
      EnvironmentVariables: JSON.stringify([{ name: '_PROJECT_CONFIG_HASH', type: 'PLAINTEXT', value: '5e91a6303c190f765112816ae0f32fe39e0fc2bd4405ec28f5f15bc0b7c44bed' }]),
      ...config,
    },
    InputArtifacts: [{ Name: 'org_repo_Source' }],
    OutputArtifacts: [{ Name: 'Synth_Output' }],
    RoleArn: role(PIPELINE_ACCOUNT, 'PipeStack-PCodeBuildActionRole-7G8H9I0J1K2L'),
    RunOrder: 1,
    ...over,
  };
}

/** CDK Pipelines' pair of CloudFormation actions for one stack: Prepare (change set) and Deploy (execute). */
export function cfnDeploy(account: string, stack: string, prepareRunOrder: number, prefix = ''): Json[] {
  const deployRole = role(account, `cdk-hnb659fds-deploy-role-${account}-eu-west-1`);
  return [
    {
      Name: `${prefix}Prepare`,
      ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' },
      Configuration: {
        StackName: stack,
        Capabilities: 'CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND',
        RoleArn: role(account, `cdk-hnb659fds-cfn-exec-role-${account}-eu-west-1`),
        ActionMode: 'CHANGE_SET_REPLACE',
        ChangeSetName: 'PipelineChange',
        TemplatePath: `Synth_Output::assembly-${stack}/${stack}.template.json`,
      },
      InputArtifacts: [{ Name: 'Synth_Output' }],
      RoleArn: deployRole,
      RunOrder: prepareRunOrder,
    },
    {
      Name: `${prefix}Deploy`,
      ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' },
      Configuration: { StackName: stack, ActionMode: 'CHANGE_SET_EXECUTE', ChangeSetName: 'PipelineChange' },
      RoleArn: deployRole,
      RunOrder: prepareRunOrder + 1,
    },
  ];
}

export function approvalAction(name = 'PromoteToProd', runOrder = 1, over: Json = {}): Json {
  return {
    Name: name,
    ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' },
    RoleArn: role(PIPELINE_ACCOUNT, 'PipeStack-PPipelineProdPromoteToProdActionRole-3M4N5O6P7Q8R'),
    RunOrder: runOrder,
    ...over,
  };
}

export const stage = (Name: string, Actions: Json[]): Json => ({ Name, Actions });

export const cmkStore = (over: Json = {}): Json => ({
  Type: 'S3',
  Location: 'pipestack-ppipelineartifactsbucket-1x2y3z4w5v6u',
  EncryptionKey: { Type: 'KMS', Id: CMK_ARN },
  ...over,
});

/** The hardened CDK Pipelines shape: CMK artifact store, V2, approval as a pre-step of Prod. */
export function hardenedPipeline(over: Json = {}): Json {
  return {
    RoleArn: role(PIPELINE_ACCOUNT, 'PipeStack-PPipelineRole-9S0T1U2V3W4X'),
    PipelineType: 'V2',
    RestartExecutionOnUpdate: true,
    ArtifactStore: cmkStore(),
    Stages: [
      stage('Source', [sourceAction()]),
      stage('Build', [buildAction()]),
      stage('UAT', cfnDeploy(UAT_ACCOUNT, 'UAT-Svc', 1)),
      stage('Prod', [approvalAction('PromoteToProd', 1), ...cfnDeploy(PROD_ACCOUNT, 'Prod-Svc', 2, 'Svc.')]),
    ],
    ...over,
  };
}

/** The same pipeline with the given Prod stage actions. */
export function withProd(prodActions: Json[], extraStages: Json[] = []): Json {
  const p = hardenedPipeline();
  const stages = (p.Stages as Json[]).slice(0, 3);
  return { ...p, Stages: [...stages, ...extraStages, stage('Prod', prodActions)] };
}

/** Replace the stages of the hardened pipeline. */
export const withStages = (Stages: Json[]): Json => ({ ...hardenedPipeline(), Stages });
