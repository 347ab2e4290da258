/**
 * The CodePipeline controls against real CDK Pipelines synth output (aws-cdk-lib, synthesized in
 * process and resolved as CloudFormation hands it to the hook): the shapes the controls walk — RunOrder
 * numbers, Configuration.EnvironmentVariables JSON strings with _PROJECT_CONFIG_HASH, Configuration.RoleArn
 * on CloudFormation actions, multi-region ArtifactStores, ConfirmPermissionsBroadening — are CDK's own.
 */
import { App, Stack, Stage, type StageProps } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { ALL_CONTROLS } from '../../../src/controls';
import { runAssembly, stacksOf, type ResourceInvocation } from '../../helpers/cdk';

const TOOLING = { account: '111111111111', region: 'eu-west-1' };
const CONNECTION = 'arn:aws:codestar-connections:eu-west-1:111111111111:connection/6f2a0f7e-1b2c-4d5e-8f90-123456789abc';

class AppStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id, props);
    new sns.Topic(new Stack(this, 'Svc'), 'Topic');
  }
}

interface Variant {
  crossAccountKeys: boolean;
  v2?: boolean;
  uat: { account: string; region: string };
  prod: { account: string; region: string };
  prodPre?: (stage: Stage) => pipelines.Step[];
}

function synth(v: Variant) {
  const app = new App();
  const stack = new Stack(app, 'PipeStack', { env: TOOLING });
  const pipeline = new pipelines.CodePipeline(stack, 'P', {
    crossAccountKeys: v.crossAccountKeys,
    ...(v.v2 ? { pipelineType: codepipeline.PipelineType.V2 } : {}),
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('org/repo', 'main', { connectionArn: CONNECTION }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new AppStage(app, 'UAT', { env: v.uat }));
  const prod = new AppStage(app, 'Prod', { env: v.prod });
  pipeline.addStage(prod, v.prodPre ? { pre: v.prodPre(prod) } : {});
  return stacksOf(app.synth()).filter((s) => s.path === 'PipeStack');
}

async function pipelineResult(v: Variant, config: unknown = null): Promise<ResourceInvocation> {
  const results = await runAssembly(synth(v), config);
  const pipelines_ = results.filter((r) => r.type === 'AWS::CodePipeline::Pipeline');
  expect(pipelines_).toHaveLength(1);
  return pipelines_[0];
}

const PIPELINE_CONTROL_IDS = ALL_CONTROLS.filter((c) => c.id.startsWith('CICD.CODEPIPELINE.') && c.resourceTypes.includes('AWS::CodePipeline::Pipeline'))
  .map((c) => c.id)
  .sort();
const annotation = (r: ResourceInvocation, id: string) => (r.response.annotations ?? []).find((a) => a.annotationName === id);
const codepipelineAnnotations = (r: ResourceInvocation) => (r.response.annotations ?? []).filter((a) => a.annotationName.startsWith('CICD.CODEPIPELINE.'));

describe('CDK Pipelines defaults are rejected', () => {
  let r: ResourceInvocation;
  beforeAll(async () => {
    // single account: CDK lets crossAccountKeys stay false and creates the artifact bucket without a KMS key
    r = await pipelineResult({ crossAccountKeys: false, uat: TOOLING, prod: TOOLING });
  });

  test('the artifact store has no EncryptionKey → CICD.CODEPIPELINE.1 fails', () => {
    expect(annotation(r, 'CICD.CODEPIPELINE.1')).toMatchObject({ status: 'FAILED' });
    expect(annotation(r, 'CICD.CODEPIPELINE.1')?.statusMessage).toContain('ArtifactStore.EncryptionKey is missing');
  });

  test('Prod deploys without an approval → CICD.CODEPIPELINE.2 fails naming the stage and the action', () => {
    const msg = annotation(r, 'CICD.CODEPIPELINE.2')?.statusMessage ?? '';
    expect(annotation(r, 'CICD.CODEPIPELINE.2')?.status).toBe('FAILED');
    expect(msg).toContain('(stage Prod, action Deploy)');
    expect(msg).not.toContain('stage UAT');
    // the change-set preparation is not a deployment
    expect(msg).not.toContain('action Prepare');
  });

  test('PipelineType is V1 without the feature flag → CICD.CODEPIPELINE.10 fails', () => {
    expect(annotation(r, 'CICD.CODEPIPELINE.10')?.status).toBe('FAILED');
  });

  test("_PROJECT_CONFIG_HASH, connection source and CDK's action roles are fine", () => {
    for (const id of ['CICD.CODEPIPELINE.3', 'CICD.CODEPIPELINE.4', 'CICD.CODEPIPELINE.6', 'CICD.CODEPIPELINE.7', 'CICD.CODEPIPELINE.11']) {
      expect({ id, status: annotation(r, id)?.status }).toEqual({ id, status: 'PASSED' });
    }
  });
});

describe('hardened CDK Pipelines pass every CodePipeline control', () => {
  const platform = {
    ProductionAccountIds: ['333333333333'],
    AllowedConnectionArns: ['arn:aws:codestar-connections:eu-west-1:111111111111:connection/*'],
  };
  const variants: Array<[string, Variant]> = [
    ['crossAccountKeys + ManualApprovalStep pre-step', { crossAccountKeys: true, v2: true, uat: { account: '222222222222', region: 'eu-west-1' }, prod: { account: '333333333333', region: 'eu-west-1' }, prodPre: () => [new pipelines.ManualApprovalStep('PromoteToProd')] }],
    [
      'multi-region ArtifactStores + ConfirmPermissionsBroadening + parallel pre-steps',
      {
        crossAccountKeys: true,
        v2: true,
        uat: { account: '222222222222', region: 'eu-west-1' },
        prod: { account: '333333333333', region: 'eu-central-1' },
        prodPre: (prod) => [new pipelines.ConfirmPermissionsBroadening('Check', { stage: prod }), new pipelines.ManualApprovalStep('PromoteToProd'), new pipelines.ShellStep('Smoke', { commands: ['echo ok'] })],
      },
    ],
  ];

  test.each(variants)('%s (default configuration)', async (_name, v) => {
    const r = await pipelineResult(v);
    const anns = codepipelineAnnotations(r);
    expect(anns.map((a) => a.annotationName).sort()).toEqual(PIPELINE_CONTROL_IDS);
    expect(anns.filter((a) => a.status !== 'PASSED').map((a) => `${a.annotationName}: ${a.statusMessage}`)).toEqual([]);
  });

  test.each(variants)('%s (production accounts and connections configured)', async (_name, v) => {
    const r = await pipelineResult(v, platform);
    expect(codepipelineAnnotations(r).filter((a) => a.status !== 'PASSED').map((a) => `${a.annotationName}: ${a.statusMessage}`)).toEqual([]);
  });

  test('the multi-region variant really has ArtifactStores with a CMK per region', async () => {
    const r = await pipelineResult(variants[1][1]);
    const stores = r.properties.ArtifactStores as Array<{ Region: string; ArtifactStore: { EncryptionKey?: { Id?: string } } }>;
    expect(stores.map((s) => s.Region).sort()).toEqual(['eu-central-1', 'eu-west-1']);
    for (const s of stores) expect(s.ArtifactStore.EncryptionKey?.Id).toMatch(/^arn:aws:kms:/);
  });

  test('without the approval the same pipeline fails, also by production account alone', async () => {
    const v = { ...variants[0][1], prodPre: undefined };
    const byName = await pipelineResult(v);
    expect(annotation(byName, 'CICD.CODEPIPELINE.2')?.status).toBe('FAILED');
    // renamed prod stage: only the account in Configuration.RoleArn / RoleArn identifies production
    const byAccount = await pipelineResult(v, { ...platform, ProductionStageNames: ['Production'] });
    expect(annotation(byAccount, 'CICD.CODEPIPELINE.2')?.statusMessage).toContain('ProductionAccountIds');
  });
});
