/**
 * Test-side bridge from a synthesized CDK cloud assembly to hook invocations, as CloudFormation would
 * deliver them: every intrinsic function resolved to a plausible physical value, AWS::NoValue removed,
 * primitives stringified, one RESOURCE invocation per resource whose type the hook targets.
 *
 * The resolver is deliberately small and strict: an intrinsic it does not know throws, so a test never
 * silently hands the hook a half-resolved value.
 */
import { createHash } from 'node:crypto';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { targetNamesFor } from '../../src/engine/schema';
import type { HookResponse } from '../../src/protocol/wire';
import { buildRequest, invokeHook, stringifyPrimitives, type TestAction } from './requests';

export interface SynthStack {
  /** The stack's display path (e.g. `DefaultPipeline/Prod/App`), unique within the assembly tree. */
  path: string;
  stackName: string;
  account: string;
  region: string;
  template: Record<string, unknown>;
}

/** Every CloudFormation stack of an assembly, including the nested stage assemblies of CDK Pipelines. */
export function stacksOf(assembly: CloudAssembly): SynthStack[] {
  const out: SynthStack[] = [];
  const visit = (a: CloudAssembly): void => {
    for (const s of a.stacks as CloudFormationStackArtifact[]) {
      out.push({
        path: s.hierarchicalId,
        stackName: s.stackName,
        account: s.environment.account,
        region: s.environment.region,
        template: s.template as Record<string, unknown>,
      });
    }
    for (const n of a.nestedAssemblies) visit(n.nestedAssembly);
  };
  visit(assembly);
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

// ---------------------------------------------------------------------------------------------------
// Resolver
// ---------------------------------------------------------------------------------------------------

const NO_VALUE = Symbol('AWS::NoValue');

export interface ResolveContext {
  account: string;
  region: string;
  partition: string;
  stackName: string;
  stackId: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

/** A deterministic UUID-shaped id (KMS key ids, connection ids). */
function uuidOf(seed: string): string {
  const h = shortHash(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What `Ref` returns for a resource, and what `Fn::GetAtt` returns, per resource type. */
class PhysicalIds {
  constructor(
    private readonly resources: Record<string, Record<string, unknown>>,
    private readonly ctx: ResolveContext,
    private readonly resolveValue: (v: unknown) => unknown,
  ) {}

  private type(id: string): string {
    const r = this.resources[id];
    if (!r) throw new Error(`resolver: unknown logical ID ${id}`);
    return String(r.Type);
  }

  private prop(id: string, name: string): string | undefined {
    const props = this.resources[id]?.Properties;
    if (!isObj(props) || props[name] === undefined) return undefined;
    const v = this.resolveValue(props[name]);
    return typeof v === 'string' ? v : undefined;
  }

  /** CloudFormation-generated names: `<stack>-<logicalId>-<random>`. */
  private generatedName(id: string, max = 64, lower = false): string {
    const suffix = shortHash(this.ctx.stackName, id).slice(0, 12).toUpperCase();
    let name = `${this.ctx.stackName}-${id}`.slice(0, max - suffix.length - 1);
    name = `${name}-${suffix}`;
    return lower ? name.toLowerCase() : name;
  }

  private arn(service: string, resource: string, region = this.ctx.region, account = this.ctx.account): string {
    return `arn:${this.ctx.partition}:${service}:${region}:${account}:${resource}`;
  }

  ref(id: string): unknown {
    const t = this.type(id);
    const { account, region } = this.ctx;
    switch (t) {
      case 'AWS::S3::Bucket':
        return this.prop(id, 'BucketName') ?? this.generatedName(id, 63, true);
      case 'AWS::KMS::Key':
        return uuidOf(`${account}/${region}/${id}`);
      case 'AWS::KMS::Alias':
        return this.prop(id, 'AliasName') ?? `alias/${id}`;
      case 'AWS::IAM::Role':
        return this.prop(id, 'RoleName') ?? this.generatedName(id, 64);
      case 'AWS::IAM::User':
        return this.prop(id, 'UserName') ?? this.generatedName(id, 64);
      case 'AWS::IAM::Group':
        return this.prop(id, 'GroupName') ?? this.generatedName(id, 128);
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${this.ctx.partition}:iam::${account}:policy/${this.prop(id, 'ManagedPolicyName') ?? this.generatedName(id, 128)}`;
      case 'AWS::IAM::InstanceProfile':
        return this.prop(id, 'InstanceProfileName') ?? this.generatedName(id, 128);
      case 'AWS::CodeBuild::Project':
        return this.prop(id, 'Name') ?? `${id}-${shortHash(id).slice(0, 12)}`;
      case 'AWS::CodePipeline::Pipeline':
        return this.prop(id, 'Name') ?? this.generatedName(id, 100);
      case 'AWS::Logs::LogGroup':
        return this.prop(id, 'LogGroupName') ?? this.generatedName(id, 512);
      case 'AWS::Lambda::Function':
        return this.prop(id, 'FunctionName') ?? this.generatedName(id, 64);
      case 'AWS::SNS::Topic':
        return this.arn('sns', this.prop(id, 'TopicName') ?? this.generatedName(id, 256));
      case 'AWS::SQS::Queue':
        return `https://sqs.${region}.amazonaws.com/${account}/${this.prop(id, 'QueueName') ?? this.generatedName(id, 80)}`;
      case 'AWS::SecretsManager::Secret':
        return this.arn('secretsmanager', `secret:${this.prop(id, 'Name') ?? id}-AbCdEf`);
      case 'AWS::ECR::Repository':
        return this.prop(id, 'RepositoryName') ?? this.generatedName(id, 256, true);
      case 'AWS::EC2::VPC':
        return `vpc-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::Subnet':
        return `subnet-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::SecurityGroup':
        return `sg-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::RouteTable':
        return `rtb-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::InternetGateway':
        return `igw-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::NatGateway':
        return `nat-${shortHash(id).slice(0, 17)}`;
      case 'AWS::EC2::EIP':
        return '203.0.113.10';
      case 'AWS::EC2::VPCEndpoint':
        return `vpce-${shortHash(id).slice(0, 17)}`;
      case 'AWS::CodeStarConnections::Connection':
      case 'AWS::CodeConnections::Connection':
        return this.arn(t === 'AWS::CodeConnections::Connection' ? 'codeconnections' : 'codestar-connections', `connection/${uuidOf(id)}`);
      case 'AWS::Events::Rule':
        return `${this.ctx.stackName}-${id}`.slice(0, 64);
      default:
        return this.generatedName(id, 64);
    }
  }

  getAtt(id: string, attr: string): unknown {
    const t = this.type(id);
    const name = this.ref(id) as string;
    const { account, region, partition } = this.ctx;
    const iam = (kind: string, n: string) => `arn:${partition}:iam::${account}:${kind}/${n}`;
    switch (`${t}.${attr}`) {
      case 'AWS::S3::Bucket.Arn':
        return `arn:${partition}:s3:::${name}`;
      case 'AWS::S3::Bucket.DomainName':
        return `${name}.s3.amazonaws.com`;
      case 'AWS::S3::Bucket.RegionalDomainName':
        return `${name}.s3.${region}.amazonaws.com`;
      case 'AWS::S3::Bucket.WebsiteURL':
        return `http://${name}.s3-website-${region}.amazonaws.com`;
      case 'AWS::KMS::Key.Arn':
        return this.arn('kms', `key/${name}`);
      case 'AWS::KMS::Key.KeyId':
        return name;
      case 'AWS::IAM::Role.Arn':
        return iam('role', name);
      case 'AWS::IAM::Role.RoleId':
        return `AROA${shortHash(id).slice(0, 17).toUpperCase()}`;
      case 'AWS::IAM::User.Arn':
        return iam('user', name);
      case 'AWS::IAM::Group.Arn':
        return iam('group', name);
      case 'AWS::IAM::InstanceProfile.Arn':
        return iam('instance-profile', name);
      case 'AWS::CodeBuild::Project.Arn':
        return this.arn('codebuild', `project/${name}`);
      case 'AWS::Logs::LogGroup.Arn':
        return this.arn('logs', `log-group:${name}:*`);
      case 'AWS::Lambda::Function.Arn':
        return this.arn('lambda', `function:${name}`);
      case 'AWS::SNS::Topic.TopicArn':
        return name;
      case 'AWS::SNS::Topic.TopicName':
        return name.split(':').pop();
      case 'AWS::SQS::Queue.Arn':
        return this.arn('sqs', name.split('/').pop() as string);
      case 'AWS::SQS::Queue.QueueName':
        return name.split('/').pop();
      case 'AWS::ECR::Repository.Arn':
        return this.arn('ecr', `repository/${name}`);
      case 'AWS::ECR::Repository.RepositoryUri':
        return `${account}.dkr.ecr.${region}.amazonaws.com/${name}`;
      case 'AWS::EC2::SecurityGroup.GroupId':
        return name;
      case 'AWS::EC2::VPC.CidrBlock':
        return this.prop(id, 'CidrBlock') ?? '10.0.0.0/16';
      case 'AWS::EC2::VPC.DefaultSecurityGroup':
        return `sg-${shortHash(id, 'default').slice(0, 17)}`;
      case 'AWS::EC2::Subnet.AvailabilityZone':
        return this.prop(id, 'AvailabilityZone') ?? `${region}a`;
      case 'AWS::EC2::Subnet.SubnetId':
        return name;
      case 'AWS::EC2::EIP.AllocationId':
        return `eipalloc-${shortHash(id).slice(0, 17)}`;
      case 'AWS::Events::Rule.Arn':
        return this.arn('events', `rule/${name}`);
      default:
        if (attr === 'Arn') return this.arn(t.split('::')[1].toLowerCase(), `${t.split('::')[2].toLowerCase()}/${name}`);
        throw new Error(`resolver: no plausible value for Fn::GetAtt ${t}.${attr} (${id})`);
    }
  }
}

/** Resolves a template the way CloudFormation does before it hands properties to a hook. */
export class TemplateResolver {
  private readonly resources: Record<string, Record<string, unknown>>;
  private readonly parameters: Record<string, Record<string, unknown>>;
  private readonly conditions: Record<string, unknown>;
  private readonly mappings: Record<string, unknown>;
  private readonly ids: PhysicalIds;
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    template: Record<string, unknown>,
    readonly ctx: ResolveContext,
    /** Values of parameters (SSM parameter types resolve to their stored value, here a plausible one). */
    private readonly parameterValues: Record<string, string> = {},
  ) {
    this.resources = (isObj(template.Resources) ? template.Resources : {}) as Record<string, Record<string, unknown>>;
    this.parameters = (isObj(template.Parameters) ? template.Parameters : {}) as Record<string, Record<string, unknown>>;
    this.conditions = isObj(template.Conditions) ? template.Conditions : {};
    this.mappings = isObj(template.Mappings) ? template.Mappings : {};
    this.ids = new PhysicalIds(this.resources, ctx, (v) => this.resolve(v));
  }

  /** Logical IDs of the resources CloudFormation would create (resource-level Conditions applied). */
  logicalIds(): string[] {
    return Object.keys(this.resources).filter((id) => {
      const c = this.resources[id].Condition;
      return typeof c !== 'string' || this.condition(c);
    });
  }

  type(id: string): string {
    return String(this.resources[id].Type);
  }

  /** The resolved Properties of one resource (`{}` when the template has none). */
  properties(id: string): Record<string, unknown> {
    const props = this.resources[id].Properties;
    if (props === undefined) return {};
    const v = this.resolve(props);
    if (!isObj(v)) throw new Error(`resolver: Properties of ${id} did not resolve to an object`);
    return v;
  }

  private parameter(name: string): unknown {
    if (name in this.parameterValues) return this.parameterValues[name];
    const p = this.parameters[name];
    if (!p) throw new Error(`resolver: unknown Ref ${name}`);
    const type = String(p.Type);
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      if (name === 'BootstrapVersion') return '30';
      return `resolved-ssm-${String(p.Default ?? name)}`;
    }
    if (p.Default === undefined) throw new Error(`resolver: parameter ${name} has no default and no value`);
    if (type.startsWith('List<') || type === 'CommaDelimitedList') return String(p.Default).split(',');
    return p.Default;
  }

  private pseudo(name: string): unknown {
    const { account, region, partition, stackName, stackId } = this.ctx;
    switch (name) {
      case 'AWS::AccountId':
        return account;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return partition;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return stackId;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        throw new Error(`resolver: unknown pseudo parameter ${name}`);
    }
  }

  private refValue(name: string): unknown {
    if (name.startsWith('AWS::')) return this.pseudo(name);
    if (name in this.resources) return this.ids.ref(name);
    return this.parameter(name);
  }

  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    if (!(name in this.conditions)) throw new Error(`resolver: unknown condition ${name}`);
    const v = this.evalCondition(this.conditions[name]);
    this.conditionCache.set(name, v);
    return v;
  }

  private evalCondition(expr: unknown): boolean {
    if (!isObj(expr)) throw new Error('resolver: a condition must be an object');
    const [fn] = Object.keys(expr);
    const arg = expr[fn];
    switch (fn) {
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::Equals': {
        const [a, b] = (arg as unknown[]).map((x) => this.resolve(x));
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !this.evalCondition((arg as unknown[])[0]);
      case 'Fn::And':
        return (arg as unknown[]).every((x) => this.evalCondition(x));
      case 'Fn::Or':
        return (arg as unknown[]).some((x) => this.evalCondition(x));
      default:
        throw new Error(`resolver: unsupported condition function ${fn}`);
    }
  }

  private sub(text: string, vars: Record<string, unknown>): string {
    return text.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, expr: string) => {
      if (bang) return `\${${expr}}`;
      if (expr in vars) return String(this.resolve(vars[expr]));
      const dot = expr.indexOf('.');
      if (dot > 0 && !expr.startsWith('AWS::')) return String(this.ids.getAtt(expr.slice(0, dot), expr.slice(dot + 1)));
      const v = this.refValue(expr);
      if (typeof v !== 'string') throw new Error(`resolver: Fn::Sub variable ${expr} is not a string`);
      return v;
    });
  }

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    }
    if (!isObj(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return this.intrinsic(keys[0], value[keys[0]]);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.resolve(value[k]);
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref':
        return this.refValue(String(arg));
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        return this.ids.getAtt(String(this.resolve(id)), attr.join('.'));
      }
      case 'Fn::Join': {
        const [sep, list] = arg as [string, unknown];
        const items = this.resolve(list);
        if (!Array.isArray(items)) throw new Error('resolver: Fn::Join needs a list');
        return items.map((x) => String(x)).join(sep);
      }
      case 'Fn::Sub':
        if (typeof arg === 'string') return this.sub(arg, {});
        return this.sub(String((arg as unknown[])[0]), ((arg as unknown[])[1] ?? {}) as Record<string, unknown>);
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = this.resolve(list);
        if (!Array.isArray(items)) throw new Error('resolver: Fn::Select needs a list');
        return items[Number(this.resolve(index))];
      }
      case 'Fn::Split': {
        const [sep, text] = arg as [string, unknown];
        return String(this.resolve(text)).split(sep);
      }
      case 'Fn::If': {
        const [cond, yes, no] = arg as [string, unknown, unknown];
        return this.resolve(this.condition(cond) ? yes : no);
      }
      case 'Fn::GetAZs':
        return [`${this.ctx.region}a`, `${this.ctx.region}b`, `${this.ctx.region}c`];
      case 'Fn::Base64':
        return Buffer.from(String(this.resolve(arg))).toString('base64');
      case 'Fn::ImportValue':
        return `imported-${String(this.resolve(arg))}`;
      case 'Fn::FindInMap': {
        const [map, k1, k2] = (arg as unknown[]).map((x) => this.resolve(x));
        const m = this.mappings[String(map)] as Record<string, Record<string, unknown>> | undefined;
        const v = m?.[String(k1)]?.[String(k2)];
        if (v === undefined) throw new Error(`resolver: Fn::FindInMap ${String(map)}.${String(k1)}.${String(k2)} not found`);
        return v;
      }
      case 'Fn::Cidr': {
        const [, count] = (arg as unknown[]).map((x) => this.resolve(x));
        return Array.from({ length: Number(count) }, (_v, i) => `10.0.${i}.0/24`);
      }
      case 'Fn::Length': {
        const v = this.resolve(arg);
        return Array.isArray(v) ? v.length : 0;
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(arg));
      default:
        throw new Error(`resolver: unsupported intrinsic ${fn}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Running an assembly through the hook
// ---------------------------------------------------------------------------------------------------

export interface ResourceInvocation {
  stack: SynthStack;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  response: HookResponse;
  logs: string[];
}

export function stackIdOf(s: SynthStack): string {
  return `arn:aws:cloudformation:${s.region}:${s.account}:stack/${s.stackName}/${uuidOf(s.path)}`;
}

/** The resources of a stack that CloudFormation would hand to the hook on `action`, resolved and stringified. */
export function hookTargets(s: SynthStack, action: TestAction = 'CREATE'): Array<{ logicalId: string; type: string; properties: Record<string, unknown> }> {
  const resolver = new TemplateResolver(s.template, {
    account: s.account,
    region: s.region,
    partition: 'aws',
    stackName: s.stackName,
    stackId: stackIdOf(s),
  });
  const targeted = new Set(targetNamesFor(action));
  return resolver
    .logicalIds()
    .filter((id) => targeted.has(resolver.type(id)))
    .map((id) => ({ logicalId: id, type: resolver.type(id), properties: stringifyPrimitives(resolver.properties(id)) }));
}

/** Invoke the hook for every targeted resource of every stack (sequentially, in a stable order). */
export async function runAssembly(stacks: readonly SynthStack[], hookModel: unknown = null, action: TestAction = 'CREATE'): Promise<ResourceInvocation[]> {
  const out: ResourceInvocation[] = [];
  for (const s of stacks) {
    for (const t of hookTargets(s, action)) {
      const request = buildRequest({ type: t.type, properties: t.properties, logicalId: t.logicalId, hookModel, action, stackId: stackIdOf(s) });
      request.awsAccountId = s.account;
      const { response, logs } = await invokeHook(request);
      out.push({ stack: s, logicalId: t.logicalId, type: t.type, properties: t.properties, response, logs });
    }
  }
  return out;
}

/**
 * One line per FAILED outcome: `${stack}/${logicalId} ${controlId}` for each FAILED annotation, and
 * `${stack}/${logicalId} ERROR ${errorCode}` for a FAILED answer that is not a compliance verdict.
 */
export function failedLines(results: readonly ResourceInvocation[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const where = `${r.stack.path}/${r.logicalId}`;
    if (r.response.hookStatus === 'FAILED' && r.response.errorCode !== 'NonCompliant') lines.push(`${where} ERROR ${r.response.errorCode ?? '?'}`);
    for (const a of r.response.annotations ?? []) if (a.status === 'FAILED') lines.push(`${where} ${a.annotationName}`);
  }
  return lines.sort();
}

/** Human-readable detail of the failures (for assertion messages): line, status message. */
export function failureDetail(results: readonly ResourceInvocation[]): string {
  const out: string[] = [];
  for (const r of results) {
    const where = `${r.stack.path}/${r.logicalId} (${r.type})`;
    if (r.response.hookStatus === 'FAILED' && r.response.errorCode !== 'NonCompliant') out.push(`${where} ERROR ${r.response.errorCode}: ${r.response.message}`);
    for (const a of r.response.annotations ?? []) if (a.status === 'FAILED') out.push(`${where} ${a.annotationName}: ${a.statusMessage}`);
  }
  return out.join('\n');
}
