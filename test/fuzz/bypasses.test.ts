/**
 * Known bypasses of per-resource property checks (controls.md §3), end to end through the hook entry
 * point. Each names the control that must catch it; a missing control fails the test.
 */
import { ALL_CONTROLS } from '../../src/controls';
import { buildRequest, invokeHook, stringifyPrimitives } from '../helpers/requests';
import { responseViolations } from './invariants';

function ctl(id: string, slug: string): string {
  const c = ALL_CONTROLS.find((x) => x.id === id);
  if (!c) throw new Error(`control ${id} (${slug}) is not in the catalogue`);
  if (c.slug !== slug) throw new Error(`control ${id} is ${c.slug}, expected ${slug}`);
  return id;
}

/** FAILED (not UNKNOWN) annotation of `id`, on the typed and the stringified form of the properties. */
async function expectCaught(type: string, properties: Record<string, unknown>, id: string, mentions?: string, hookModel?: unknown): Promise<void> {
  for (const props of [properties, stringifyPrimitives(properties)]) {
    const { response } = await invokeHook(buildRequest({ type, properties: props, hookModel }));
    expect(responseViolations(response)).toEqual([]);
    const a = (response.annotations ?? []).find((x) => x.annotationName === id);
    expect({ id, status: a?.status, unknown: /^UNKNOWN: /.test(a?.statusMessage ?? '') }).toEqual({ id, status: 'FAILED', unknown: false });
    if (mentions) expect(a?.statusMessage).toContain(mentions);
    expect(response.hookStatus).toBe('FAILED');
  }
}

const PROJECT = {
  Artifacts: { Type: 'CODEPIPELINE' },
  Source: { Type: 'CODEPIPELINE', BuildSpec: 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm ci\n' },
  ServiceRole: 'arn:aws:iam::123456789012:role/build',
  Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' },
};

const STAGES_OK = [
  { Name: 'Source', Actions: [{ Name: 'Src', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' }, Configuration: { ConnectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/abc', FullRepositoryId: 'o/r', BranchName: 'main' }, OutputArtifacts: [{ Name: 'src' }], RunOrder: 1 }] },
  { Name: 'Build', Actions: [{ Name: 'Build', ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' }, Configuration: { ProjectName: 'p' }, InputArtifacts: [{ Name: 'src' }], OutputArtifacts: [{ Name: 'out' }], RunOrder: 1 }] },
];
const DEPLOY = { Name: 'Deploy', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' }, Configuration: { ActionMode: 'CREATE_UPDATE', StackName: 'app', TemplatePath: 'out::t.json', RoleArn: 'arn:aws:iam::222222222222:role/deploy' }, InputArtifacts: [{ Name: 'out' }], RoleArn: 'arn:aws:iam::222222222222:role/action' };
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function pipeline(extra: Record<string, unknown>): Record<string, unknown> {
  return { RoleArn: 'arn:aws:iam::123456789012:role/pipeline', PipelineType: 'V2', ArtifactStore: { Type: 'S3', Location: 'artifacts', EncryptionKey: { Type: 'KMS', Id: KEY } }, Stages: STAGES_OK, ...extra };
}

describe('bypass attempts (controls.md §3)', () => {
  test.each(['True', 'TRUE', 'true', ' true '])('B-01 boolean spelled %p: privileged mode is still caught', async (spelling) => {
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodeBuild::Project', properties: { ...PROJECT, Environment: { ...PROJECT.Environment, PrivilegedMode: spelling } } }));
    expect(response.annotations?.find((a) => a.annotationName === ctl('CICD.CODEBUILD.5', 'privileged-mode'))?.status).toBe('FAILED');
  });

  test('B-04 lower-case secret names in the project environment', async () => {
    const env = [{ Name: 'db_password', Value: 'p4ssw0rd-value-123', Type: 'PLAINTEXT' }];
    await expectCaught('AWS::CodeBuild::Project', { ...PROJECT, Environment: { ...PROJECT.Environment, EnvironmentVariables: env } }, ctl('CICD.CODEBUILD.2', 'project-env-plaintext-secrets'), 'db_password');
  });

  test('B-04 secrets only in values (innocent name, no Type)', async () => {
    const env = [{ Name: 'CONFIG', Value: 'AKIAIOSFODNN7EXAMPLE' }];
    await expectCaught('AWS::CodeBuild::Project', { ...PROJECT, Environment: { ...PROJECT.Environment, EnvironmentVariables: env } }, ctl('CICD.CODEBUILD.2', 'project-env-plaintext-secrets'), 'CONFIG');
  });

  test('B-04 secret only in the value of a pipeline action variable (JSON string)', async () => {
    const build = { ...STAGES_OK[1].Actions[0], Configuration: { ProjectName: 'p', EnvironmentVariables: JSON.stringify([{ name: 'SETTINGS', value: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }]) } };
    await expectCaught('AWS::CodePipeline::Pipeline', pipeline({ Stages: [STAGES_OK[0], { Name: 'Build', Actions: [build] }] }), ctl('CICD.CODEPIPELINE.6', 'pipeline-action-env-secrets'), 'SETTINGS');
  });

  test('B-03 secondary artifacts with encryption disabled', async () => {
    const props = { ...PROJECT, SecondaryArtifacts: [{ Type: 'S3', Location: 'b', ArtifactIdentifier: 'second', EncryptionDisabled: 'TRUE' }] };
    await expectCaught('AWS::CodeBuild::Project', props, ctl('CICD.CODEBUILD.6', 'project-artifacts-encrypted'), 'SecondaryArtifacts');
  });

  test('B-03/B-15 secondary source with credentials in its URL', async () => {
    const props = { ...PROJECT, SecondarySources: [{ Type: 'GITHUB', SourceIdentifier: 'two', Location: 'https://x-access-token:ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r.git' }] };
    await expectCaught('AWS::CodeBuild::Project', props, ctl('CICD.CODEBUILD.1', 'source-location-credentials'), 'SecondarySources');
  });

  test('B-03 multi-region ArtifactStores without a customer-managed key', async () => {
    const props = pipeline({
      ArtifactStore: undefined,
      ArtifactStores: [
        { Region: 'eu-west-1', ArtifactStore: { Type: 'S3', Location: 'a', EncryptionKey: { Type: 'KMS', Id: KEY } } },
        { Region: 'us-east-1', ArtifactStore: { Type: 'S3', Location: 'b' } },
      ],
    });
    delete props.ArtifactStore;
    await expectCaught('AWS::CodePipeline::Pipeline', props, ctl('CICD.CODEPIPELINE.1', 'pipeline-artifact-store-cmk'), 'ArtifactStores');
  });

  test('B-05 policy document as a JSON string', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    await expectCaught('AWS::IAM::Policy', { PolicyName: 'p', Roles: ['r'], PolicyDocument: doc }, ctl('CICD.IAM.1', 'iam-no-admin-statements'));
  });

  test('B-08 Deny-first statement ordering', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }, { Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };
    await expectCaught('AWS::IAM::Policy', { PolicyName: 'p', Roles: ['r'], PolicyDocument: doc }, ctl('CICD.IAM.1', 'iam-no-admin-statements'));
  });

  test.each([{ AWS: '*' }, { AWS: ['*'] }, '*'])('B-06 public principal %p in a bucket policy', async (principal) => {
    const doc = { Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::artifacts/*' }] };
    await expectCaught('AWS::S3::BucketPolicy', { Bucket: 'artifacts', PolicyDocument: doc }, ctl('CICD.S3.6', 's3-bucket-policy-no-public-principal'));
  });

  test('B-06 {"AWS":"*"} principal in a KMS key policy', async () => {
    const policy = { Statement: [{ Sid: 'root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' }, { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }] };
    await expectCaught('AWS::KMS::Key', { EnableKeyRotation: true, KeyPolicy: policy }, ctl('CICD.KMS.3', 'kms-key-policy-no-public-principal'));
  });

  test('B-06 {"AWS":"*"} principal in a role trust policy', async () => {
    const trust = { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] };
    await expectCaught('AWS::IAM::Role', { AssumeRolePolicyDocument: trust }, ctl('CICD.IAM.7', 'iam-trust-no-public-principal'));
  });

  test('B-18 approval in the same RunOrder as the production deploy', async () => {
    const approval = { Name: 'Approve', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' }, RunOrder: 1 };
    const prod = { Name: 'Prod', Actions: [approval, { ...DEPLOY, RunOrder: 1 }] };
    await expectCaught('AWS::CodePipeline::Pipeline', pipeline({ Stages: [...STAGES_OK, prod] }), ctl('CICD.CODEPIPELINE.2', 'pipeline-approval-before-production'));
  });

  test('B-18 approval after the production deploy', async () => {
    const approval = { Name: 'Approve', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' }, RunOrder: 2 };
    const prod = { Name: 'Prod', Actions: [{ ...DEPLOY, RunOrder: 1 }, approval] };
    await expectCaught('AWS::CodePipeline::Pipeline', pipeline({ Stages: [...STAGES_OK, prod] }), ctl('CICD.CODEPIPELINE.2', 'pipeline-approval-before-production'));
  });

  test('B-18 production identified by account, stage named innocuously', async () => {
    const stage = { Name: 'Stage3', Actions: [{ ...DEPLOY, RunOrder: 1 }] };
    await expectCaught('AWS::CodePipeline::Pipeline', pipeline({ Stages: [...STAGES_OK, stage] }), ctl('CICD.CODEPIPELINE.2', 'pipeline-approval-before-production'), undefined, { ProductionAccountIds: ['222222222222'] });
  });

  test('control: the same pipeline with the approval one RunOrder earlier passes the approval control', async () => {
    const approval = { Name: 'Approve', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' }, RunOrder: 1 };
    const prod = { Name: 'Prod', Actions: [approval, { ...DEPLOY, RunOrder: 2 }] };
    const { response } = await invokeHook(buildRequest({ type: 'AWS::CodePipeline::Pipeline', properties: pipeline({ Stages: [...STAGES_OK, prod] }) }));
    expect(response.annotations?.find((a) => a.annotationName === ctl('CICD.CODEPIPELINE.2', 'pipeline-approval-before-production'))?.status).toBe('PASSED');
  });
});
