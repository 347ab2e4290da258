/**
 * Scope `pipeline` in the deployed hook: a RESOURCE request learns whether a generic resource is
 * pipeline-related from its stack's template, read with cloudformation:GetTemplate (src/facts/template.ts)
 * through the real SDK against a real moto_server.
 *
 * moto differs from AWS here: GetTemplate ignores ChangeSetName and answers with the stack's template. The
 * change-set case below therefore proves only that the hook asks for and uses an answer, not which template
 * AWS returns (the API reference: the change set's).
 */
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { clearTemplateCache, templateQuery } from '../../src/facts/template';
import { defaultDeps } from '../../src/protocol/hook';
import { ACCOUNT, buildRequest, invokeHook } from '../helpers/requests';
import { MOTO_CREDENTIALS, startMoto, type Moto } from '../helpers/moto';

const TEMPLATE = {
  Resources: {
    Artifacts: { Type: 'AWS::S3::Bucket' },
    App: { Type: 'AWS::S3::Bucket' },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    },
    Pipeline: {
      Type: 'AWS::CodePipeline::Pipeline',
      Properties: {
        RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] },
        ArtifactStore: { Type: 'S3', Location: { Ref: 'Artifacts' } },
        Stages: [
          { Name: 'Source', Actions: [{ Name: 'S', ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { S3Bucket: { Ref: 'Artifacts' }, S3ObjectKey: 'src.zip' }, OutputArtifacts: [{ Name: 'src' }] }] },
          { Name: 'Approve', Actions: [{ Name: 'A', ActionTypeId: { Category: 'Approval', Owner: 'AWS', Provider: 'Manual', Version: '1' } }] },
        ],
      },
    },
  },
};

const PIPELINE_SCOPE = { Scope: 'pipeline' };
// a bucket that fails the S3 controls (no encryption, versioning, logging, public access block)
const WEAK_BUCKET = { BucketName: 'weak-bucket' };
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'eu-west-1' } as Record<string, string>;

let moto: Moto;
let stackId: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  moto = await startMoto();
  for (const k of [...Object.keys(ENV), 'AWS_ENDPOINT_URL']) saved[k] = process.env[k];
  Object.assign(process.env, ENV, { AWS_ENDPOINT_URL: moto.endpoint });
  const cf = new CloudFormationClient({ endpoint: moto.endpoint, region: 'eu-west-1', credentials: MOTO_CREDENTIALS });
  const out = await cf.send(new CreateStackCommand({ StackName: 'pipe', TemplateBody: JSON.stringify(TEMPLATE) }));
  stackId = out.StackId!;
  cf.destroy();
}, 30000);

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await moto?.stop();
});

beforeEach(() => clearTemplateCache());

/** A RESOURCE request of the moto stack, with moto's credentials as the hook's execution role. */
function request(logicalId: string, action: 'CREATE' | 'UPDATE', changeSetId?: string) {
  const e = buildRequest({ type: 'AWS::S3::Bucket', properties: WEAK_BUCKET, action, hookModel: PIPELINE_SCOPE, logicalId, stackId });
  (e.requestData as Record<string, unknown>).callerCredentials = JSON.stringify(MOTO_CREDENTIALS);
  if (changeSetId) e.changeSetId = changeSetId;
  return e;
}

const statuses = (r: Awaited<ReturnType<typeof invokeHook>>) => new Set(r.response.annotations?.filter((a) => a.annotationName.startsWith('CICD.S3.')).map((a) => a.status));
const deps = { stackTemplate: defaultDeps.stackTemplate };

test('which template is read: a change set, or a stack being created; never a direct update', () => {
  expect(templateQuery({ stackId: 's', changeSetId: 'c', action: 'UPDATE' })).toEqual({ StackName: 's', ChangeSetName: 'c' });
  expect(templateQuery({ stackId: 's', action: 'CREATE' })).toEqual({ StackName: 's' });
  expect(templateQuery({ stackId: 's', action: 'UPDATE' })).toBeUndefined();
  expect(templateQuery({ action: 'CREATE' })).toBeUndefined();
});

test('CREATE: a bucket nothing pipeline-related refers to is not judged in pipeline scope', async () => {
  const r = await invokeHook(request('App', 'CREATE'), deps);
  expect(statuses(r)).toEqual(new Set(['SKIPPED']));
  expect(r.response.hookStatus).toBe('SUCCESS');
});

test('CREATE: the pipeline artifact bucket is judged (and fails)', async () => {
  const r = await invokeHook(request('Artifacts', 'CREATE'), deps);
  expect(statuses(r).has('FAILED')).toBe(true);
  expect(r.response.hookStatus).toBe('FAILED');
});

test('UPDATE without a change set: the template is not read, the bucket is judged (fail closed)', async () => {
  const r = await invokeHook(request('App', 'UPDATE'), deps);
  expect(statuses(r).has('FAILED')).toBe(true);
});

test('UPDATE through a change set: the change set template is asked for and used (moto answers with the stack template)', async () => {
  const changeSet = `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:changeSet/cs1/ae507cda-c27f-488b-81c1-9f6c3f7a7284`;
  const r = await invokeHook(request('App', 'UPDATE', changeSet), deps);
  expect(statuses(r)).toEqual(new Set(['SKIPPED']));
});

test('a logical ID the template does not hold: unknown, so judged', async () => {
  const r = await invokeHook(request('Elsewhere', 'CREATE'), deps);
  expect(statuses(r).has('FAILED')).toBe(true);
});

test('GetTemplate that fails (no such stack) is judged, never skipped', async () => {
  const e = request('App', 'CREATE');
  e.stackId = `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:stack/nope/00000000-0000-4000-8000-000000000000`;
  const r = await invokeHook(e, deps);
  expect(statuses(r).has('FAILED')).toBe(true);
});
