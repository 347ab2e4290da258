/**
 * Make the facts of "compliant" hook requests true in a real emulator (moto_server), so suites that run the
 * REAL entry point (live lookups on, fail closed) judge compliant fixtures against resources that exist.
 *
 * 1. askedFacts(requests): every fact the engine asks for the requests — handleHookEvent runs once per request
 *    with a recording fact source that answers a compliant fact of each kind (so chains continue: an instance
 *    profile to its role, a bucket to its encryption key).
 * 2. seedMoto(endpoint, asked): each asked resource is created in moto through the AWS SDK v3, compliant:
 *    customer-managed KMS keys with rotation (by alias; by ID only the IDs of MOTO_SEEDED_KEY_IDS, as moto cannot
 *    create a key with a chosen ID),
 *    roles/groups/instance profiles with one least-privilege inline policy, least-privilege managed policies, hardened buckets
 *    (versioning, public access block, SSE-KMS with a created CMK, access logging), log groups (365 days,
 *    a CMK), stacks with the asked exports. What moto cannot emulate is reported in `unsupported`.
 * 3. startSeededMoto(requests) does both on a fresh moto_server for one test file and records every request moto
 *    receives from then on (its request recorder): notLookedUp() lists the seeded facts the hook has not asked
 *    moto for, so a suite fails if the entry point silently stopped looking up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleHookEvent } from '../../src/protocol/hook';
import type { FactRequest } from '../../src/model';
import type { LookupContext } from '../../src/facts/aws';
import { MOTO_CREDENTIALS, startMoto } from './moto';

export const SEED_ACCOUNT = '123456789012';

/** One fact the engine asked for, with where the hook would look for it (the request's account and region). */
export interface AskedFact {
  request: FactRequest;
  accountId: string;
  /** The region the lookup uses when the reference names none (the request's stack region). */
  region: string;
}

export const factKeyOf = (r: FactRequest): string => `${r.kind} ${r.ref}`;

const SEED_PREFIX = 'pipeline-guard-seed';
/** The key a seeded bucket encrypts with (its alias, created by the seeding): the recording answers it, so the chain is recorded too. */
export const BUCKET_KEY_ALIAS = `alias/${SEED_PREFIX}-bucket`;
/** The key a seeded log group encrypts with. */
export const LOG_KEY_ALIAS = `alias/${SEED_PREFIX}-logs`;

function regionOfRef(ref: string, fallback: string): string {
  const parts = ref.split(':');
  return ref.startsWith('arn:') && parts.length > 3 && parts[3] !== '' ? parts[3] : fallback;
}

function lastSegment(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const resource = ref.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/** A compliant answer of the request's kind (the recording run only: the verdict of that run is not used). */
function compliantFact(request: FactRequest, ctx: LookupContext): unknown {
  const acct = ctx.accountId;
  const region = regionOfRef(request.ref, ctx.region);
  switch (request.kind) {
    case 'kms.key':
      return { arn: request.ref.startsWith('arn:') ? request.ref : `arn:aws:kms:${region}:${acct}:key/00000000-0000-4000-8000-000000000000`, awsManaged: false, enabled: true, rotation: true };
    case 'iam.role':
      return { arn: request.ref.startsWith('arn:') ? request.ref : `arn:aws:iam::${acct}:role/${request.ref}`, trustPolicy: { Version: '2012-10-17', Statement: [] }, policies: [] };
    case 'iam.policy':
      return { arn: request.ref, document: LEAST_PRIVILEGE_POLICY };
    case 'iam.instanceProfile':
      // the seeded profile holds one role of its own name: the chain asks for it
      return { arn: request.ref.startsWith('arn:') ? request.ref : `arn:aws:iam::${acct}:instance-profile/${request.ref}`, roles: [`arn:aws:iam::${acct}:role/${lastSegment(request.ref)}`] };
    case 'iam.group':
      return { arn: request.ref.startsWith('arn:') ? request.ref : `arn:aws:iam::${acct}:group/${request.ref}`, policies: [] };
    case 's3.bucket':
      return {
        versioning: true,
        logging: true,
        encryption: { algorithm: 'aws:kms', keyId: `arn:aws:kms:${region}:${acct}:${BUCKET_KEY_ALIAS}` },
        publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      };
    case 's3.bucketOwner':
      return { ownAccount: true };
    case 'logs.group':
      return { kmsKeyId: `arn:aws:kms:${region}:${acct}:${LOG_KEY_ALIAS}`, retentionDays: 365 };
    case 'codebuild.fleet':
      return { arn: request.ref.startsWith('arn:') ? request.ref : `arn:aws:codebuild:${region}:${acct}:fleet/${request.ref}:1`, vpc: true };
    case 'ecr.pullThroughCache':
      return { rules: [] };
    case 'cloudformation.export':
      return { value: 'seeded' };
  }
}

/** What a seeded customer-managed policy grants: one read action on one bucket's objects. */
export const LEAST_PRIVILEGE_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${SEED_PREFIX}-artifacts/*` }],
};


/** A fact the engine asks, and what the hook's own call for it looks like in moto's request log. */
export interface Seeded {
  /** `<kind> <ref>` as the engine asks it. */
  fact: string;
  /** `<service>:<Action> <main parameter>`: the lookup's first call (src/facts/aws.ts). */
  call: string;
}

export interface Unsupported {
  fact: string;
  why: string;
}

/**
 * Key IDs moto gives the first key created after `POST /moto-api/seed?a=<n>` (its random generator seeded:
 * the key ID is CreateKey's first draw). moto cannot create a key with a chosen ID — its CreateKey draws a
 * uuid4 and ignores the `_custom_id_` tag (a LocalStack convention; moto 5.2.1 kms/utils.py generate_key_id),
 * so a fixture naming a key by ARN or ID names one of these. The seeding checks the ID moto really gave.
 */
export const MOTO_SEEDED_KEY_IDS: Readonly<Record<string, number>> = { 'bdd640fb-0667-4ad1-9c80-317fa3b1799d': 42 };
/** The customer-managed key the contract fixtures name by ARN. */
export const FIXTURE_KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/bdd640fb-0667-4ad1-9c80-317fa3b1799d';

/**
 * Every fact the engine asks for these hook requests (deduplicated by kind, ref and region), each with the
 * target that asked it first. A chain the recording answers itself (a bucket's key, a log group's key, an
 * instance profile's role) is recorded too; the seeding creates it with its parent.
 */
export async function askedFacts(requests: unknown[], exportValues: Record<string, string> = {}): Promise<Array<AskedFact & { target: string }>> {
  const out = new Map<string, AskedFact & { target: string }>();
  for (const event of requests) {
    const target = String((event as { requestData?: { targetName?: unknown } })?.requestData?.targetName ?? '');
    await handleHookEvent(JSON.parse(JSON.stringify(event)), {
      sink: { write: () => undefined },
      deliver: undefined,
      stackTemplate: undefined,
      lookups: (ctx) => async (request) => {
        const key = `${factKeyOf(request)}|${regionOfRef(request.ref, ctx.region)}`;
        if (!out.has(key)) out.set(key, { request: { ...request }, accountId: ctx.accountId, region: ctx.region, target });
        if (request.kind === 'cloudformation.export') return { value: exportValues[request.ref] ?? defaultExportValue(request.ref) };
        return compliantFact(request, ctx);
      },
    });
  }
  return [...out.values()];
}

const defaultExportValue = (name: string): string => `${SEED_PREFIX}-${name}`;

// ---------------------------------------------------------------------------------------------------
// creating the facts in moto
// ---------------------------------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const kmsSdk = () => require('@aws-sdk/client-kms');
const iamSdk = () => require('@aws-sdk/client-iam');
const s3Sdk = () => require('@aws-sdk/client-s3');
const logsSdk = () => require('@aws-sdk/client-cloudwatch-logs');
const cfnSdk = () => require('@aws-sdk/client-cloudformation');

/** One HTTP exchange with moto's own API, without keep-alive (a pooled socket would outlive the suite). */
function motoApi(endpoint: string, path: string, method = 'POST'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${endpoint}${path}`, { method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

function iamPathAndName(ref: string, type: string): { path: string; name: string } {
  if (!ref.startsWith('arn:')) return { path: '/', name: ref };
  const resource = ref.split(':').slice(5).join(':'); // role/path/name
  const rest = resource.slice(type.length + 1);
  const cut = rest.lastIndexOf('/');
  return cut < 0 ? { path: '/', name: rest } : { path: `/${rest.slice(0, cut)}/`, name: rest.slice(cut + 1) };
}

/** The service a role of this target is for (its trust policy). */
function serviceFor(target: string): string {
  if (/^AWS::(EC2|IAM)::/.test(target)) return 'ec2.amazonaws.com';
  const m = /^AWS::([A-Za-z0-9]+)::/.exec(target);
  return `${(m?.[1] ?? 'codebuild').toLowerCase()}.amazonaws.com`;
}

function trustPolicy(service: string, accountId: string): unknown {
  const statement: Record<string, unknown> = { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' };
  // the confused-deputy guard for services acting for a resource (EC2 assumes a role for the instance itself)
  if (service !== 'ec2.amazonaws.com') statement.Condition = { StringEquals: { 'aws:SourceAccount': accountId } };
  return { Version: '2012-10-17', Statement: [statement] };
}

function keyRefParts(ref: string, fallbackRegion: string): { region: string; keyId?: string; alias?: string } {
  const region = regionOfRef(ref, fallbackRegion);
  const resource = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':') : ref;
  if (resource.startsWith('alias/')) return { region, alias: resource };
  return { region, keyId: resource.replace(/^key\//, '') };
}

class MotoSeeder {
  private readonly clients = new Map<string, any>();
  private readonly done = new Map<string, Promise<unknown>>();
  readonly seeded: Seeded[] = [];
  readonly unsupported: Unsupported[] = [];

  constructor(
    private readonly endpoint: string,
    private readonly accountId: string,
    private readonly exportValues: Record<string, string>,
  ) {}

  private client(service: 'kms' | 'iam' | 's3' | 'logs' | 'cloudformation', region: string): any {
    const key = `${service}/${region}`;
    let c = this.clients.get(key);
    if (!c) {
      const config = { region, endpoint: this.endpoint, credentials: MOTO_CREDENTIALS, ...(service === 's3' ? { forcePathStyle: true } : {}) };
      if (service === 'kms') c = new (kmsSdk().KMSClient)(config);
      else if (service === 'iam') c = new (iamSdk().IAMClient)(config);
      else if (service === 's3') c = new (s3Sdk().S3Client)(config);
      else if (service === 'logs') c = new (logsSdk().CloudWatchLogsClient)(config);
      else c = new (cfnSdk().CloudFormationClient)(config);
      this.clients.set(key, c);
    }
    return c;
  }

  private async send(service: 'kms' | 'iam' | 's3' | 'logs' | 'cloudformation', region: string, command: string, input: Record<string, unknown>): Promise<any> {
    const sdk = { kms: kmsSdk, iam: iamSdk, s3: s3Sdk, logs: logsSdk, cloudformation: cfnSdk }[service]();
    return this.client(service, region).send(new sdk[`${command}Command`](input));
  }

  /** Each resource once, whoever asks (a chain and a template may name the same one). */
  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.done.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.done.set(key, p);
    }
    return p;
  }

  private record(fact: string, call: string): void {
    if (!this.seeded.some((s) => s.fact === fact)) this.seeded.push({ fact, call });
  }

  /** A customer-managed symmetric key with rotation on; `policy` its key policy (moto's default: the account root). */
  private async newKey(region: string, description: string, policy?: unknown): Promise<string> {
    const created = await this.send('kms', region, 'CreateKey', { Description: description, KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT', ...(policy ? { Policy: JSON.stringify(policy) } : {}) });
    const meta = created.KeyMetadata;
    await this.send('kms', region, 'EnableKeyRotation', { KeyId: meta.KeyId });
    return meta.Arn as string;
  }

  /** The key behind an alias in a region, created (with the alias) on first use; its key ARN. */
  keyForAlias(region: string, alias: string, policy?: unknown): Promise<string> {
    return this.once(`kms ${region} ${alias}`, async () => {
      const arn = await this.newKey(region, `${SEED_PREFIX}: ${alias}`, policy);
      await this.send('kms', region, 'CreateAlias', { AliasName: alias, TargetKeyId: arn });
      return arn;
    });
  }

  /** A key with the ID a fixture names (moto's seeded generator: MOTO_SEEDED_KEY_IDS). */
  keyWithId(region: string, keyId: string): Promise<string | undefined> {
    return this.once(`kms ${region} ${keyId}`, async () => {
      const seed = MOTO_SEEDED_KEY_IDS[keyId];
      if (seed === undefined) return undefined;
      const r = await motoApi(this.endpoint, `/moto-api/seed?a=${seed}`);
      if (r.status !== 200) throw new Error(`moto /moto-api/seed answered ${r.status}`);
      const created = await this.send('kms', region, 'CreateKey', { Description: `${SEED_PREFIX}: the fixtures' key`, KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT' });
      const got = created.KeyMetadata.KeyId as string;
      if (got !== keyId) throw new Error(`moto created key ${got} after seeding its generator with ${seed}, not ${keyId}: moto's CreateKey changed how it draws IDs; update MOTO_SEEDED_KEY_IDS and the fixtures naming the key`);
      await this.send('kms', region, 'EnableKeyRotation', { KeyId: got });
      return created.KeyMetadata.Arn as string;
    });
  }

  async kmsKey(asked: AskedFact): Promise<void> {
    const { ref } = asked.request;
    const fact = factKeyOf(asked.request);
    const parts = keyRefParts(ref, asked.region);
    if (parts.alias) {
      // the keys the recording handed to buckets and log groups are created (and recorded) with them
      if (parts.alias === BUCKET_KEY_ALIAS || parts.alias === LOG_KEY_ALIAS) return;
      await this.keyForAlias(parts.region, parts.alias);
    } else {
      const arn = await this.keyWithId(parts.region, parts.keyId as string);
      if (!arn) {
        this.unsupported.push({ fact, why: `moto cannot create a KMS key with a chosen ID (${parts.keyId}): CreateKey draws a random uuid4 and ignores the _custom_id_ tag; name the fixtures' key ${FIXTURE_KEY_ARN} or an alias instead` });
        return;
      }
    }
    this.record(fact, `kms:DescribeKey ${ref}`);
  }

  private async putInlinePolicy(kind: 'Role' | 'Group', name: string): Promise<void> {
    await this.send('iam', 'us-east-1', `Put${kind}Policy`, { [`${kind}Name`]: name, PolicyName: 'read-artifacts', PolicyDocument: JSON.stringify(LEAST_PRIVILEGE_POLICY) });
  }

  role(ref: string, target: string): Promise<string> {
    const { path, name } = iamPathAndName(ref, 'role');
    return this.once(`iam role ${name}`, async () => {
      const created = await this.send('iam', 'us-east-1', 'CreateRole', { RoleName: name, Path: path, AssumeRolePolicyDocument: JSON.stringify(trustPolicy(serviceFor(target), this.accountId)), MaxSessionDuration: 3600 });
      await this.putInlinePolicy('Role', name);
      return created.Role.Arn as string;
    });
  }

  async iamRole(asked: AskedFact & { target: string }): Promise<void> {
    await this.role(asked.request.ref, asked.target);
    this.record(factKeyOf(asked.request), `iam:GetRole ${iamPathAndName(asked.request.ref, 'role').name}`);
  }

  async iamInstanceProfile(asked: AskedFact): Promise<void> {
    const { path, name } = iamPathAndName(asked.request.ref, 'instance-profile');
    await this.once(`iam instance-profile ${name}`, async () => {
      // the profile hands over one role of its own name (as the recording answered), trusted by EC2
      await this.role(name, 'AWS::EC2::Instance');
      await this.send('iam', 'us-east-1', 'CreateInstanceProfile', { InstanceProfileName: name, Path: path });
      await this.send('iam', 'us-east-1', 'AddRoleToInstanceProfile', { InstanceProfileName: name, RoleName: name });
    });
    this.record(factKeyOf(asked.request), `iam:GetInstanceProfile ${name}`);
  }

  async iamGroup(asked: AskedFact): Promise<void> {
    const { path, name } = iamPathAndName(asked.request.ref, 'group');
    await this.once(`iam group ${name}`, async () => {
      await this.send('iam', 'us-east-1', 'CreateGroup', { GroupName: name, Path: path });
      await this.putInlinePolicy('Group', name);
    });
    this.record(factKeyOf(asked.request), `iam:GetGroup ${name}`);
  }

  async iamPolicy(asked: AskedFact): Promise<void> {
    const { ref } = asked.request;
    const { path, name } = iamPathAndName(ref, 'policy');
    const arn = await this.once(`iam policy ${name}`, async () => (await this.send('iam', 'us-east-1', 'CreatePolicy', { PolicyName: name, Path: path, PolicyDocument: JSON.stringify(LEAST_PRIVILEGE_POLICY) })).Policy.Arn as string);
    if (arn !== ref) throw new Error(`moto created policy ${arn} for ${ref} (account or path differ)`);
    this.record(factKeyOf(asked.request), `iam:GetPolicy ${ref}`);
  }

  /** Block all public access, SSE-KMS with a CMK (bucket key on), versioning: what every seeded bucket has. */
  private async harden(bucket: string, region: string): Promise<string> {
    const keyArn = await this.keyForAlias(region, BUCKET_KEY_ALIAS);
    await this.send('s3', region, 'PutPublicAccessBlock', { Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    await this.send('s3', region, 'PutBucketVersioning', { Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } });
    await this.send('s3', region, 'PutBucketEncryption', { Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] } });
    return keyArn;
  }

  private async createBucket(bucket: string, region: string): Promise<void> {
    await this.send('s3', region, 'CreateBucket', region === 'us-east-1' ? { Bucket: bucket } : { Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: region } });
  }

  /** The access-log bucket of a region: hardened itself, writable only by the S3 logging service for this account's buckets. */
  private logBucket(region: string): Promise<string> {
    return this.once(`s3 log bucket ${region}`, async () => {
      const bucket = `${SEED_PREFIX}-access-logs-${region}`;
      await this.createBucket(bucket, region);
      await this.harden(bucket, region);
      const policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'S3ServerAccessLogs',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: ['s3:PutObject'],
            Resource: `arn:aws:s3:::${bucket}/*`,
            Condition: { StringEquals: { 'aws:SourceAccount': this.accountId } },
          },
        ],
      };
      await this.send('s3', region, 'PutBucketPolicy', { Bucket: bucket, Policy: JSON.stringify(policy) });
      return bucket;
    });
  }

  /** A hardened bucket of this account (versioned, logged, SSE-KMS with a CMK, TLS only), created once; its key ARN. */
  private ensureBucket(bucket: string, region: string): Promise<string> {
    return this.once(`s3 bucket ${bucket}`, async () => {
      await this.createBucket(bucket, region);
      const key = await this.harden(bucket, region);
      await this.send('s3', region, 'PutBucketLogging', { Bucket: bucket, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: await this.logBucket(region), TargetPrefix: `${bucket}/` } } });
      // TLS only: a Deny, never a grant to anyone
      const policy = {
        Version: '2012-10-17',
        Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      };
      await this.send('s3', region, 'PutBucketPolicy', { Bucket: bucket, Policy: JSON.stringify(policy) });
      return key;
    });
  }

  async s3Bucket(asked: AskedFact): Promise<void> {
    const { ref } = asked.request;
    const bucket = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':').split('/')[0] : ref;
    const keyArn = await this.ensureBucket(bucket, asked.region);
    this.record(factKeyOf(asked.request), `s3:GetBucketVersioning ${bucket}`);
    this.record(`kms.key ${keyArn}`, `kms:DescribeKey ${keyArn}`);
  }

  /** A bucket whose owner is asked (replication, inventory and export destinations): the same hardened bucket, in this account. */
  async s3BucketOwner(asked: AskedFact): Promise<void> {
    const { ref } = asked.request;
    const bucket = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':').split('/')[0] : ref;
    await this.ensureBucket(bucket, asked.region);
    this.record(factKeyOf(asked.request), `s3:GetBucketVersioning ${bucket}`);
  }

  async logsGroup(asked: AskedFact): Promise<void> {
    const { ref } = asked.request;
    const name = ref.startsWith('arn:') ? ref.split(':').slice(6).join(':').replace(/:\*$/, '') : ref;
    const region = regionOfRef(ref, asked.region);
    const keyArn = await this.once(`logs group ${region} ${name}`, async () => {
      // the key policy lets CloudWatch Logs use the key for this account's log groups only
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${this.accountId}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'CloudWatchLogs',
            Effect: 'Allow',
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${this.accountId}:log-group:*` } },
          },
        ],
      };
      const key = await this.keyForAlias(region, LOG_KEY_ALIAS, policy);
      await this.send('logs', region, 'CreateLogGroup', { logGroupName: name, kmsKeyId: key });
      await this.send('logs', region, 'PutRetentionPolicy', { logGroupName: name, retentionInDays: 365 });
      return key;
    });
    this.record(factKeyOf(asked.request), `logs:DescribeLogGroups ${name}`);
    this.record(`kms.key ${keyArn}`, `kms:DescribeKey ${keyArn}`);
  }

  private exportCount = 0;

  async cfnExport(asked: AskedFact): Promise<void> {
    const name = asked.request.ref;
    await this.once(`cfn export ${asked.region} ${name}`, async () => {
      const template = {
        Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
        Outputs: { Exported: { Value: this.exportValues[name] ?? defaultExportValue(name), Export: { Name: name } } },
      };
      await this.send('cloudformation', asked.region, 'CreateStack', { StackName: `${SEED_PREFIX}-exports-${++this.exportCount}`, TemplateBody: JSON.stringify(template) });
    });
    this.record(factKeyOf(asked.request), 'cloudformation:ListExports');
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy?.();
  }
}
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

const NOT_IN_MOTO: Partial<Record<FactRequest['kind'], string>> = {
  'codebuild.fleet': 'moto 5 does not implement CodeBuild fleets (CreateFleet/BatchGetFleets answer HTTP 500)',
  'ecr.pullThroughCache': 'moto 5 does not implement ECR pull-through cache rules (DescribePullThroughCacheRules answers HTTP 500)',
};

/**
 * Create every asked fact in moto, compliant. Keys named by ID first (they reseed moto's random generator,
 * which must happen before any other resource draws an ID from it), then the rest one after the other.
 */
export async function seedMoto(endpoint: string, asked: Array<AskedFact & { target?: string }>, exportValues: Record<string, string> = {}): Promise<{ seeded: Seeded[]; unsupported: Unsupported[] }> {
  const accountId = asked[0]?.accountId ?? SEED_ACCOUNT;
  const seeder = new MotoSeeder(endpoint, accountId, exportValues);
  const byId = (a: AskedFact) => a.request.kind === 'kms.key' && !keyRefParts(a.request.ref, a.region).alias;
  const ordered = [...asked.filter(byId), ...asked.filter((a) => !byId(a))];
  try {
    for (const a of ordered) {
      if (a.accountId !== SEED_ACCOUNT) throw new Error(`a fact asked in account ${a.accountId}: moto_server answers as ${SEED_ACCOUNT}`);
      const why = NOT_IN_MOTO[a.request.kind];
      if (why) {
        seeder.unsupported.push({ fact: factKeyOf(a.request), why });
        continue;
      }
      switch (a.request.kind) {
        case 'kms.key':
          await seeder.kmsKey(a);
          break;
        case 'iam.role':
          await seeder.iamRole({ ...a, target: a.target ?? '' });
          break;
        case 'iam.instanceProfile':
          await seeder.iamInstanceProfile(a);
          break;
        case 'iam.group':
          await seeder.iamGroup(a);
          break;
        case 'iam.policy':
          await seeder.iamPolicy(a);
          break;
        case 's3.bucket':
          await seeder.s3Bucket(a);
          break;
        case 's3.bucketOwner':
          await seeder.s3BucketOwner(a);
          break;
        case 'logs.group':
          await seeder.logsGroup(a);
          break;
        case 'cloudformation.export':
          await seeder.cfnExport(a);
          break;
      }
    }
  } finally {
    seeder.destroy();
  }
  return { seeded: seeder.seeded, unsupported: seeder.unsupported };
}

// ---------------------------------------------------------------------------------------------------
// what the hook then asked moto (its request recorder)
// ---------------------------------------------------------------------------------------------------

const MAIN_PARAM: Record<string, string> = {
  'kms:DescribeKey': 'KeyId',
  'iam:GetRole': 'RoleName',
  'iam:GetInstanceProfile': 'InstanceProfileName',
  'iam:GetGroup': 'GroupName',
  'iam:GetPolicy': 'PolicyArn',
  'logs:DescribeLogGroups': 'logGroupNamePrefix',
};

/** One recorded request as `<service>:<Action> <main parameter>` (and without the parameter). */
export function callsOf(recording: string): Set<string> {
  const out = new Set<string>();
  for (const line of recording.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as { headers?: Record<string, string>; method?: string; url?: string; body?: string | null; body_encoded?: boolean };
    const headers = Object.fromEntries(Object.entries(entry.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const service = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(headers.authorization ?? '')?.[1];
    if (!service) continue;
    const body = entry.body ? (entry.body_encoded ? Buffer.from(entry.body, 'base64').toString('utf8') : entry.body) : '';
    let action: string | undefined;
    let params: Record<string, unknown> = {};
    if (headers['x-amz-target']) {
      action = headers['x-amz-target'].split('.').pop();
      try {
        params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        params = {};
      }
    } else if (/(^|&)Action=/.test(body)) {
      const form = new URLSearchParams(body);
      action = form.get('Action') ?? undefined;
      params = Object.fromEntries(form.entries());
    } else if (service === 's3' && entry.url) {
      const url = new URL(entry.url);
      const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
      if (entry.method === 'GET' && url.searchParams.has('versioning')) out.add(`s3:GetBucketVersioning ${bucket}`);
      continue;
    }
    if (!action) continue;
    const name = `${service}:${action}`;
    out.add(name);
    const main = MAIN_PARAM[name];
    if (main && typeof params[main] === 'string') out.add(`${name} ${params[main]}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// one moto per test file
// ---------------------------------------------------------------------------------------------------

export interface SeededMoto {
  endpoint: string;
  /** The entry point's environment: moto's endpoint and credentials (the SDK reads AWS_ENDPOINT_URL). */
  env: Record<string, string>;
  asked: AskedFact[];
  seeded: Seeded[];
  /** Asked facts moto cannot emulate (none for a suite that expects every lookup to succeed). */
  unsupported: Unsupported[];
  /** The seeded facts the hook has not looked up in moto since the seeding (moto's request recorder). */
  notLookedUp(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Start moto, seed the facts the requests ask for, and record every request moto receives from then on. */
export async function startSeededMoto(requests: unknown[], options: { exportValues?: Record<string, string> } = {}): Promise<SeededMoto> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-moto-'));
  const recording = join(dir, 'recording.jsonl');
  const moto = await startMoto({ MOTO_RECORDER_FILEPATH: recording });
  try {
    const asked = await askedFacts(requests, options.exportValues);
    const { seeded, unsupported } = await seedMoto(moto.endpoint, asked, options.exportValues);
    for (const step of ['reset-recording', 'start-recording']) {
      const r = await motoApi(moto.endpoint, `/moto-api/recorder/${step}`);
      if (r.status !== 200) throw new Error(`moto /moto-api/recorder/${step} answered ${r.status}`);
    }
    return {
      endpoint: moto.endpoint,
      env: { AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: MOTO_CREDENTIALS.sessionToken },
      asked,
      seeded,
      unsupported,
      async notLookedUp() {
        const calls = callsOf(existsSync(recording) ? readFileSync(recording, 'utf8') : '');
        return seeded.filter((s) => !calls.has(s.call)).map((s) => s.fact);
      },
      async stop() {
        await moto.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Set `env` on this process (in-process entry points); returns the restore. */
export function useEnv(env: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
