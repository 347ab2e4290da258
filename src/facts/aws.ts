/**
 * The AWS SDK v3 fact source: read-only calls that answer the engine's fact requests (src/model.ts
 * FactRequest). The clients are `require`d on first use (the Lambda runtime provides the SDK; a request
 * that needs no lookup never loads it). Every call names the IAM action it needs, so access denied becomes
 * a message naming the missing permission; LOOKUP_PERMISSIONS is the exact list the schema's handler
 * permissions and hook-role.yaml grant (pinned by a test).
 *
 * Answers are cached per warm container (bounded TTL and size, keyed by account, region and request);
 * failures are never cached. Credentials are never logged or put into a message.
 */
import type { AwsCredentials, BucketFact, BucketOwnerFact, FactRequest, FleetFact, GroupFact, InstanceProfileFact, KeyFact, LogGroupFact, ManagedPolicyFact, PolicyFact, PullThroughCacheFact, RoleFact, ExportFact } from '../model';
import { LookupError, type FactSource } from '../engine/lookups';
import { parseStrictJson } from '../predicates/json';
import { TEMPLATE_PERMISSIONS } from './template';

/** What one request's lookups may use. */
export interface LookupContext {
  accountId: string;
  region: string;
  /** Credentials for the calls; undefined: the SDK's default chain (Lambda-hook mode's own role, or `check --lookups`). */
  credentials: () => Promise<AwsCredentials | undefined>;
  /** `check --lookups --profile`: the named profile of the developer's configuration. */
  profile?: string;
}

/** Every action the source calls, by fact kind: the handler permissions of the schema and hook-role.yaml. */
export const LOOKUP_PERMISSIONS: Record<FactRequest['kind'], readonly string[]> = {
  'kms.key': ['kms:DescribeKey', 'kms:GetKeyRotationStatus'],
  'iam.role': ['iam:GetRole', 'iam:ListRolePolicies', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
  'iam.policy': ['iam:GetPolicy', 'iam:GetPolicyVersion'],
  'iam.instanceProfile': ['iam:GetInstanceProfile'],
  'iam.group': ['iam:GetGroup', 'iam:ListGroupPolicies', 'iam:GetGroupPolicy', 'iam:ListAttachedGroupPolicies', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
  's3.bucket': ['s3:GetBucketVersioning', 's3:GetBucketLogging', 's3:GetEncryptionConfiguration', 's3:GetBucketPublicAccessBlock', 's3:GetBucketPolicy'],
  's3.bucketOwner': ['s3:GetBucketVersioning'],
  'logs.group': ['logs:DescribeLogGroups'],
  'codebuild.fleet': ['codebuild:BatchGetFleets'],
  'ecr.pullThroughCache': ['ecr:DescribePullThroughCacheRules'],
  'cloudformation.export': ['cloudformation:ListExports'],
};

/**
 * Every action the hook calls, sorted: each distinct action of LOOKUP_PERMISSIONS, and GetTemplate (the stack
 * template for Scope pipeline, src/facts/template.ts). The handler permissions and the roles grant exactly these.
 */
export function lookupPermissions(): string[] {
  return [...new Set([...Object.values(LOOKUP_PERMISSIONS).flat(), ...TEMPLATE_PERMISSIONS])].sort();
}

// ---------------------------------------------------------------------------------------------------
// the warm-container cache
// ---------------------------------------------------------------------------------------------------

export const CACHE_TTL_MS = 60_000;
export const CACHE_MAX_ENTRIES = 500;
const cache = new Map<string, { expires: number; value: unknown }>();

export function clearLookupCache(): void {
  cache.clear();
}

function cached(key: string, now: number): unknown {
  const hit = cache.get(key);
  if (!hit) return undefined;
  if (hit.expires <= now) {
    cache.delete(key);
    return undefined;
  }
  return hit.value;
}

function remember(key: string, value: unknown, now: number): void {
  if (cache.size >= CACHE_MAX_ENTRIES) {
    // the oldest insertion goes first (a Map iterates in insertion order)
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, { expires: now + CACHE_TTL_MS, value });
}

// ---------------------------------------------------------------------------------------------------
// errors → reasons that name the permission, never a value
// ---------------------------------------------------------------------------------------------------

const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized|Forbidden/i;
/** The credentials themselves were refused: no permission would help, so none is named. */
const REJECTED = /InvalidClientTokenId|UnrecognizedClient|ExpiredToken|InvalidToken|SignatureDoesNotMatch|InvalidAccessKeyId|AuthFailure|IncompleteSignature/i;
const THROTTLED = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|Rate ?Exceeded/i;
const MISSING = /NotFound|NoSuch|DoesNotExist/i;

/** The reason of a failed call: names the IAM action (the permission when denied), never a value or a credential. */
export function classify(e: unknown, action: string): LookupError {
  if (e instanceof LookupError) return e;
  const name = e instanceof Error ? e.name : typeof e;
  const status = (e as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (name === 'AbortError') return new LookupError('timed out');
  if (REJECTED.test(name)) return new LookupError(`the credentials for the lookup were rejected on ${action} (${name})`);
  if (DENIED.test(name) || status === 403) return new LookupError(`access denied: the hook's role needs ${action}`);
  if (THROTTLED.test(name) || status === 429) return new LookupError(`throttled on ${action}`);
  if (MISSING.test(name) || status === 404) return new LookupError(`not found (${action})`);
  if (name === 'CredentialsProviderError') return new LookupError('no credentials for the lookup');
  // an answer the SDK could not read (an HTML error page, an emulator without the API): the status says more than the parser
  if (name === 'SyntaxError' && typeof status === 'number') return new LookupError(`${action} failed (HTTP ${status}, not an AWS answer)`);
  return new LookupError(`${action} failed (${name})`);
}

type Client = { send: (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown> };

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
// `require`, not `import()`: the Lambda runtime exposes its SDK through NODE_PATH, which an ESM import ignores
const SDK: Record<string, () => any> = {
  kms: () => require('@aws-sdk/client-kms'),
  iam: () => require('@aws-sdk/client-iam'),
  s3: () => require('@aws-sdk/client-s3'),
  logs: () => require('@aws-sdk/client-cloudwatch-logs'),
  codebuild: () => require('@aws-sdk/client-codebuild'),
  ecr: () => require('@aws-sdk/client-ecr'),
  cloudformation: () => require('@aws-sdk/client-cloudformation'),
};
const CLIENT_CLASS: Record<string, string> = {
  kms: 'KMSClient',
  iam: 'IAMClient',
  s3: 'S3Client',
  logs: 'CloudWatchLogsClient',
  codebuild: 'CodeBuildClient',
  ecr: 'ECRClient',
  cloudformation: 'CloudFormationClient',
};

/** The calls of one request: clients created on first use, per service and region. */
class Calls {
  private readonly clients = new Map<string, Client>();
  /** The current round's deadline signal (the rounds run one after the other). */
  signal: AbortSignal | undefined;

  constructor(private readonly ctx: LookupContext) {}

  private async client(service: string, region: string): Promise<Client> {
    const key = `${service}/${region}`;
    let c = this.clients.get(key);
    if (!c) {
      // credentials first: a request that has none fails without loading the SDK
      const credentials = await this.ctx.credentials();
      const mod = SDK[service]();
      const config: Record<string, unknown> = { region, maxAttempts: 3 };
      if (credentials) config.credentials = credentials;
      else if (this.ctx.profile) config.profile = this.ctx.profile;
      if (service === 's3') {
        config.followRegionRedirects = true;
        // an endpoint override (an emulator on 127.0.0.1) cannot take bucket names as host names
        if (process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3) config.forcePathStyle = true;
      }
      c = new mod[CLIENT_CLASS[service]](config) as Client;
      this.clients.set(key, c);
    }
    return c;
  }

  /** One SDK call; `action` is the IAM action it needs (named when denied). */
  async call<T = any>(service: string, command: string, input: Record<string, unknown>, action: string, region = this.ctx.region, tolerate?: RegExp): Promise<T | undefined> {
    try {
      const client = await this.client(service, region);
      const Command = SDK[service]()[`${command}Command`];
      return (await client.send(new Command(input), { abortSignal: this.signal })) as T;
    } catch (e) {
      const name = e instanceof Error ? e.name : '';
      if (tolerate && tolerate.test(name)) return undefined;
      throw classify(e, action);
    }
  }
}
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------------
// names and documents
// ---------------------------------------------------------------------------------------------------

/** The last path segment of an IAM ARN (`arn:aws:iam::1:role/path/name` → name), or the name itself. */
export function iamName(ref: string): string {
  if (!ref.startsWith('arn:')) return ref;
  const resource = ref.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

/** The region an ARN names, or the request's. */
function regionOf(ref: string, fallback: string): string {
  const parts = ref.split(':');
  return ref.startsWith('arn:') && parts.length > 3 && parts[3] !== '' ? parts[3] : fallback;
}

/**
 * A policy document as the API returns it. IAM returns documents URL-encoded (RFC 3986: `%7B%22Version…`);
 * an S3 bucket policy is plain JSON (`urlEncoded` false) and is never decoded: a `%41` inside a condition value
 * is part of the policy. A text that already is JSON (it starts with `{`) is parsed as it is, whatever the
 * API: decoding it would turn a `%` in a resource or condition into an error or a different character. A
 * document a strict parser rejects (duplicate keys) is unreadable: undefined.
 */
export function policyDocument(text: unknown, urlEncoded = true): unknown {
  if (typeof text !== 'string') return undefined;
  let decoded = text;
  if (urlEncoded && !text.trimStart().startsWith('{')) {
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  try {
    return parseStrictJson(decoded);
  } catch {
    return undefined;
  }
}

const ARN = /^arn:/;

// ---------------------------------------------------------------------------------------------------
// one function per fact kind
// ---------------------------------------------------------------------------------------------------

async function kmsKey(c: Calls, ref: string, ctx: LookupContext): Promise<KeyFact> {
  const region = regionOf(ref, ctx.region);
  const described = await c.call('kms', 'DescribeKey', { KeyId: ref }, 'kms:DescribeKey', region);
  const meta = described?.KeyMetadata;
  if (!meta?.Arn) throw new LookupError('not found (kms:DescribeKey)');
  const awsManaged = meta.KeyManager === 'AWS';
  const fact: KeyFact = { arn: meta.Arn, awsManaged, enabled: meta.Enabled === true && meta.KeyState === 'Enabled' };
  if (awsManaged) fact.rotation = true; // AWS rotates AWS managed keys every year
  else if ((meta.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' && meta.Origin !== 'EXTERNAL') {
    // a key pending deletion or import cannot be asked (KMSInvalidStateException): rotation stays undefined
    const rotation = await c.call('kms', 'GetKeyRotationStatus', { KeyId: meta.Arn }, 'kms:GetKeyRotationStatus', region, /KMSInvalidState/);
    if (rotation !== undefined) fact.rotation = rotation.KeyRotationEnabled === true;
  }
  return fact;
}

async function managedPolicy(c: Calls, arn: string): Promise<ManagedPolicyFact> {
  if (!ARN.test(arn)) throw new LookupError('not a policy ARN');
  const got = await c.call('iam', 'GetPolicy', { PolicyArn: arn }, 'iam:GetPolicy');
  const version = got?.Policy?.DefaultVersionId;
  if (!version) throw new LookupError('not found (iam:GetPolicy)');
  const v = await c.call('iam', 'GetPolicyVersion', { PolicyArn: arn, VersionId: version }, 'iam:GetPolicyVersion');
  return { arn, document: policyDocument(v?.PolicyVersion?.Document) };
}

/** Every page of a List call (`Marker`/`IsTruncated`, IAM's pagination). */
async function pages<T>(c: Calls, command: string, input: Record<string, unknown>, action: string, items: string): Promise<T[]> {
  const out: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await c.call('iam', command, marker ? { ...input, Marker: marker } : input, action);
    out.push(...((r?.[items] as T[] | undefined) ?? []));
    if (!r?.IsTruncated || !r.Marker) return out;
    marker = r.Marker;
  }
  throw new LookupError(`${action}: too many pages`);
}

async function principalPolicies(c: Calls, kind: 'Role' | 'Group', name: string): Promise<PolicyFact[]> {
  const key = `${kind}Name`;
  const inlineNames = await pages<string>(c, `List${kind}Policies`, { [key]: name }, `iam:List${kind}Policies`, 'PolicyNames');
  const inline = await Promise.all(
    inlineNames.map(async (policyName) => {
      const r = await c.call('iam', `Get${kind}Policy`, { [key]: name, PolicyName: policyName }, `iam:Get${kind}Policy`);
      return { source: `inline:${policyName}`, document: policyDocument(r?.PolicyDocument) };
    }),
  );
  const attached = await pages<{ PolicyArn?: string }>(c, `ListAttached${kind}Policies`, { [key]: name }, `iam:ListAttached${kind}Policies`, 'AttachedPolicies');
  const managed = await Promise.all(attached.filter((a) => a.PolicyArn).map(async (a) => ({ source: a.PolicyArn as string, document: (await managedPolicy(c, a.PolicyArn as string)).document })));
  return [...inline, ...managed];
}

async function role(c: Calls, ref: string): Promise<RoleFact> {
  const name = iamName(ref);
  const got = await c.call('iam', 'GetRole', { RoleName: name }, 'iam:GetRole');
  const r = got?.Role;
  if (!r?.Arn) throw new LookupError('not found (iam:GetRole)');
  const fact: RoleFact = { arn: r.Arn, trustPolicy: policyDocument(r.AssumeRolePolicyDocument), policies: await principalPolicies(c, 'Role', name) };
  if (r.PermissionsBoundary?.PermissionsBoundaryArn) fact.permissionsBoundaryArn = r.PermissionsBoundary.PermissionsBoundaryArn;
  return fact;
}

async function group(c: Calls, ref: string): Promise<GroupFact> {
  const name = iamName(ref);
  const got = await c.call('iam', 'GetGroup', { GroupName: name }, 'iam:GetGroup');
  if (!got?.Group?.Arn) throw new LookupError('not found (iam:GetGroup)');
  return { arn: got.Group.Arn, policies: await principalPolicies(c, 'Group', name) };
}

async function instanceProfile(c: Calls, ref: string): Promise<InstanceProfileFact> {
  const got = await c.call('iam', 'GetInstanceProfile', { InstanceProfileName: iamName(ref) }, 'iam:GetInstanceProfile');
  const p = got?.InstanceProfile;
  if (!p?.Arn) throw new LookupError('not found (iam:GetInstanceProfile)');
  return { arn: p.Arn, roles: ((p.Roles ?? []) as Array<{ Arn?: string }>).map((r) => r.Arn).filter((a): a is string => typeof a === 'string') };
}

async function bucket(c: Calls, ref: string): Promise<BucketFact> {
  const name = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':').split('/')[0] : ref;
  const Bucket = { Bucket: name };
  const [versioning, logging, encryption, pab, policy] = await Promise.all([
    c.call('s3', 'GetBucketVersioning', Bucket, 's3:GetBucketVersioning'),
    c.call('s3', 'GetBucketLogging', Bucket, 's3:GetBucketLogging'),
    c.call('s3', 'GetBucketEncryption', Bucket, 's3:GetEncryptionConfiguration', undefined, /ServerSideEncryptionConfigurationNotFound/),
    c.call('s3', 'GetPublicAccessBlock', Bucket, 's3:GetBucketPublicAccessBlock', undefined, /NoSuchPublicAccessBlockConfiguration/),
    c.call('s3', 'GetBucketPolicy', Bucket, 's3:GetBucketPolicy', undefined, /NoSuchBucketPolicy/),
  ]);
  const fact: BucketFact = { versioning: versioning?.Status === 'Enabled', logging: typeof logging?.LoggingEnabled?.TargetBucket === 'string' };
  const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  if (rule?.SSEAlgorithm) fact.encryption = rule.KMSMasterKeyID ? { algorithm: rule.SSEAlgorithm, keyId: rule.KMSMasterKeyID } : { algorithm: rule.SSEAlgorithm };
  const block = pab?.PublicAccessBlockConfiguration;
  if (block) {
    fact.publicAccessBlock = {
      blockPublicAcls: block.BlockPublicAcls === true,
      ignorePublicAcls: block.IgnorePublicAcls === true,
      blockPublicPolicy: block.BlockPublicPolicy === true,
      restrictPublicBuckets: block.RestrictPublicBuckets === true,
    };
  }
  // a policy that cannot be read exactly stays text: the readers fail it (never "no policy")
  if (policy?.Policy !== undefined) fact.policy = policyDocument(policy.Policy, false) ?? policy.Policy;
  return fact;
}

/**
 * Is the bucket the request's account's? S3 answers a call made with `ExpectedBucketOwner` only when the bucket
 * belongs to that account and refuses it (403) otherwise, whoever may read the bucket: a refusal is "not the
 * account's" (or a bucket policy that denies the hook's role: not shown to be the account's either). A bucket
 * that does not exist stays a failed lookup.
 */
async function bucketOwner(c: Calls, ref: string, ctx: LookupContext): Promise<BucketOwnerFact> {
  const name = ref.startsWith('arn:') ? ref.split(':').slice(5).join(':').split('/')[0] : ref;
  try {
    await c.call('s3', 'GetBucketVersioning', { Bucket: name, ExpectedBucketOwner: ctx.accountId }, 's3:GetBucketVersioning');
    return { ownAccount: true };
  } catch (e) {
    if (e instanceof LookupError && e.why.startsWith('access denied')) return { ownAccount: false };
    throw e;
  }
}

async function logGroup(c: Calls, ref: string, ctx: LookupContext): Promise<LogGroupFact> {
  // arn:aws:logs:region:account:log-group:NAME or …:NAME:*
  const name = ref.startsWith('arn:') ? ref.split(':').slice(6).join(':').replace(/:\*$/, '') : ref;
  const region = regionOf(ref, ctx.region);
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = await c.call('logs', 'DescribeLogGroups', token ? { logGroupNamePrefix: name, nextToken: token } : { logGroupNamePrefix: name }, 'logs:DescribeLogGroups', region);
    const hit = ((r?.logGroups ?? []) as Array<{ logGroupName?: string; kmsKeyId?: string; retentionInDays?: number }>).find((g) => g.logGroupName === name);
    if (hit) {
      const fact: LogGroupFact = {};
      if (hit.kmsKeyId) fact.kmsKeyId = hit.kmsKeyId;
      if (typeof hit.retentionInDays === 'number') fact.retentionDays = hit.retentionInDays;
      return fact;
    }
    if (!r?.nextToken) break;
    token = r.nextToken;
  }
  throw new LookupError('not found (logs:DescribeLogGroups)');
}

async function fleet(c: Calls, ref: string, ctx: LookupContext): Promise<FleetFact> {
  const r = await c.call('codebuild', 'BatchGetFleets', { names: [ref] }, 'codebuild:BatchGetFleets', regionOf(ref, ctx.region));
  const f = r?.fleets?.[0];
  if (!f?.arn) throw new LookupError('not found (codebuild:BatchGetFleets)');
  const subnets = f.vpcConfig?.subnets;
  return { arn: f.arn, vpc: typeof f.vpcConfig?.vpcId === 'string' && f.vpcConfig.vpcId !== '' && Array.isArray(subnets) && subnets.length > 0 };
}

async function pullThroughCache(c: Calls, registryId: string, region: string): Promise<PullThroughCacheFact> {
  const rules: PullThroughCacheFact['rules'] = [];
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const input: Record<string, unknown> = { registryId };
    if (token) input.nextToken = token;
    const r = await c.call('ecr', 'DescribePullThroughCacheRules', input, 'ecr:DescribePullThroughCacheRules', region);
    for (const rule of (r?.pullThroughCacheRules ?? []) as Array<{ ecrRepositoryPrefix?: string; upstreamRegistryUrl?: string }>) {
      if (rule.ecrRepositoryPrefix) rules.push({ prefix: rule.ecrRepositoryPrefix, upstreamRegistryUrl: rule.upstreamRegistryUrl ?? '' });
    }
    if (!r?.nextToken) return { rules };
    token = r.nextToken;
  }
  throw new LookupError('ecr:DescribePullThroughCacheRules: too many pages');
}

async function exportValue(c: Calls, name: string): Promise<ExportFact> {
  let token: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await c.call('cloudformation', 'ListExports', token ? { NextToken: token } : {}, 'cloudformation:ListExports');
    const hit = ((r?.Exports ?? []) as Array<{ Name?: string; Value?: string }>).find((e) => e.Name === name);
    if (hit && typeof hit.Value === 'string') return { value: hit.Value };
    if (!r?.NextToken) break;
    token = r.NextToken;
  }
  throw new LookupError('not found (cloudformation:ListExports)');
}

function answer(c: Calls, request: FactRequest, ctx: LookupContext): Promise<unknown> {
  switch (request.kind) {
    case 'kms.key':
      return kmsKey(c, request.ref, ctx);
    case 'iam.role':
      return role(c, request.ref);
    case 'iam.policy':
      return managedPolicy(c, request.ref);
    case 'iam.instanceProfile':
      return instanceProfile(c, request.ref);
    case 'iam.group':
      return group(c, request.ref);
    case 's3.bucket':
      return bucket(c, request.ref);
    case 's3.bucketOwner':
      return bucketOwner(c, request.ref, ctx);
    case 'logs.group':
      return logGroup(c, request.ref, ctx);
    case 'codebuild.fleet':
      return fleet(c, request.ref, ctx);
    case 'ecr.pullThroughCache': {
      const [registryId, region] = request.ref.split(':');
      return pullThroughCache(c, registryId, region || ctx.region);
    }
    case 'cloudformation.export':
      return exportValue(c, request.ref);
  }
}

/** The fact source of one request (one hook invocation, or one `check --lookups` run). */
export function awsFactSource(ctx: LookupContext, clock: () => number = Date.now): FactSource {
  let calls: Calls | undefined;
  const keyOf = (request: FactRequest) => `${ctx.accountId}|${ctx.region}|${request.kind}|${request.ref}`;
  const source: FactSource = async (request, signal) => {
    const key = keyOf(request);
    const hit = cached(key, clock());
    if (hit !== undefined) return hit;
    calls ??= new Calls(ctx);
    calls.signal = signal;
    const value = await answer(calls, request, ctx);
    remember(key, value, clock());
    return value;
  };
  // a warm container answers cached facts in the round that asks (no second evaluation, no fetch round)
  source.peek = (request) => cached(keyOf(request), clock());
  return source;
}
