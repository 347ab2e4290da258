/**
 * The Scope setting (issue 13 item 3): which generic resources are pipeline-related in a template, and how
 * RESOURCE requests apply it — with the stack's template (the CLI) and without it (the deployed hook:
 * judged, fail closed).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckCommand, parseCheckArgs } from '../../src/cli/check';
import { pipelineRelated, relationInTemplate } from '../../src/engine/scope';
import { StackModel } from '../../src/template/stack';
import { buildRequest, invokeHook } from '../helpers/requests';

const trust = (service: string) => ({ Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });

/** A pipeline with its role, policy, artifact bucket and key; an app bucket, key and function nobody in the pipeline uses. */
const TEMPLATE = {
  Resources: {
    Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { RoleArn: { 'Fn::GetAtt': ['PipelineRole', 'Arn'] }, ArtifactStore: { Type: 'S3', Location: { Ref: 'Artifacts' } }, Stages: [] } },
    PipelineRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust('codepipeline.amazonaws.com') } },
    PipelinePolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'PipelineRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } } },
    Artifacts: { Type: 'AWS::S3::Bucket', Properties: { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['ArtifactKey', 'Arn'] } } }] } } },
    ArtifactKey: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    ArtifactsPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Artifacts' }, PolicyDocument: { Statement: [] } } },
    Reader: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/r', Environment: { Variables: { BUCKET: { Ref: 'Artifacts' } } } } },
    BuildRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust('codebuild.amazonaws.com') } },
    AppBucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    AppKey: { Type: 'AWS::KMS::Key', Properties: {} },
    AppBucketPolicy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'AppBucket' }, PolicyDocument: { Statement: [] } } },
    AppFn: { Type: 'AWS::Lambda::Function', DependsOn: ['Pipeline'], Properties: { Role: { 'Fn::GetAtt': ['AppRole', 'Arn'] } } },
    AppRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust('lambda.amazonaws.com') } },
  },
};

describe('pipelineRelated', () => {
  const related = pipelineRelated(new StackModel(TEMPLATE));
  test.each(['Pipeline', 'PipelineRole', 'PipelinePolicy', 'Artifacts', 'ArtifactKey', 'ArtifactsPolicy', 'Reader', 'BuildRole'])('%s is pipeline-related', (id) => {
    expect(related.has(id)).toBe(true);
  });
  test.each(['AppBucket', 'AppKey', 'AppBucketPolicy', 'AppFn', 'AppRole'])('%s is not (DependsOn is no relation)', (id) => {
    expect(related.has(id)).toBe(false);
  });
  test('a RESOURCE request learns nothing from a template without its logical ID or with another type', () => {
    expect(relationInTemplate(TEMPLATE, 'AppBucket', 'AWS::S3::Bucket')).toBe(false);
    expect(relationInTemplate(TEMPLATE, 'Artifacts', 'AWS::S3::Bucket')).toBe(true);
    expect(relationInTemplate(TEMPLATE, 'Missing', 'AWS::S3::Bucket')).toBeUndefined();
    expect(relationInTemplate(TEMPLATE, 'AppKey', 'AWS::S3::Bucket')).toBeUndefined();
    expect(relationInTemplate('not a template', 'AppBucket', 'AWS::S3::Bucket')).toBeUndefined();
  });
});

describe('pipelineRelated: the policy, permission and share types that reach pipeline resources', () => {
  const base = TEMPLATE.Resources;
  const template = {
    Resources: {
      ...base,
      // a multi-Region access point over the artifact bucket, and its policy
      Mrap: { Type: 'AWS::S3::MultiRegionAccessPoint', Properties: { Regions: [{ Bucket: { Ref: 'Artifacts' } }] } },
      MrapPolicy: { Type: 'AWS::S3::MultiRegionAccessPointPolicy', Properties: { MrapName: { Ref: 'Mrap' }, Policy: { Statement: [] } } },
      // an Object Lambda access point over an access point of the artifact bucket, and its policy
      ArtifactsAp: { Type: 'AWS::S3::AccessPoint', Properties: { Bucket: { Ref: 'Artifacts' } } },
      Olap: { Type: 'AWS::S3ObjectLambda::AccessPoint', Properties: { ObjectLambdaConfiguration: { SupportingAccessPoint: { 'Fn::GetAtt': ['ArtifactsAp', 'Arn'] } } } },
      OlapPolicy: { Type: 'AWS::S3ObjectLambda::AccessPointPolicy', Properties: { ObjectLambdaAccessPoint: { Ref: 'Olap' }, PolicyDocument: { Statement: [] } } },
      // a layer the pipeline-related function uses, and its permission
      Tools: { Type: 'AWS::Lambda::LayerVersion', Properties: { Content: { S3Bucket: 'b', S3Key: 'k' } } },
      ReaderWithLayer: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/r', Layers: [{ Ref: 'Tools' }], Environment: { Variables: { BUCKET: { Ref: 'Artifacts' } } } } },
      ToolsPermission: { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { LayerVersionArn: { Ref: 'Tools' }, Action: 'lambda:GetLayerVersion', Principal: '*' } },
      // a share of a build project named by ARN (no template reference), and a principal association to it
      ProjectShare: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 's', ResourceArns: ['arn:aws:codebuild:eu-west-1:123456789012:project/app-build'] } },
      ProjectShareWith: { Type: 'AWS::RAM::PrincipalAssociation', Properties: { ResourceShareArn: { 'Fn::GetAtt': ['ProjectShare', 'Arn'] }, Principal: '444455556666' } },
      // app resources: a share of a subnet, a layer nobody in the pipeline uses
      SubnetShare: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'net', ResourceArns: ['arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0abc'] } },
      AppLayer: { Type: 'AWS::Lambda::LayerVersion', Properties: { Content: { S3Bucket: 'b', S3Key: 'k' } } },
      AppLayerPermission: { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { LayerVersionArn: { Ref: 'AppLayer' }, Action: 'lambda:GetLayerVersion', Principal: '*' } },
    },
  };
  const related = pipelineRelated(new StackModel(template));
  test.each(['MrapPolicy', 'OlapPolicy', 'ToolsPermission', 'ProjectShare', 'ProjectShareWith'])('%s is pipeline-related', (id) => {
    expect(related.has(id)).toBe(true);
  });
  test.each(['SubnetShare', 'AppLayerPermission'])('%s is not', (id) => {
    expect(related.has(id)).toBe(false);
  });
});

describe('RESOURCE requests', () => {
  // an unencrypted, unlogged, unversioned bucket: fails the S3 controls when judged
  const bare = (logicalId: string, hookModel?: unknown) => buildRequest({ type: 'AWS::S3::Bucket', logicalId, properties: {}, hookModel });

  const PIPELINE = { Scope: 'pipeline' };

  test('an unrelated generic resource is not judged when the template is known (Scope pipeline)', async () => {
    const { response } = await invokeHook(bare('AppBucket', PIPELINE), { stackTemplate: () => TEMPLATE });
    expect(response.hookStatus).toBe('SUCCESS');
  });

  test('the default Scope is all: the same unrelated bucket is judged, so check and the deployed hook agree', async () => {
    const { response } = await invokeHook(bare('AppBucket'), { stackTemplate: () => TEMPLATE });
    expect(response.hookStatus).toBe('FAILED');
  });

  test('the same bucket is judged in Scope all', async () => {
    const { response } = await invokeHook(bare('AppBucket', { Scope: 'all' }), { stackTemplate: () => TEMPLATE });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.message).toContain('CICD.S3');
  });

  test('a pipeline-related bucket is judged', async () => {
    const { response } = await invokeHook(bare('Artifacts', PIPELINE), { stackTemplate: () => TEMPLATE });
    expect(response.hookStatus).toBe('FAILED');
  });

  test('without the template (the deployed hook today) a generic resource is judged: fail closed', async () => {
    const { response } = await invokeHook(bare('AppBucket', PIPELINE));
    expect(response.hookStatus).toBe('FAILED');
  });

  test('a template source that throws or rejects counts as unknown: judged, never an error', async () => {
    for (const stackTemplate of [() => { throw new Error('AccessDenied'); }, () => Promise.reject(new Error('timeout'))]) {
      const { response } = await invokeHook(bare('AppBucket', PIPELINE), { stackTemplate });
      expect({ status: response.hookStatus, code: response.errorCode }).toEqual({ status: 'FAILED', code: 'NonCompliant' });
    }
  });

  test('rights to switch the hook off are judged on an unrelated role even in Scope pipeline (CICD.IAM.19 ignores scope)', async () => {
    const role = buildRequest({
      type: 'AWS::IAM::Role',
      logicalId: 'AppRole',
      hookModel: PIPELINE,
      properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudformation:SetTypeConfiguration', Resource: '*' }] } }],
      },
    });
    const { response } = await invokeHook(role, { stackTemplate: () => TEMPLATE });
    expect(response.hookStatus).toBe('FAILED');
    expect(response.annotations?.find((a) => a.annotationName === 'CICD.IAM.19')?.status).toBe('FAILED');
    expect(response.annotations?.find((a) => a.annotationName === 'CICD.IAM.1')?.status).toBe('SKIPPED');
  });

  test('an invalid Scope is an invalid type configuration', async () => {
    const { response } = await invokeHook(bare('AppBucket', { Scope: 'everything' }), { stackTemplate: () => TEMPLATE });
    expect(response.errorCode).toBe('InvalidTypeConfiguration');
    expect(response.message).toContain('Scope');
  });
});

describe('check applies the stack relations through the same engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-scope-'));
  const file = join(dir, 'app.json');
  writeFileSync(file, JSON.stringify(TEMPLATE));
  const io = { stdout: () => undefined, stderr: () => undefined, stdoutTty: false, stderrTty: false, env: {} };

  const pipelineConfig = join(dir, 'pipeline.json');
  writeFileSync(pipelineConfig, JSON.stringify({ Scope: 'pipeline' }));

  test('with Scope pipeline the app bucket rows are SKIPPED as not pipeline-related; the artifact bucket is judged', async () => {
    const out = await runCheckCommand(parseCheckArgs([file, '--format', 'json', '--config', pipelineConfig]), io);
    const rows = out.result!.findings;
    const app = rows.filter((r) => r.logicalId === 'AppBucket');
    expect(app.length).toBeGreaterThan(0);
    expect(app.filter((r) => r.status !== 'SKIPPED' && !r.controlId.startsWith('CICD.PROTECT'))).toEqual([]);
    expect(app.some((r) => /not pipeline-related/.test(r.message))).toBe(true);
    expect(rows.some((r) => r.logicalId === 'Artifacts' && r.status === 'FAIL')).toBe(true);
  });

  test('with the default Scope (all) the app bucket fails', async () => {
    const out = await runCheckCommand(parseCheckArgs([file, '--format', 'json']), io);
    expect(out.result!.findings.some((r) => r.logicalId === 'AppBucket' && r.status === 'FAIL')).toBe(true);
  });
});
