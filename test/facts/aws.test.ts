/**
 * src/facts/aws.ts against a real AWS API emulator: one moto_server (python3 moto 5) for the file, seeded through
 * the AWS SDK, the fact source pointed at it with the SDK's standard AWS_ENDPOINT_URL. The lookups run with the
 * session of a role that holds exactly lookupPermissions() (moto's IAM authorization is switched on after the
 * seeding), so the suite also proves the permission list suffices.
 *
 * Where moto differs from AWS (each is pinned by a test below, so a moto upgrade that fixes it is noticed):
 * - AWS managed KMS keys: moto creates the alias/aws/* keys on first use with KeyManager CUSTOMER; AWS answers
 *   KeyManager AWS. No moto key is AWS managed, so the awsManaged branch cannot be proven here (the case harness
 *   covers what the controls do with it).
 * - AWS managed IAM policies (arn:aws:iam::aws:policy/...) exist in moto only with MOTO_IAM_LOAD_MANAGED_POLICIES;
 *   this suite does not load them: such a lookup is "not found" here.
 * - GetPolicyVersion returns the document as plain JSON in moto; AWS returns it URL-encoded (GetRole and
 *   GetRolePolicy are URL-encoded in both). The source reads both.
 * - moto authorizes S3 GetBucketEncryption and GetPublicAccessBlock as s3:ListBucket; AWS needs
 *   s3:GetEncryptionConfiguration and s3:GetBucketPublicAccessBlock. The hook's role in moto gets s3:ListBucket on
 *   top of lookupPermissions() for that reason only.
 * - moto ignores S3's ExpectedBucketOwner (AWS refuses a call for a bucket of another account with 403): the
 *   s3.bucketOwner refusal is proven with a role that lacks s3:GetBucketVersioning instead.
 * - moto 5 implements neither CodeBuild fleets (BatchGetFleets) nor ECR pull-through cache rules
 *   (DescribePullThroughCacheRules): it answers HTTP 500 with an HTML page. Only the error path of those two kinds
 *   is tested against moto.
 * - moto's ListRolePolicies ignores MaxItems, so IAM pagination cannot be forced; ListExports pages by 100 and
 *   is tested with 130 exports.
 */
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AddRoleToInstanceProfileCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyRotationCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  GetBucketEncryptionCommand,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentials, FactRequest } from '../../src/model';
import { awsFactSource, CACHE_MAX_ENTRIES, CACHE_TTL_MS, clearLookupCache, LOOKUP_PERMISSIONS, lookupPermissions, type LookupContext } from '../../src/facts/aws';
import { fetchPlanned, LookupError } from '../../src/engine/lookups';
import { factKey, factTable } from '../../src/engine/facts';
import { blackHole, deadEndpoint, startMoto, type Moto } from '../helpers/moto';
import { handleHookEvent } from '../../src/protocol/hook';
import type { Evaluation } from '../../src/engine/evaluate';
import { buildRequest, codebuildProject, NOW } from '../helpers/requests';

const ACCOUNT = '123456789012'; // moto's default account, and the test requests'
const REGION = 'eu-west-1';
const ADMIN: AwsCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' };
/** moto authorizes these two S3 reads as s3:ListBucket (see the header); AWS does not need it. */
const MOTO_S3_QUIRK = ['s3:ListBucket'];

let moto: Moto;
const saved: Record<string, string | undefined> = {};
const ENV: Record<string, string | undefined> = {
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL: undefined,
};

function setEndpoint(url: string): void {
  process.env.AWS_ENDPOINT_URL = url;
}

/** Seeded names and ARNs. */
const S = {
  keyRotating: '',
  keyNoRotation: '',
  keyDisabled: '',
  keyAsymmetric: '',
  keyPendingDeletion: '',
  keyForCache: '',
  deployPolicy: '',
  boundaryPolicy: '',
  groupPolicy: '',
};
/** Sessions of the hook's role (exactly lookupPermissions()) and of roles lacking one action each. */
const sessions = new Map<string, AwsCredentials>();
const HOOK = 'pipeline-guard-hook';

const trustAccount = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
const codebuildTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const narrow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::ci-artifacts/*' }] };
// a '%' in the default version: a document that is already JSON must not be URL-decoded (decodeURIComponent throws)
const adminWithPercent = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringLike: { 's3:prefix': 'reports/100%/*' } } }] };
const inlineA = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ci/*' }] };
const inlineB = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };
const boundary = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'logs:*'], Resource: '*' }] };
// a bucket policy is plain JSON: '%41' is part of the policy and must survive (the old source URL-decoded it to 'A')
const bucketPolicy = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyInsecure', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringNotLike: { 'aws:UserAgent': 'ci%41*' } } }],
});

/** The denied-role cases: the role holds lookupPermissions() minus `missing`; the reason must name exactly it. */
const DENIED: Array<{ missing: string; request: () => FactRequest }> = [
  { missing: 'kms:DescribeKey', request: () => ({ kind: 'kms.key', ref: S.keyRotating }) },
  { missing: 'kms:GetKeyRotationStatus', request: () => ({ kind: 'kms.key', ref: S.keyRotating }) },
  { missing: 'iam:GetRole', request: () => ({ kind: 'iam.role', ref: 'ci-build' }) },
  { missing: 'iam:GetRolePolicy', request: () => ({ kind: 'iam.role', ref: 'ci-build' }) },
  { missing: 'iam:ListAttachedRolePolicies', request: () => ({ kind: 'iam.role', ref: 'ci-build' }) },
  { missing: 'iam:GetPolicyVersion', request: () => ({ kind: 'iam.policy', ref: S.deployPolicy }) },
  { missing: 'iam:GetPolicy', request: () => ({ kind: 'iam.policy', ref: S.deployPolicy }) },
  { missing: 'iam:GetInstanceProfile', request: () => ({ kind: 'iam.instanceProfile', ref: 'runner-profile' }) },
  { missing: 'iam:GetGroupPolicy', request: () => ({ kind: 'iam.group', ref: 'deployers' }) },
  { missing: 's3:GetBucketVersioning', request: () => ({ kind: 's3.bucket', ref: 'ci-hardened' }) },
  { missing: 's3:GetBucketPolicy', request: () => ({ kind: 's3.bucket', ref: 'ci-hardened' }) },
  { missing: 'logs:DescribeLogGroups', request: () => ({ kind: 'logs.group', ref: '/ci/hardened' }) },
  { missing: 'cloudformation:ListExports', request: () => ({ kind: 'cloudformation.export', ref: 'ci-vpc-id' }) },
];

const keyId = (arn: string) => arn.split('/').pop() as string;
const ctxWith = (credentials: AwsCredentials | undefined, over: Partial<LookupContext> = {}): LookupContext => ({ accountId: ACCOUNT, region: REGION, credentials: async () => credentials, ...over });
const hookCtx = (over: Partial<LookupContext> = {}) => ctxWith(sessions.get(HOOK), over);
const controller = () => new AbortController().signal;

/** One lookup: the fact, or the LookupError's reason. */
async function look(request: FactRequest, ctx: LookupContext = hookCtx()): Promise<{ ok: true; value: unknown } | { ok: false; why: string }> {
  try {
    return { ok: true, value: await awsFactSource(ctx)(request, controller()) };
  } catch (e) {
    if (e instanceof LookupError) return { ok: false, why: e.why };
    throw e;
  }
}

beforeAll(async () => {
  moto = await startMoto();
  for (const k of Object.keys(ENV)) saved[k] = process.env[k];
  for (const [k, v] of Object.entries(ENV)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  setEndpoint(moto.endpoint);
  const cfg = { region: REGION, credentials: ADMIN };
  const kms = new KMSClient(cfg);
  const iam = new IAMClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const logs = new CloudWatchLogsClient(cfg);
  const cfn = new CloudFormationClient(cfg);
  const sts = new STSClient(cfg);
  try {
    // ---- KMS
    const key = async (input: Record<string, unknown> = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!.Arn!;
    S.keyRotating = await key({ Description: 'ci artifacts' });
    await kms.send(new EnableKeyRotationCommand({ KeyId: S.keyRotating }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/ci-artifacts', TargetKeyId: S.keyRotating }));
    S.keyNoRotation = await key();
    S.keyDisabled = await key();
    await kms.send(new EnableKeyRotationCommand({ KeyId: S.keyDisabled }));
    await kms.send(new DisableKeyCommand({ KeyId: keyId(S.keyDisabled) })); // moto's DisableKey takes a key ID only (an ARN: HTTP 500)
    S.keyAsymmetric = await key({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    S.keyPendingDeletion = await key();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId(S.keyPendingDeletion), PendingWindowInDays: 7 }));
    S.keyForCache = await key();

    // ---- IAM: managed policies with versions (the default is not the first), roles, profiles, groups
    S.deployPolicy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'ci-deploy', Path: '/ci/', PolicyDocument: JSON.stringify(narrow) }))).Policy!.Arn!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: S.deployPolicy, PolicyDocument: JSON.stringify(adminWithPercent), SetAsDefault: true }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: S.deployPolicy, PolicyDocument: JSON.stringify(narrow), SetAsDefault: false }));
    S.boundaryPolicy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'ci-boundary', PolicyDocument: JSON.stringify(boundary) }))).Policy!.Arn!;
    S.groupPolicy = (await iam.send(new CreatePolicyCommand({ PolicyName: 'ci-group', PolicyDocument: JSON.stringify(narrow) }))).Policy!.Arn!;

    await iam.send(new CreateRoleCommand({ RoleName: 'ci-build', Path: '/ci/', AssumeRolePolicyDocument: JSON.stringify(codebuildTrust) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'ci-build', PolicyName: 'inline-a', PolicyDocument: JSON.stringify(inlineA) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'ci-build', PolicyName: 'inline-b', PolicyDocument: JSON.stringify(inlineB) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'ci-build', PolicyArn: S.deployPolicy }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'ci-build', PermissionsBoundary: S.boundaryPolicy }));
    await iam.send(new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: JSON.stringify(codebuildTrust) }));

    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'runner-profile', Path: '/ci/' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'runner-profile', RoleName: 'ci-build' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'empty-profile' }));

    await iam.send(new CreateGroupCommand({ GroupName: 'deployers' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'deployers', PolicyName: 'pass', PolicyDocument: JSON.stringify(inlineB) }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'deployers', PolicyArn: S.groupPolicy }));
    await iam.send(new CreateGroupCommand({ GroupName: 'empty-group' }));

    // ---- S3
    const bucket = (name: string) => s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    for (const b of ['ci-hardened', 'ci-weak', 'ci-bare', 'ci-access-logs', 'ci-dupkeys']) await bucket(b);
    // a policy IAM and a strict parser may read differently (moto stores the text as given)
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'ci-dupkeys', Policy: DUPKEYS_POLICY }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ci-hardened', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'ci-access-logs', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::ci-access-logs/*' }] }) }));
    await s3.send(new PutBucketLoggingCommand({ Bucket: 'ci-hardened', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'ci-access-logs', TargetPrefix: 'ci-hardened/' } } }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ci-hardened', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: S.keyRotating } }] } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'ci-hardened', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'ci-hardened', Policy: JSON.stringify(bucketPolicy('ci-hardened')) }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'ci-weak', VersioningConfiguration: { Status: 'Suspended' } }));
    await s3.send(new PutBucketEncryptionCommand({ Bucket: 'ci-weak', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }));
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'ci-weak', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false } }));

    // ---- CloudWatch Logs
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ci/hardened', kmsKeyId: S.keyRotating }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/ci/hardened', retentionInDays: 365 }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ci/hardened-twin' })); // shares the prefix
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/ci/weak' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/ci/weak', retentionInDays: 1 }));

    // ---- CloudFormation exports: 130 (moto pages ListExports by 100), the one looked up on the second page
    const outputs: Record<string, unknown> = {};
    for (let i = 0; i < 130; i++) outputs[`O${i}`] = { Value: `value-${i}`, Export: { Name: `ci-export-${String(i).padStart(3, '0')}` } };
    outputs.Vpc = { Value: 'vpc-0a1b2c3d4e5f67890', Export: { Name: 'ci-vpc-id' } };
    await cfn.send(new CreateStackCommand({ StackName: 'ci-network', TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } }, Outputs: outputs }) }));

    // ---- the hook's role (exactly lookupPermissions(), plus moto's S3 quirk), roles lacking one action, an admin
    const roleSession = async (name: string, actions: string[]): Promise<void> => {
      await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustAccount }));
      await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'lookups', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }) }));
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${name}`, RoleSessionName: 'test' }))).Credentials!;
      sessions.set(name, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    };
    await roleSession(HOOK, [...lookupPermissions(), ...MOTO_S3_QUIRK]);
    await roleSession('hook-no-s3-listbucket', lookupPermissions());
    for (const d of DENIED) await roleSession(`without-${d.missing.replace(':', '-')}`, [...lookupPermissions(), ...MOTO_S3_QUIRK].filter((a) => a !== d.missing));
    await roleSession('admin', ['*']);
    // moto's IAM authorization on: from here every request is signed and checked against the caller's policies
    await moto.setAuth(true);
  } finally {
    for (const c of [kms, iam, s3, logs, cfn, sts]) c.destroy();
  }
}, 30000);

afterAll(async () => {
  await moto?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  clearLookupCache();
});

beforeEach(() => {
  clearLookupCache();
  setEndpoint(moto.endpoint);
});

// ---------------------------------------------------------------------------------------------------

describe('kms.key', () => {
  test('a customer-managed key with rotation, by ARN, bare key ID, alias name and alias ARN', async () => {
    const fact = { arn: S.keyRotating, awsManaged: false, enabled: true, rotation: true };
    const id = S.keyRotating.split('/').pop() as string;
    for (const ref of [S.keyRotating, id, 'alias/ci-artifacts', `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ci-artifacts`]) {
      expect(await look({ kind: 'kms.key', ref })).toEqual({ ok: true, value: fact });
    }
  });

  test('without rotation; disabled; asymmetric (rotation cannot be asked); pending deletion', async () => {
    expect(await look({ kind: 'kms.key', ref: S.keyNoRotation })).toEqual({ ok: true, value: { arn: S.keyNoRotation, awsManaged: false, enabled: true, rotation: false } });
    expect(await look({ kind: 'kms.key', ref: S.keyDisabled })).toEqual({ ok: true, value: { arn: S.keyDisabled, awsManaged: false, enabled: false, rotation: true } });
    expect(await look({ kind: 'kms.key', ref: S.keyAsymmetric })).toEqual({ ok: true, value: { arn: S.keyAsymmetric, awsManaged: false, enabled: true } });
    // pending deletion: not enabled. moto difference: moto answers GetKeyRotationStatus for it, AWS refuses with
    // KMSInvalidStateException — the source tolerates that (rotation then stays undefined, the key is still
    // described as disabled instead of the whole lookup failing), which moto cannot show
    expect(await look({ kind: 'kms.key', ref: S.keyPendingDeletion })).toEqual({ ok: true, value: { arn: S.keyPendingDeletion, awsManaged: false, enabled: false, rotation: false } });
  });

  test('a key in another region is asked in the region its ARN names', async () => {
    const arn = S.keyRotating.replace(`:${REGION}:`, ':us-east-1:');
    expect(await look({ kind: 'kms.key', ref: arn })).toEqual({ ok: false, why: 'not found (kms:DescribeKey)' });
    // and a region of the ARN that the request does not share is used, not the request's (found in eu-west-1)
    expect(await look({ kind: 'kms.key', ref: S.keyRotating }, hookCtx({ region: 'us-east-1' }))).toEqual({ ok: true, value: expect.objectContaining({ arn: S.keyRotating }) });
  });

  test('not found: a key ID and an alias that do not exist', async () => {
    expect(await look({ kind: 'kms.key', ref: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6` })).toEqual({ ok: false, why: 'not found (kms:DescribeKey)' });
    expect(await look({ kind: 'kms.key', ref: 'alias/nothing-here' })).toEqual({ ok: false, why: 'not found (kms:DescribeKey)' });
  });

  test('moto quirk pinned: alias/aws/s3 comes back customer-managed (AWS: KeyManager AWS), so no moto key is AWS managed', async () => {
    // the controls never look alias/aws/* up (src/predicates/cmk.ts judges the name); the fact source reports what
    // KMS says, and AWS says AWS. If this starts failing, moto learnt AWS managed keys: test awsManaged: true here.
    const r = await look({ kind: 'kms.key', ref: 'alias/aws/s3' });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ awsManaged: false }) });
  });
});

describe('iam.role, iam.policy, iam.instanceProfile, iam.group', () => {
  test('a role: trust policy, inline and attached policies (the default version, not the first), boundary', async () => {
    const fact = {
      arn: `arn:aws:iam::${ACCOUNT}:role/ci/ci-build`,
      trustPolicy: codebuildTrust,
      policies: [
        { source: 'inline:inline-a', document: inlineA },
        { source: 'inline:inline-b', document: inlineB },
        { source: S.deployPolicy, document: adminWithPercent },
      ],
      permissionsBoundaryArn: S.boundaryPolicy,
    };
    expect(await look({ kind: 'iam.role', ref: 'ci-build' })).toEqual({ ok: true, value: fact });
    expect(await look({ kind: 'iam.role', ref: `arn:aws:iam::${ACCOUNT}:role/ci/ci-build` })).toEqual({ ok: true, value: fact });
    expect(await look({ kind: 'iam.role', ref: 'bare' })).toEqual({ ok: true, value: { arn: `arn:aws:iam::${ACCOUNT}:role/bare`, trustPolicy: codebuildTrust, policies: [] } });
  });

  test('a customer-managed policy: the default version (v2 of three) as JSON, a "%" kept', async () => {
    expect(await look({ kind: 'iam.policy', ref: S.deployPolicy })).toEqual({ ok: true, value: { arn: S.deployPolicy, document: adminWithPercent } });
  });

  test('an instance profile with its role, one without', async () => {
    expect(await look({ kind: 'iam.instanceProfile', ref: 'runner-profile' })).toEqual({ ok: true, value: { arn: `arn:aws:iam::${ACCOUNT}:instance-profile/ci/runner-profile`, roles: [`arn:aws:iam::${ACCOUNT}:role/ci/ci-build`] } });
    expect(await look({ kind: 'iam.instanceProfile', ref: `arn:aws:iam::${ACCOUNT}:instance-profile/empty-profile` })).toEqual({ ok: true, value: { arn: `arn:aws:iam::${ACCOUNT}:instance-profile/empty-profile`, roles: [] } });
  });

  test('a group with inline and attached policies, one without', async () => {
    expect(await look({ kind: 'iam.group', ref: 'deployers' })).toEqual({ ok: true, value: { arn: `arn:aws:iam::${ACCOUNT}:group/deployers`, policies: [{ source: 'inline:pass', document: inlineB }, { source: S.groupPolicy, document: narrow }] } });
    expect(await look({ kind: 'iam.group', ref: 'empty-group' })).toEqual({ ok: true, value: { arn: `arn:aws:iam::${ACCOUNT}:group/empty-group`, policies: [] } });
  });

  test('not found', async () => {
    expect(await look({ kind: 'iam.role', ref: 'no-such-role' })).toEqual({ ok: false, why: 'not found (iam:GetRole)' });
    expect(await look({ kind: 'iam.policy', ref: `arn:aws:iam::${ACCOUNT}:policy/no-such` })).toEqual({ ok: false, why: 'not found (iam:GetPolicy)' });
    expect(await look({ kind: 'iam.policy', ref: 'not-an-arn' })).toEqual({ ok: false, why: 'not a policy ARN' });
    expect(await look({ kind: 'iam.instanceProfile', ref: 'no-such' })).toEqual({ ok: false, why: 'not found (iam:GetInstanceProfile)' });
    expect(await look({ kind: 'iam.group', ref: 'no-such' })).toEqual({ ok: false, why: 'not found (iam:GetGroup)' });
  });

  test('moto difference pinned: AWS managed policies are not loaded here (AWS: they exist)', async () => {
    expect(await look({ kind: 'iam.policy', ref: 'arn:aws:iam::aws:policy/AdministratorAccess' })).toEqual({ ok: false, why: 'not found (iam:GetPolicy)' });
  });
});

const DUPKEYS_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::ci-dupkeys/*"}]}';

describe('s3.bucket', () => {
  test('a policy that cannot be read exactly (duplicate keys) keeps its text, for the readers to fail — never "no policy"', async () => {
    const r = await look({ kind: 's3.bucket', ref: 'ci-dupkeys' });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ policy: expect.any(String) }) });
  });

  test('hardened: versioning, logging, SSE-KMS with its key, public access block, policy (plain JSON, never URL-decoded)', async () => {
    const fact = {
      versioning: true,
      logging: true,
      encryption: { algorithm: 'aws:kms', keyId: S.keyRotating },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      policy: bucketPolicy('ci-hardened'),
    };
    expect(await look({ kind: 's3.bucket', ref: 'ci-hardened' })).toEqual({ ok: true, value: fact });
    expect(await look({ kind: 's3.bucket', ref: 'arn:aws:s3:::ci-hardened' })).toEqual({ ok: true, value: fact });
  });

  test('weak: versioning suspended, no logging, AES256, a partial public access block, no policy', async () => {
    expect(await look({ kind: 's3.bucket', ref: 'ci-weak' })).toEqual({
      ok: true,
      value: { versioning: false, logging: false, encryption: { algorithm: 'AES256' }, publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } },
    });
  });

  test('bare: nothing configured (no encryption configuration, no public access block, no policy: absent, not an error)', async () => {
    expect(await look({ kind: 's3.bucket', ref: 'ci-bare' })).toEqual({ ok: true, value: { versioning: false, logging: false } });
  });

  test('not found', async () => {
    expect(await look({ kind: 's3.bucket', ref: 'ci-no-such-bucket' })).toEqual({ ok: false, why: expect.stringMatching(/^not found \(s3:Get/) });
  });

  test('moto quirk pinned: moto asks s3:ListBucket for GetBucketEncryption/GetPublicAccessBlock (AWS: GetEncryptionConfiguration, GetBucketPublicAccessBlock)', async () => {
    const r = await look({ kind: 's3.bucket', ref: 'ci-hardened' }, ctxWith(sessions.get('hook-no-s3-listbucket')));
    expect(r).toEqual({ ok: false, why: expect.stringMatching(/^access denied: the hook's role needs s3:(GetEncryptionConfiguration|GetBucketPublicAccessBlock)$/) });
    // the role of the suite differs from lookupPermissions() by exactly this one action
    expect(MOTO_S3_QUIRK.filter((a) => lookupPermissions().includes(a))).toEqual([]);
  });
});

describe('s3.bucketOwner', () => {
  test('a bucket of the request\'s account (the name, or its ARN): S3 answers the call made with ExpectedBucketOwner', async () => {
    expect(await look({ kind: 's3.bucketOwner', ref: 'ci-hardened' })).toEqual({ ok: true, value: { ownAccount: true } });
    expect(await look({ kind: 's3.bucketOwner', ref: 'arn:aws:s3:::ci-bare' })).toEqual({ ok: true, value: { ownAccount: true } });
  });

  test('a refusal (403) is "not the account\'s": here the role without s3:GetBucketVersioning, as AWS refuses a bucket of another account', async () => {
    expect(await look({ kind: 's3.bucketOwner', ref: 'ci-hardened' }, ctxWith(sessions.get('without-s3-GetBucketVersioning')))).toEqual({ ok: true, value: { ownAccount: false } });
  });

  test('moto quirk pinned: moto ignores ExpectedBucketOwner (AWS answers 403 AccessDenied for a bucket of another account)', async () => {
    expect(await look({ kind: 's3.bucketOwner', ref: 'ci-hardened' }, hookCtx({ accountId: '210987654321' }))).toEqual({ ok: true, value: { ownAccount: true } });
  });

  test('not found stays a failed lookup (never "not the account\'s")', async () => {
    expect(await look({ kind: 's3.bucketOwner', ref: 'ci-no-such-bucket' })).toEqual({ ok: false, why: 'not found (s3:GetBucketVersioning)' });
  });
});

describe('logs.group', () => {
  test('with a KMS key and retention (by name and by ARN with :*), without (a prefix twin is not taken)', async () => {
    const hardened = { kmsKeyId: S.keyRotating, retentionDays: 365 };
    expect(await look({ kind: 'logs.group', ref: '/ci/hardened' })).toEqual({ ok: true, value: hardened });
    expect(await look({ kind: 'logs.group', ref: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ci/hardened:*` })).toEqual({ ok: true, value: hardened });
    expect(await look({ kind: 'logs.group', ref: '/ci/hardened-twin' })).toEqual({ ok: true, value: {} });
    expect(await look({ kind: 'logs.group', ref: '/ci/weak' })).toEqual({ ok: true, value: { retentionDays: 1 } });
  });

  test('not found (also: the ARN names another region, where the group is not)', async () => {
    expect(await look({ kind: 'logs.group', ref: '/ci/no-such' })).toEqual({ ok: false, why: 'not found (logs:DescribeLogGroups)' });
    expect(await look({ kind: 'logs.group', ref: `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/ci/hardened` })).toEqual({ ok: false, why: 'not found (logs:DescribeLogGroups)' });
  });
});

describe('cloudformation.export', () => {
  test('an export on the second page of ListExports, and the last one', async () => {
    expect(await look({ kind: 'cloudformation.export', ref: 'ci-export-125' })).toEqual({ ok: true, value: { value: 'value-125' } });
    expect(await look({ kind: 'cloudformation.export', ref: 'ci-vpc-id' })).toEqual({ ok: true, value: { value: 'vpc-0a1b2c3d4e5f67890' } });
  });

  test('not found', async () => {
    expect(await look({ kind: 'cloudformation.export', ref: 'no-such-export' })).toEqual({ ok: false, why: 'not found (cloudformation:ListExports)' });
  });
});

describe('codebuild.fleet and ecr.pullThroughCache: moto 5 does not implement the APIs (error path only)', () => {
  test('moto answers an HTML page with HTTP 500: the lookup fails closed naming the call, never a fact', async () => {
    expect(await look({ kind: 'codebuild.fleet', ref: 'ci-fleet' })).toEqual({ ok: false, why: 'codebuild:BatchGetFleets failed (HTTP 500, not an AWS answer)' });
    expect(await look({ kind: 'ecr.pullThroughCache', ref: ACCOUNT })).toEqual({ ok: false, why: 'ecr:DescribePullThroughCacheRules failed (HTTP 500, not an AWS answer)' });
  });
});

// ---------------------------------------------------------------------------------------------------

describe('access denied: the reason names exactly the missing action', () => {
  test.each(DENIED.map((d) => [d.missing, d]))('without %s', async (_, d) => {
    const r = await look(d.request(), ctxWith(sessions.get(`without-${d.missing.replace(':', '-')}`)));
    expect(r).toEqual({ ok: false, why: `access denied: the hook's role needs ${d.missing}` });
  });

  test('the same requests pass with the hook role (the denial is the one missing action, not something else)', async () => {
    for (const d of DENIED) expect(await look(d.request())).toMatchObject({ ok: true });
  });

  test('every action of LOOKUP_PERMISSIONS a moto-implemented kind calls is exercised by a denied case or the quirk', () => {
    const implemented = Object.entries(LOOKUP_PERMISSIONS).filter(([kind]) => kind !== 'codebuild.fleet' && kind !== 'ecr.pullThroughCache');
    const actions = new Set(implemented.flatMap(([, a]) => a));
    const covered = new Set([...DENIED.map((d) => d.missing), 's3:GetEncryptionConfiguration', 's3:GetBucketPublicAccessBlock']);
    // actions checked only indirectly (the role's list calls that moto authorizes like AWS but no case removes)
    const notRemoved = [...actions].filter((a) => !covered.has(a)).sort();
    expect(notRemoved).toEqual(['iam:GetGroup', 'iam:ListAttachedGroupPolicies', 'iam:ListGroupPolicies', 'iam:ListRolePolicies', 's3:GetBucketLogging']);
  });

  test('credentials the API rejects are not reported as a missing permission', async () => {
    // IAM (a query/XML API): moto answers InvalidClientTokenId like AWS. (moto's auth errors on the JSON APIs, KMS and
    // Logs, come back as XML the SDK cannot read; their HTTP 403 still makes them "access denied", as AWS's
    // AccessDeniedException does.)
    const bad = ctxWith({ accessKeyId: 'AKIAUNKNOWNUNKNOWN01', secretAccessKey: 'x', sessionToken: 'y' });
    expect(await look({ kind: 'iam.role', ref: 'ci-build' }, bad)).toEqual({ ok: false, why: 'the credentials for the lookup were rejected on iam:GetRole (InvalidClientTokenId)' });
    expect(await look({ kind: 'cloudformation.export', ref: 'ci-vpc-id' }, bad)).toEqual({ ok: false, why: 'the credentials for the lookup were rejected on cloudformation:ListExports (InvalidClientTokenId)' });
  });
});

describe('the deadline', () => {
  test('a server that accepts and never answers: the engine ends the lookup at its deadline, reported as timed out', async () => {
    const hole = await blackHole();
    try {
      setEndpoint(hole.endpoint);
      const table = factTable(ACCOUNT);
      const request: FactRequest = { kind: 'kms.key', ref: S.keyRotating };
      table.planned.set(factKey(request), request);
      const started = Date.now();
      await fetchPlanned(table, awsFactSource(hookCtx()), Date.now() + 400);
      const elapsed = Date.now() - started;
      expect(table.answers.get(factKey(request))).toEqual({ ok: false, why: "timed out (the hook's lookup deadline of 0.4 s)" });
      expect(elapsed).toBeGreaterThanOrEqual(350);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await hole.close();
    }
  });
});

describe('the warm cache', () => {
  test('a second lookup is served without a request (the endpoint is dead by then)', async () => {
    const first = await look({ kind: 'kms.key', ref: S.keyRotating });
    expect(first.ok).toBe(true);
    setEndpoint(await deadEndpoint());
    expect(await look({ kind: 'kms.key', ref: S.keyRotating })).toEqual(first);
    // the dead endpoint really is dead: an uncached request fails
    expect(await look({ kind: 'kms.key', ref: S.keyNoRotation })).toMatchObject({ ok: false });
    // keyed by account: the same ref for another account is not served from the cache
    expect(await look({ kind: 'kms.key', ref: S.keyRotating }, hookCtx({ accountId: '210987654321' }))).toMatchObject({ ok: false });
  });

  test('peek answers what the warm cache holds, synchronously, and nothing else', async () => {
    const src = awsFactSource(hookCtx());
    const held: FactRequest = { kind: 'kms.key', ref: S.keyRotating };
    const first = await look(held);
    expect(first.ok).toBe(true);
    expect(src.peek?.(held)).toEqual((first as { value: unknown }).value);
    expect(src.peek?.({ kind: 'kms.key', ref: 'alias/never-looked-up' })).toBeUndefined();
  });

  test('an answer expires after CACHE_TTL_MS (injected clock): the next lookup asks again and sees the change', async () => {
    let now = 1_000_000;
    const source = () => awsFactSource(hookCtx(), () => now);
    const request: FactRequest = { kind: 'kms.key', ref: S.keyForCache };
    expect(await source()(request, controller())).toMatchObject({ rotation: false });
    const admin = new KMSClient({ region: REGION, credentials: sessions.get('admin') });
    try {
      await admin.send(new EnableKeyRotationCommand({ KeyId: keyId(S.keyForCache) }));
    } finally {
      admin.destroy();
    }
    now += CACHE_TTL_MS - 1;
    expect(await source()(request, controller())).toMatchObject({ rotation: false });
    now += 1;
    expect(await source()(request, controller())).toMatchObject({ rotation: true });
  });

  test('failures are not cached', async () => {
    const request: FactRequest = { kind: 'logs.group', ref: '/ci/created-later' };
    expect(await look(request)).toEqual({ ok: false, why: 'not found (logs:DescribeLogGroups)' });
    const admin = new CloudWatchLogsClient({ region: REGION, credentials: sessions.get('admin') });
    try {
      await admin.send(new CreateLogGroupCommand({ logGroupName: '/ci/created-later' }));
    } finally {
      admin.destroy();
    }
    expect(await look(request)).toEqual({ ok: true, value: {} });
  });

  test(`bounded: at most CACHE_MAX_ENTRIES (${CACHE_MAX_ENTRIES}); the oldest answer goes first`, async () => {
    const request: FactRequest = { kind: 'iam.instanceProfile', ref: 'empty-profile' };
    // one answer per account (the cache key holds the account): CACHE_MAX_ENTRIES + 1 real lookups
    const account = (i: number) => String(100000000000 + i);
    const fill = async (i: number) => expect(await look(request, hookCtx({ accountId: account(i) }))).toMatchObject({ ok: true });
    await fill(0); // the oldest
    for (let i = 1; i < CACHE_MAX_ENTRIES; i += 25) await Promise.all(Array.from({ length: Math.min(25, CACHE_MAX_ENTRIES - i) }, (_, j) => fill(i + j)));
    await fill(CACHE_MAX_ENTRIES); // one more than the cache holds
    setEndpoint(await deadEndpoint());
    expect(await look(request, hookCtx({ accountId: account(0) }))).toMatchObject({ ok: false }); // evicted
    expect(await look(request, hookCtx({ accountId: account(1) }))).toMatchObject({ ok: true });
    expect(await look(request, hookCtx({ accountId: account(CACHE_MAX_ENTRIES) }))).toMatchObject({ ok: true });
  });
});

test('the KMS client the suite seeds with is the real SDK against moto (not a stand-in)', async () => {
  const kms = new KMSClient({ region: REGION, credentials: sessions.get('admin') });
  try {
    expect((await kms.send(new DescribeKeyCommand({ KeyId: S.keyRotating }))).KeyMetadata?.KeyManager).toBe('CUSTOMER');
    const s3 = new S3Client({ region: REGION, credentials: sessions.get('admin'), forcePathStyle: true });
    await expect(s3.send(new GetBucketEncryptionCommand({ Bucket: 'ci-bare' }))).rejects.toMatchObject({ name: expect.stringMatching(/ServerSideEncryptionConfigurationNotFound/) });
    s3.destroy();
  } finally {
    kms.destroy();
  }
});

// ---------------------------------------------------------------------------------------------------
// End to end through the registry entry: handleHookEvent with its default lookups (awsFactSource), the execution
// role's session as callerCredentials, AWS_ENDPOINT_URL at moto.

describe('the registry entry with default lookups (CICD.CODEBUILD.7 on a key named by ARN)', () => {
  const project = (key: string) => ({ ...codebuildProject(), EncryptionKey: key });
  async function invoke(key: string, credentials: AwsCredentials | undefined, hookModel?: unknown) {
    const event = buildRequest({ type: 'AWS::CodeBuild::Project', properties: project(key), hookModel }) as { requestData: Record<string, unknown> };
    if (credentials) event.requestData.callerCredentials = JSON.stringify(credentials);
    else delete event.requestData.callerCredentials;
    let ev: Evaluation | undefined;
    const response = await handleHookEvent(event, { now: () => NOW, sink: { write: () => undefined }, deliver: undefined, stackTemplate: undefined, onEvaluation: (e) => (ev = e) });
    const cmk = ev?.outcomes.find((o) => o.control.id === 'CICD.CODEBUILD.7');
    return { response, cmk };
  }

  // other controls look up other references of the fixture (its log group, its role): this suite judges the key's
  // control and the key's lookup only, never the whole answer of a project whose other references moto lacks
  test('a key moto says is customer-managed: the control passes, its lookup is not reported', async () => {
    const { response, cmk } = await invoke(S.keyRotating, sessions.get(HOOK));
    expect(cmk).toMatchObject({ status: 'PASS', findings: [], unknowns: [] });
    expect(JSON.stringify(response)).not.toContain('named in EncryptionKey');
  });

  test('the same key with the execution role lacking kms:DescribeKey: FAILED naming the property and kms:DescribeKey', async () => {
    const { response, cmk } = await invoke(S.keyRotating, sessions.get('without-kms-DescribeKey'));
    expect(cmk?.status).toBe('FAIL');
    expect(cmk?.findings.map((f) => f.path)).toEqual(['EncryptionKey']);
    expect(response).toMatchObject({ hookStatus: 'FAILED' });
    expect(String((response as { message?: string }).message)).toContain("access denied: the hook's role needs kms:DescribeKey");
  });

  test('the same with LookupFailureMode UNKNOWN: UNKNOWN, not PASS', async () => {
    const { response, cmk } = await invoke(S.keyRotating, sessions.get('without-kms-DescribeKey'), { LookupFailureMode: 'UNKNOWN' });
    expect(cmk?.status).toBe('UNKNOWN');
    expect(cmk?.unknowns.map((u) => u.path)).toEqual(['EncryptionKey']);
    expect(response).toMatchObject({ hookStatus: 'FAILED' });
  });

  test('a registry request without callerCredentials: the lookup fails closed, naming the execution role', async () => {
    const { response, cmk } = await invoke(S.keyRotating, undefined);
    expect(cmk?.status).toBe('FAIL');
    expect(response).toMatchObject({ hookStatus: 'FAILED' });
    expect(String((response as { message?: string }).message)).toContain('the hook received no credentials for its execution role (register it with an ExecutionRoleArn)');
  });
});
