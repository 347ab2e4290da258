/**
 * Resolve a template resource's properties to what CloudFormation would hand the hook — as far as the
 * template itself determines them. Everything else (a parameter's value, another stack's export, an
 * attribute only known after provisioning) stays an unresolved intrinsic, which the hook's engine
 * reports as UNKNOWN with the property path: never silently passed.
 *
 * Decisions (documented in the README, "Local runner"):
 * - Pseudo parameters come from the options (account, region, partition, stack name).
 * - A parameter's value is chosen at deployment, even when it has a Default: `Ref` to a parameter is
 *   left unresolved — unless the caller describes one deployment (`options.parameters`).
 * - `Ref`/`Fn::GetAtt` of a resource in the same template resolve for the types in MODELS, using the
 *   resource's name property or a placeholder name `<stack>-<LogicalId>`; a KMS key is the key ARN
 *   `arn:<partition>:kms:<region>:<account>:key/<LogicalId>` (a customer-managed key); EC2 networking
 *   resources get deterministic IDs (`vpc-…`, `subnet-…`, `sg-…`, `rtb-…`). Each such resolution is
 *   recorded as provenance (`provenance(logicalId)`: which property path came from which resource).
 * - `Fn::If` is resolved per variant: every condition a resource's properties branch on is tried both
 *   ways (up to MAX_CONDITIONS per resource; further ones stay unresolved), except conditions that are
 *   constant in the template itself (or, for one deployment, decided by its parameters).
 * - `AWS::NoValue` removes the property or list item; `{{resolve:…}}` dynamic references stay literal.
 * - `strict: true` throws an `UnresolvableError` (logical ID, property path, reason) wherever a value
 *   would stay unresolved.
 *
 * This module sits below the engine: it imports only the value helpers.
 */
import { createHash } from 'node:crypto';
import { isRecord, toNum, toStr } from '../predicates/values';

export interface Pseudo {
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
  /** AWS::StackId; `stackIdOf` makes one up from the other fields when absent. */
  stackId?: string;
  /**
   * The exports of the account and region, by name, where live lookups found them (the engine's pre-pass,
   * src/engine/imports.ts): `Fn::ImportValue` of a name in this map resolves to its value; any other import
   * stays unresolved (UNKNOWN when read).
   */
  imports?: ReadonlyMap<string, string>;
}

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = unknown;

/** Conditions enumerated per resource: 2^6 = 64 variants at most. */
export const MAX_CONDITIONS = 6;

export interface Variant {
  /** `IsProd=true, UseCmk=false`; empty when the resource has no `Fn::If`. */
  label: string;
  choices: ReadonlyMap<string, boolean>;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

function urlSuffixOf(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export function stackIdOf(p: Pseudo): string {
  if (p.stackId !== undefined) return p.stackId;
  return `arn:${p.partition}:cloudformation:${p.region}:${p.accountId}:stack/${p.stackName}/00000000-0000-0000-0000-000000000000`;
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function hasOwn(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Plain assignment, except for `__proto__`, which assignment would treat as the prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Is this (still) an intrinsic function call, i.e. unresolved? */
function isFnCall(v: unknown): v is Record<string, unknown> {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function containsUnresolved(v: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (isFnCall(v)) return true;
  if (Array.isArray(v)) return v.some((x) => containsUnresolved(x, depth + 1));
  if (isRecord(v)) return Object.values(v).some((x) => containsUnresolved(x, depth + 1));
  return false;
}

/** What a resource of a known type answers to Ref and Fn::GetAtt. */
interface Named {
  id: string;
  /** Physical name: the name property, or the placeholder `<stack>-<LogicalId>`. */
  name: string;
  p: Pseudo;
  suffix: string;
  /** A resolved string property of the resource, when the template determines it. */
  prop(name: string): string | undefined;
}

interface Model {
  /** Property holding the physical name; names are generated from the stack when it is absent. */
  nameProp?: string;
  lower?: boolean;
  maxLength?: number;
  ref?: (n: Named) => string | undefined;
  atts?: Record<string, (n: Named) => string | undefined>;
}

const arn = (n: Named, service: string, resource: string, region = n.p.region, account = n.p.accountId): string =>
  `arn:${n.p.partition}:${service}:${region}:${account}:${resource}`;
const iamPath = (n: Named): string => {
  const p = n.prop('Path') ?? '/';
  return p.endsWith('/') ? p : `${p}/`;
};
const name = (n: Named): string => n.name;
/** A deterministic EC2-style ID: `vpc-` + 17 hex digits derived from the stack and logical ID. */
const ec2Id = (prefix: string, n: Named, salt = ''): string =>
  `${prefix}-${createHash('sha256').update(`${n.p.stackName}/${n.id}${salt}`).digest('hex').slice(0, 17)}`;

const MODELS: Record<string, Model> = {
  'AWS::KMS::Key': {
    ref: (n) => arn(n, 'kms', `key/${n.id}`),
    atts: { Arn: (n) => arn(n, 'kms', `key/${n.id}`), KeyId: (n) => n.id },
  },
  // a multi-Region replica key: Ref and Arn as for a key (the replica lives in the stack's region)
  'AWS::KMS::ReplicaKey': {
    ref: (n) => arn(n, 'kms', `key/${n.id}`),
    atts: { Arn: (n) => arn(n, 'kms', `key/${n.id}`), KeyId: (n) => n.id },
  },
  'AWS::KMS::Alias': { ref: (n) => n.prop('AliasName') },
  'AWS::S3::Bucket': {
    nameProp: 'BucketName',
    lower: true,
    maxLength: 63,
    ref: name,
    atts: {
      Arn: (n) => `arn:${n.p.partition}:s3:::${n.name}`,
      DomainName: (n) => `${n.name}.s3.${n.suffix}`,
      RegionalDomainName: (n) => `${n.name}.s3.${n.p.region}.${n.suffix}`,
      DualStackDomainName: (n) => `${n.name}.s3.dualstack.${n.p.region}.${n.suffix}`,
    },
  },
  'AWS::IAM::Role': { nameProp: 'RoleName', maxLength: 64, ref: name, atts: { Arn: (n) => arn(n, 'iam', `role${iamPath(n)}${n.name}`, '') } },
  'AWS::IAM::User': { nameProp: 'UserName', maxLength: 64, ref: name, atts: { Arn: (n) => arn(n, 'iam', `user${iamPath(n)}${n.name}`, '') } },
  'AWS::IAM::Group': { nameProp: 'GroupName', maxLength: 128, ref: name, atts: { Arn: (n) => arn(n, 'iam', `group${iamPath(n)}${n.name}`, '') } },
  'AWS::IAM::ManagedPolicy': {
    nameProp: 'ManagedPolicyName',
    maxLength: 128,
    ref: (n) => arn(n, 'iam', `policy${iamPath(n)}${n.name}`, ''),
    atts: { PolicyArn: (n) => arn(n, 'iam', `policy${iamPath(n)}${n.name}`, '') },
  },
  'AWS::IAM::InstanceProfile': {
    nameProp: 'InstanceProfileName',
    ref: name,
    atts: { Arn: (n) => arn(n, 'iam', `instance-profile${iamPath(n)}${n.name}`, '') },
  },
  'AWS::IAM::OIDCProvider': {
    ref: (n) => {
      const url = n.prop('Url');
      return url === undefined ? undefined : arn(n, 'iam', `oidc-provider/${url.replace(/^https:\/\//i, '')}`, '');
    },
    atts: {
      Arn: (n) => {
        const url = n.prop('Url');
        return url === undefined ? undefined : arn(n, 'iam', `oidc-provider/${url.replace(/^https:\/\//i, '')}`, '');
      },
    },
  },
  'AWS::SNS::Topic': {
    nameProp: 'TopicName',
    ref: (n) => arn(n, 'sns', n.name),
    atts: { TopicArn: (n) => arn(n, 'sns', n.name), TopicName: name },
  },
  'AWS::SQS::Queue': {
    nameProp: 'QueueName',
    ref: (n) => `https://sqs.${n.p.region}.${n.suffix}/${n.p.accountId}/${n.name}`,
    atts: {
      Arn: (n) => arn(n, 'sqs', n.name),
      QueueName: name,
      QueueUrl: (n) => `https://sqs.${n.p.region}.${n.suffix}/${n.p.accountId}/${n.name}`,
    },
  },
  'AWS::Logs::LogGroup': { nameProp: 'LogGroupName', ref: name, atts: { Arn: (n) => arn(n, 'logs', `log-group:${n.name}:*`) } },
  'AWS::SecretsManager::Secret': {
    nameProp: 'Name',
    ref: (n) => arn(n, 'secretsmanager', `secret:${n.name}-AbCdEf`),
    atts: { Id: (n) => arn(n, 'secretsmanager', `secret:${n.name}-AbCdEf`) },
  },
  'AWS::SSM::Parameter': { nameProp: 'Name', ref: name },
  'AWS::CodeBuild::Project': { nameProp: 'Name', ref: name, atts: { Arn: (n) => arn(n, 'codebuild', `project/${n.name}`) } },
  'AWS::CodePipeline::Pipeline': { nameProp: 'Name', ref: name },
  // Ref is the rule name (a rule of a custom bus: `bus|name`); the ARN names the bus when it is not the default
  'AWS::Events::Rule': {
    nameProp: 'Name',
    ref: (n) => (n.prop('EventBusName') && n.prop('EventBusName') !== 'default' ? `${n.prop('EventBusName')}|${n.name}` : n.name),
    atts: { Arn: (n) => arn(n, 'events', n.prop('EventBusName') && n.prop('EventBusName') !== 'default' ? `rule/${n.prop('EventBusName')}/${n.name}` : `rule/${n.name}`) },
  },
  'AWS::Scheduler::Schedule': { nameProp: 'Name', ref: name, atts: { Arn: (n) => arn(n, 'scheduler', `schedule/${n.prop('GroupName') ?? 'default'}/${n.name}`) } },
  'AWS::CodeDeploy::Application': { nameProp: 'ApplicationName', ref: name },
  'AWS::CodeCommit::Repository': {
    nameProp: 'RepositoryName',
    atts: {
      Arn: (n) => arn(n, 'codecommit', n.name),
      Name: name,
      CloneUrlHttp: (n) => `https://git-codecommit.${n.p.region}.${n.suffix}/v1/repos/${n.name}`,
      CloneUrlSsh: (n) => `ssh://git-codecommit.${n.p.region}.${n.suffix}/v1/repos/${n.name}`,
    },
  },
  'AWS::ECR::Repository': {
    nameProp: 'RepositoryName',
    lower: true,
    maxLength: 256,
    ref: name,
    atts: {
      Arn: (n) => arn(n, 'ecr', `repository/${n.name}`),
      RepositoryUri: (n) => `${n.p.accountId}.dkr.ecr.${n.p.region}.${n.suffix}/${n.name}`,
    },
  },
  'AWS::EC2::VPC': {
    ref: (n) => ec2Id('vpc', n),
    atts: { VpcId: (n) => ec2Id('vpc', n), CidrBlock: (n) => n.prop('CidrBlock'), DefaultSecurityGroup: (n) => ec2Id('sg', n, '/default') },
  },
  'AWS::EC2::Subnet': {
    ref: (n) => ec2Id('subnet', n),
    atts: { SubnetId: (n) => ec2Id('subnet', n), AvailabilityZone: (n) => n.prop('AvailabilityZone'), VpcId: (n) => n.prop('VpcId') },
  },
  'AWS::EC2::SecurityGroup': {
    // in a VPC (every current account), Ref is the group ID
    ref: (n) => ec2Id('sg', n),
    atts: { GroupId: (n) => ec2Id('sg', n), VpcId: (n) => n.prop('VpcId') },
  },
  'AWS::EC2::RouteTable': { ref: (n) => ec2Id('rtb', n), atts: { RouteTableId: (n) => ec2Id('rtb', n) } },
  'AWS::Lambda::Function': { nameProp: 'FunctionName', ref: name, atts: { Arn: (n) => arn(n, 'lambda', `function:${n.name}`) } },
  'AWS::CloudTrail::Trail': { nameProp: 'TrailName', ref: name, atts: { Arn: (n) => arn(n, 'cloudtrail', `trail/${n.name}`) } },
  'AWS::CodeStarConnections::Connection': {
    ref: (n) => arn(n, 'codestar-connections', `connection/${n.id}`),
    atts: { ConnectionArn: (n) => arn(n, 'codestar-connections', `connection/${n.id}`) },
  },
  'AWS::CodeConnections::Connection': {
    ref: (n) => arn(n, 'codeconnections', `connection/${n.id}`),
    atts: { ConnectionArn: (n) => arn(n, 'codeconnections', `connection/${n.id}`) },
  },
  'AWS::CodeArtifact::Domain': {
    nameProp: 'DomainName',
    lower: true,
    ref: (n) => arn(n, 'codeartifact', `domain/${n.name}`),
    atts: { Arn: (n) => arn(n, 'codeartifact', `domain/${n.name}`), Name: name },
  },
  'AWS::CodeArtifact::Repository': {
    nameProp: 'RepositoryName',
    ref: (n) => {
      const d = n.prop('DomainName');
      return d === undefined ? undefined : arn(n, 'codeartifact', `repository/${d}/${n.name}`);
    },
    atts: {
      Arn: (n) => {
        const d = n.prop('DomainName');
        return d === undefined ? undefined : arn(n, 'codeartifact', `repository/${d}/${n.name}`);
      },
      Name: name,
      DomainName: (n) => n.prop('DomainName'),
    },
  },
};

function placeholderName(stackName: string, id: string, model: Model): string {
  let s = `${stackName}-${id}`;
  if (model.lower) s = s.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return model.maxLength ? s.slice(0, model.maxLength) : s;
}
const MAX_DEPTH = 48;

/** Where a resolved value came from: a `Ref` / `Fn::GetAtt` (or `${…}` in `Fn::Sub`) of a resource in the same template. */
export interface Provenance {
  /** Property path (relative to `Properties`) where the value lands: `ArtifactStore.Location`, `Stages[0].Actions[1].Configuration`. */
  path: string;
  refersTo: string;
  /** The attribute for `Fn::GetAtt` (and `${Id.Attr}`); absent for `Ref`. */
  attribute?: string;
}

export interface ResolverOptions {
  /**
   * Anything the resolver cannot resolve throws an `UnresolvableError` naming the logical ID and the
   * property path, instead of staying an unresolved intrinsic (used where a test must never hand the hook
   * a half-resolved value).
   */
  strict?: boolean;
  /**
   * The parameter values of ONE deployment. When given, a `Ref` to a parameter resolves to its value
   * (a parameter without one stays unresolved, or throws in strict mode) and conditions are evaluated —
   * pseudo parameters and parameters included — instead of being enumerated per variant. Without it (the
   * local runner), a parameter's value is unknown and only literal conditions are decided.
   */
  parameters?: Readonly<Record<string, string | readonly string[]>>;
}

/** Strict mode: a value the template (and the given parameters) does not determine. */
export class UnresolvableError extends Error {
  constructor(
    /** The resource (or `Conditions.<name>`) being resolved; undefined for a free-standing value. */
    readonly logicalId: string | undefined,
    /** Property path within it, in the one path style; '' for the whole value. */
    readonly path: string,
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`cannot resolve ${expression} at ${logicalId ?? '(value)'}${path ? `.${path}` : ''}: ${reason}`);
    this.name = 'UnresolvableError';
  }
}

/** Resolution context: the variant, where the value lands (for errors and provenance). */
interface Ctx {
  choices: ReadonlyMap<string, boolean>;
  at: string | undefined;
  path: string;
  /** Inside an intrinsic's arguments: the path does not extend (the result lands at `path`). */
  arg: boolean;
  record: Provenance[] | undefined;
}

const NONE: ReadonlyMap<string, boolean> = new Map();

function describe(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}

export class Resolver {
  private readonly resources: Record<string, unknown>;
  private readonly parameters: Record<string, unknown>;
  private readonly mappings: Record<string, unknown>;
  private readonly conditions: Record<string, unknown>;
  private readonly suffix: string;
  private readonly strict: boolean;
  private readonly values: Readonly<Record<string, string | readonly string[]>> | undefined;
  private readonly conditionCache = new Map<string, boolean | undefined>();
  private readonly provenanceCache = new Map<string, Provenance[]>();
  /** Why the last intrinsic could not be resolved (strict-mode messages). */
  private why: string | undefined;

  constructor(
    template: Record<string, unknown>,
    readonly pseudo: Pseudo,
    options: ResolverOptions = {},
  ) {
    this.resources = isRecord(template.Resources) ? template.Resources : {};
    this.parameters = isRecord(template.Parameters) ? template.Parameters : {};
    this.mappings = isRecord(template.Mappings) ? template.Mappings : {};
    this.conditions = isRecord(template.Conditions) ? template.Conditions : {};
    this.suffix = urlSuffixOf(pseudo.partition);
    this.strict = options.strict === true;
    this.values = options.parameters;
  }

  /** The variants a resource's properties expand to (one when it has no undecided `Fn::If`). */
  variants(properties: unknown): Variant[] {
    const names: string[] = [];
    collectIfConditions(properties, names, 0);
    const fixed = new Map<string, boolean>();
    const free: string[] = [];
    for (const n of names) {
      const c = this.condition(n);
      if (c === undefined) free.push(n);
      else fixed.set(n, c);
    }
    const enumerated = free.slice(0, MAX_CONDITIONS);
    const out: Variant[] = [];
    const count = 1 << enumerated.length;
    for (let mask = 0; mask < count; mask++) {
      const choices = new Map(fixed);
      // mask bit 0 = true first, so the first variant takes every "true" branch
      enumerated.forEach((n, i) => choices.set(n, (mask & (1 << i)) === 0));
      out.push({ label: enumerated.map((n) => `${n}=${choices.get(n)}`).join(', '), choices });
    }
    return out;
  }

  /**
   * A condition's value when the template (and, for one deployment, the parameters and pseudo
   * parameters) decides it; undefined otherwise. Strict mode throws instead of answering undefined.
   */
  condition(name: string): boolean | undefined {
    const v = this.conditionValue(name, new Set());
    if (v === undefined && this.strict) {
      throw new UnresolvableError(`Conditions.${name}`, '', `{"Condition":${JSON.stringify(name)}}`, hasOwn(this.conditions, name) ? 'the condition is not decided by the template and the parameters' : 'no such condition');
    }
    return v;
  }

  private conditionValue(name: string, seen: Set<string>): boolean | undefined {
    if (this.conditionCache.has(name)) return this.conditionCache.get(name);
    if (seen.has(name) || !hasOwn(this.conditions, name)) return undefined;
    seen.add(name);
    const v = this.conditionExpr(this.conditions[name], name, seen, 0);
    this.conditionCache.set(name, v);
    return v;
  }

  private conditionExpr(e: unknown, name: string, seen: Set<string>, depth: number): boolean | undefined {
    if (depth > MAX_DEPTH || !isRecord(e)) return undefined;
    const keys = Object.keys(e);
    if (keys.length !== 1) return undefined;
    const arg = e[keys[0]];
    switch (keys[0]) {
      case 'Condition':
        return typeof arg === 'string' ? this.conditionValue(arg, seen) : undefined;
      case 'Fn::Not': {
        const v = Array.isArray(arg) ? this.conditionExpr(arg[0], name, seen, depth + 1) : undefined;
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const vals = arg.map((x) => this.conditionExpr(x, name, seen, depth + 1));
        const decisive = keys[0] === 'Fn::And' ? false : true;
        if (vals.includes(decisive)) return decisive;
        return vals.every((v) => v !== undefined) ? !decisive : undefined;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        let [a, b] = arg;
        if (this.values !== undefined) {
          // one deployment: parameters and pseudo parameters are known, so the operands resolve
          const c: Ctx = { choices: NONE, at: `Conditions.${name}`, path: '', arg: true, record: undefined };
          [a, b] = [this.walk(a, c, depth + 1), this.walk(b, c, depth + 1)];
        }
        if (isPrimitive(a) && isPrimitive(b)) return toStr(a) === toStr(b);
        if (this.values !== undefined && !containsUnresolved(a) && !containsUnresolved(b)) return JSON.stringify(a) === JSON.stringify(b);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Resolve a value for one variant. Returns NO_VALUE when the value is `AWS::NoValue`. */
  resolve(value: unknown, choices: ReadonlyMap<string, boolean>, depth = 0): Resolved | typeof NO_VALUE {
    return this.walk(value, { choices, at: undefined, path: '', arg: false, record: undefined }, depth);
  }

  /**
   * The resolved `Properties` of one resource (`{}` when it has none). Without `choices`, the resource
   * must have exactly one variant (throws otherwise: pick one from `variants()`).
   */
  properties(logicalId: string, choices?: ReadonlyMap<string, boolean>): Record<string, unknown> {
    const raw = this.rawProperties(logicalId);
    const ch = choices ?? this.onlyVariant(logicalId, raw);
    const v = this.walk(raw, { choices: ch, at: logicalId, path: '', arg: false, record: undefined }, 0);
    if (v === NO_VALUE) return {};
    if (!isRecord(v)) {
      if (this.strict) throw new UnresolvableError(logicalId, '', 'Properties', 'the properties do not resolve to an object');
      return {};
    }
    return v;
  }

  /**
   * Which values of a resource's properties came from a `Ref` / `Fn::GetAtt` of another resource of the
   * template, by property path. With `choices`, for that variant; otherwise across all its variants.
   * Only references that resolve are listed (an unresolved one is still an intrinsic in the value).
   */
  provenance(logicalId: string, choices?: ReadonlyMap<string, boolean>): Provenance[] {
    const raw = this.rawProperties(logicalId);
    const variants = choices ? [{ label: [...choices].map(([k, v]) => `${k}=${v}`).join(', '), choices }] : this.variants(raw);
    const out: Provenance[] = [];
    const seen = new Set<string>();
    for (const variant of variants) {
      const key = `${logicalId}\u0000${variant.label}`;
      let list = this.provenanceCache.get(key);
      if (!list) {
        list = [];
        this.walk(raw, { choices: variant.choices, at: logicalId, path: '', arg: false, record: list }, 0);
        this.provenanceCache.set(key, list);
      }
      for (const p of list) {
        const k = `${p.path}\u0000${p.refersTo}\u0000${p.attribute ?? ''}`;
        if (!seen.has(k)) {
          seen.add(k);
          out.push(p);
        }
      }
    }
    return out;
  }

  private rawProperties(logicalId: string): unknown {
    if (!hasOwn(this.resources, logicalId) || !isRecord(this.resources[logicalId])) throw new Error(`no resource ${logicalId} in the template`);
    const res = this.resources[logicalId] as Record<string, unknown>;
    return res.Properties === undefined ? {} : res.Properties;
  }

  private onlyVariant(logicalId: string, raw: unknown): ReadonlyMap<string, boolean> {
    const vs = this.variants(raw);
    if (vs.length !== 1) throw new Error(`resource ${logicalId} has ${vs.length} variants (${vs.map((v) => v.label).join(' | ')}): pass the choices of one`);
    return vs[0].choices;
  }

  /** The path is read only by strict-mode errors and provenance: without either, it is not built per node. */
  private tracksPath(c: Ctx): boolean {
    return this.strict || c.record !== undefined;
  }

  private walk(value: unknown, c: Ctx, depth: number): Resolved | typeof NO_VALUE {
    if (depth > MAX_DEPTH) {
      if (this.strict) throw new UnresolvableError(c.at, c.path, describe(value), 'nested too deeply');
      return value;
    }
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const item of value) {
        const r = this.walk(item, c.arg || !this.tracksPath(c) ? c : { ...c, path: `${c.path}[${out.length}]` }, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (!isRecord(value)) return value;
    if (isFnCall(value)) {
      const key = Object.keys(value)[0];
      this.why = undefined;
      const r = this.fn(key, value[key], c, depth);
      if (r !== undefined) return r;
      if (this.strict) throw new UnresolvableError(c.at, c.path, describe(value), this.why ?? 'not determined by the template');
      return value;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const r = this.walk(value[k], c.arg || !this.tracksPath(c) ? c : { ...c, path: c.path ? `${c.path}.${k}` : k }, depth + 1);
      if (r !== NO_VALUE) setOwn(out, k, r);
    }
    return out;
  }

  /** One intrinsic function; undefined = not resolvable from the template (the call stays as it is). */
  private fn(key: string, arg: unknown, c: Ctx, depth: number): Resolved | typeof NO_VALUE | undefined {
    const a: Ctx = c.arg ? c : { ...c, arg: true };
    const r = (v: unknown) => this.walk(v, a, depth + 1);
    switch (key) {
      case 'Ref':
        return typeof arg === 'string' ? this.ref(arg, c, depth) : undefined;
      case 'Fn::GetAtt': {
        let id: unknown;
        let attr: unknown;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          if (dot <= 0) return undefined;
          [id, attr] = [arg.slice(0, dot), arg.slice(dot + 1)];
        } else if (Array.isArray(arg) && arg.length === 2) {
          [id, attr] = [arg[0], r(arg[1])];
        }
        return typeof id === 'string' && typeof attr === 'string' ? this.getAtt(id, attr, c, depth) : undefined;
      }
      case 'Fn::Sub':
        return this.sub(arg, a, depth);
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const delim = r(arg[0]);
        const list = r(arg[1]);
        if (typeof delim !== 'string' || !Array.isArray(list) || !list.every(isPrimitive)) return undefined;
        return list.map((x) => toStr(x)).join(delim);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const index = toNum(r(arg[0]));
        const list = r(arg[1]);
        if (index === undefined || !Number.isInteger(index) || !Array.isArray(list) || index < 0 || index >= list.length) return undefined;
        return list[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const delim = r(arg[0]);
        const s = r(arg[1]);
        return typeof delim === 'string' && delim !== '' && typeof s === 'string' ? s.split(delim) : undefined;
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length < 3) return undefined;
        const [m, k1, k2] = [r(arg[0]), r(arg[1]), r(arg[2])].map((x) => (isPrimitive(x) ? toStr(x) : undefined));
        if (m === undefined || k1 === undefined || k2 === undefined) return undefined;
        const map = hasOwn(this.mappings, m) ? this.mappings[m] : undefined;
        const top = isRecord(map) && hasOwn(map, k1) ? map[k1] : undefined;
        if (isRecord(top) && hasOwn(top, k2)) return this.walk(top[k2], c, depth + 1);
        // AWS::LanguageExtensions: [map, k1, k2, {DefaultValue: v}]
        const dflt = arg[3];
        if (isRecord(dflt) && hasOwn(dflt, 'DefaultValue')) return this.walk(dflt.DefaultValue, c, depth + 1);
        this.why = `no entry ${m}.${k1}.${k2} in Mappings`;
        return undefined;
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return undefined;
        const choice = c.choices.get(arg[0]);
        if (choice === undefined) {
          this.why = `condition ${arg[0]} is not decided`;
          return undefined;
        }
        // the chosen branch lands where the Fn::If stands: its own properties extend the path
        return this.walk(choice ? arg[1] : arg[2], c, depth + 1);
      }
      case 'Fn::Base64': {
        const s = r(arg);
        return isPrimitive(s) ? Buffer.from(toStr(s) ?? '', 'utf8').toString('base64') : undefined;
      }
      case 'Fn::ToJsonString': {
        const v = r(arg);
        return v === NO_VALUE || containsUnresolved(v) ? undefined : JSON.stringify(v);
      }
      case 'Fn::Length': {
        const v = r(arg);
        return Array.isArray(v) ? v.length : undefined;
      }
      case 'Fn::ImportValue': {
        // another stack's export: known only where the lookups' pre-pass found it (Pseudo.imports)
        const name = this.pseudo.imports === undefined ? undefined : r(arg);
        if (typeof name === 'string' && this.pseudo.imports?.has(name)) return this.pseudo.imports.get(name);
        this.why = 'Fn::ImportValue is not determined by the template';
        return undefined;
      }
      default:
        // Fn::GetAZs, Fn::Cidr, Fn::Transform: not determined by the template
        this.why = `${key} is not determined by the template`;
        return undefined;
    }
  }

  private ref(name: string, c: Ctx, depth: number): Resolved | typeof NO_VALUE | undefined {
    const p = this.pseudo;
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::AccountId':
        return p.accountId;
      case 'AWS::Region':
        return p.region;
      case 'AWS::Partition':
        return p.partition;
      case 'AWS::URLSuffix':
        return this.suffix;
      case 'AWS::StackName':
        return p.stackName;
      case 'AWS::StackId':
        return stackIdOf(p);
      default:
        break;
    }
    if (hasOwn(this.parameters, name)) {
      // A parameter's value is chosen at deployment (even with a Default): only the given values resolve it.
      if (this.values && hasOwn(this.values as Record<string, unknown>, name)) {
        const v = this.values[name];
        return typeof v === 'string' ? v : [...v];
      }
      this.why = `parameter ${name} has no value${this.values ? '' : ' (a parameter is chosen at deployment)'}`;
      return undefined;
    }
    const named = this.named(name, c, depth);
    const v = named?.model.ref?.(named.n);
    if (v !== undefined) c.record?.push({ path: c.path, refersTo: name });
    else if (named) this.why = `${named.type} ${name}: its Ref value is not modelled`;
    return v;
  }

  private getAtt(id: string, attr: string, c: Ctx, depth: number): string | undefined {
    const named = this.named(id, c, depth);
    const f = named?.model.atts && hasOwn(named.model.atts, attr) ? named.model.atts[attr] : undefined;
    const v = f?.(named!.n);
    if (v !== undefined) c.record?.push({ path: c.path, refersTo: id, attribute: attr });
    else if (named) this.why = `${named.type} ${id}: attribute ${attr} is not modelled`;
    return v;
  }

  private named(id: string, c: Ctx, depth: number): { model: Model; type: string; n: Named } | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (!hasOwn(this.resources, id)) {
      this.why = id.startsWith('AWS::') ? `unknown pseudo parameter ${id}` : `no resource or parameter ${id} in the template`;
      return undefined;
    }
    const res = this.resources[id];
    if (!isRecord(res) || typeof res.Type !== 'string' || !hasOwn(MODELS, res.Type)) {
      this.why = `${isRecord(res) ? String(res.Type) : 'resource'} ${id}: its physical values are not modelled`;
      return undefined;
    }
    const model = MODELS[res.Type];
    const rawProps = isRecord(res.Properties) ? res.Properties : {};
    // a property of the referenced resource: resolved in its own place (errors name it), never recorded as provenance
    const prop = (key: string): string | undefined => {
      if (!hasOwn(rawProps, key)) return undefined;
      const v = this.walk(rawProps[key], { choices: c.choices, at: id, path: key, arg: false, record: undefined }, depth + 1);
      return isPrimitive(v) ? toStr(v) : undefined;
    };
    let physical: string;
    if (model.nameProp && hasOwn(rawProps, model.nameProp)) {
      const v = prop(model.nameProp);
      if (v === undefined) {
        // named by an unresolvable value: so is every reference to it
        this.why = `${res.Type} ${id} is named by ${model.nameProp}, which does not resolve`;
        return undefined;
      }
      physical = v;
    } else {
      physical = placeholderName(this.pseudo.stackName, id, model);
    }
    return { model, type: res.Type, n: { id, name: physical, p: this.pseudo, suffix: this.suffix, prop } };
  }

  private sub(arg: unknown, c: Ctx, depth: number): string | undefined {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') text = arg;
    else if (Array.isArray(arg) && arg.length >= 1) {
      text = arg[0];
      if (isRecord(arg[1])) vars = arg[1];
    }
    if (typeof text !== 'string') return undefined;
    let ok = true;
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const key = inner.trim();
      let v: unknown;
      if (hasOwn(vars, key)) v = this.walk(vars[key], c, depth + 1);
      else if (key.includes('.') && !key.startsWith('AWS::')) {
        const dot = key.indexOf('.');
        v = this.getAtt(key.slice(0, dot), key.slice(dot + 1), c, depth + 1);
        if (v === undefined && this.strict) throw new UnresolvableError(c.at, c.path, `\${${key}} in Fn::Sub`, this.why ?? 'not determined by the template');
      } else v = this.walk({ Ref: key }, c, depth + 1);
      const s = isPrimitive(v) ? toStr(v) : undefined;
      if (s === undefined) {
        ok = false;
        return whole;
      }
      return s;
    });
    return ok ? out : undefined;
  }
}

function collectIfConditions(v: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(v)) {
    for (const x of v) collectIfConditions(x, out, depth + 1);
    return;
  }
  if (!isRecord(v)) return;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (k === 'Fn::If' && Array.isArray(x) && typeof x[0] === 'string' && !out.includes(x[0])) out.push(x[0]);
    collectIfConditions(x, out, depth + 1);
  }
}

/** CloudFormation hands a hook every primitive as a string. Intrinsics left unresolved keep their shape. */

/**
 * CloudFormation hands a hook every primitive as a string ("true", "60"). Applies that recursively;
 * keys, strings, null and unresolved intrinsics keep their shape. The one copy (the CLI and the tests use it).
 */
export function stringifyPrimitives<T>(value: T, depth = 0): T {
  if (typeof value === 'number') return (Number.isFinite(value) ? String(value) : value) as T;
  if (typeof value === 'boolean') return (value ? 'true' : 'false') as T;
  if (depth > 200) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => stringifyPrimitives(v, depth + 1)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) setOwn(out, k, stringifyPrimitives(value[k], depth + 1));
    return out as T;
  }
  return value;
}
