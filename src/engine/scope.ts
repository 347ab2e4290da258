/**
 * The `Scope` setting (issue 13 item 3): which resources of generic types the hook judges.
 *
 * - CI/CD types (pipelines, projects, connections, repositories, deployment groups, trails, registry
 *   settings, IAM users and OIDC providers, StackSets, ...) are always judged.
 * - Generic types (buckets, keys, log groups, functions, roles, policies, secrets, parameters, ...) are,
 *   in `pipeline` scope, judged only when they are pipeline-related in their stack; in `all` scope always.
 *
 * Pipeline-related (decided on the template, the same way at STACK level and, when the template is known,
 * for RESOURCE requests): every resource of a CI/CD type is a root, and so is a role whose trust policy
 * names a CI/CD service principal (a self-evident marker). From what is related, the template's references
 * (Ref, Fn::GetAtt, ${…}; not DependsOn) lead on: whatever a related resource refers to is related
 * (its role, key, bucket, log group, the function a pipeline invokes), and a resource that attaches to or
 * acts on a related resource is related (a policy naming a related role, a bucket policy of a related
 * bucket, an alias of a related key, a function, custom resource, state machine, rule or schedule that
 * refers to one). Without the template (a RESOURCE request the hook cannot place in its stack) the
 * relation is unknown and the resource is judged (fail closed).
 */
import type { Settings } from '../model';
import { S3_POLICY_TYPES } from '../predicates/resource-policy';
import { isRecord } from '../predicates/values';
import { StackModel } from '../template/stack';

/** Resource types judged only when pipeline-related in `pipeline` scope. */
export const GENERIC_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket',
  ...S3_POLICY_TYPES,
  // not targeted: the links through which a multi-Region or Object Lambda access point policy reaches its buckets
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::KMS::ReplicaKey',
  'AWS::Logs::LogGroup',
  'AWS::Logs::SubscriptionFilter',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Url',
  'AWS::Lambda::LayerVersionPermission',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::InstanceProfile',
  'AWS::SecretsManager::Secret',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::SSM::Parameter',
  'AWS::SSM::Document',
  'AWS::SSM::Association',
  'AWS::ECR::Repository',
  'AWS::ECS::TaskDefinition',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::Instance',
  'AWS::Events::Connection',
  'AWS::Events::EventBus',
  'AWS::Events::EventBusPolicy',
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
  'AWS::StepFunctions::StateMachine',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  'AWS::CloudFormation::CustomResource',
  // a share is a root when it names a CI/CD resource by ARN (isRoot); otherwise related through its references
  'AWS::RAM::ResourceShare',
  'AWS::RAM::PrincipalAssociation',
  'AWS::RAM::SourceAssociation',
]);

/** Custom resources (`Custom::Name`) are generic too. */
export function isGenericType(type: string): boolean {
  return GENERIC_TYPES.has(type) || type.startsWith('Custom::');
}

/** Types that are CI/CD by nature, targeted or not (roots of the relation). */
const CICD_PREFIXES = [
  'AWS::CodePipeline::',
  'AWS::CodeBuild::',
  'AWS::CodeStarConnections::',
  'AWS::CodeConnections::',
  'AWS::CodeCommit::',
  'AWS::CodeDeploy::',
  'AWS::CodeArtifact::',
  'AWS::CloudTrail::',
  'AWS::ECR::',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::CloudFormation::StackSet',
];

/** Service principals whose trust makes a role a CI/CD role by itself. */
const CICD_PRINCIPALS = /\b(codebuild|codepipeline|codedeploy|codestar|codeconnections|codestar-connections|codecommit|codeartifact)\.amazonaws\.com\b/i;

/**
 * Generic resources that are related when they refer to a related resource: they attach to it (policies,
 * aliases, permissions, subscription filters, access points) or act on it (functions, custom resources,
 * state machines, rules, schedules, SSM documents and associations).
 */
function attachesOrActs(type: string): boolean {
  return isGenericType(type) && type !== 'AWS::S3::Bucket' && type !== 'AWS::KMS::Key' && type !== 'AWS::Logs::LogGroup' && type !== 'AWS::SecretsManager::Secret' && type !== 'AWS::SSM::Parameter' && type !== 'AWS::ECR::Repository';
}

/** An ARN of a CI/CD service's resource (`arn:aws:codebuild:eu-west-1:123456789012:project/app`), as text in a property. */
const CICD_ARN = /\barn:[a-z-]+:(codebuild|codepipeline|codedeploy|codecommit|codeartifact|codestar-connections|codeconnections|ecr):/i;

function isRoot(model: StackModel, id: string, type: string): boolean {
  if (isGenericType(type)) {
    // a RAM share of a project, report group or repository named by ARN (not a reference) is as CI/CD as they are
    if (type === 'AWS::RAM::ResourceShare') return CICD_ARN.test(textOf(model.resource(id)?.properties.ResourceArns));
    if (type !== 'AWS::IAM::Role') return false;
    return CICD_PRINCIPALS.test(textOf(model.resource(id)?.properties.AssumeRolePolicyDocument));
  }
  return CICD_PREFIXES.some((p) => type === p || type.startsWith(p));
}

/** A property as JSON text ('' when it cannot be serialised). */
function textOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

const BY_MODEL = new WeakMap<StackModel, ReadonlySet<string>>();

/** The logical IDs of the pipeline-related resources of a stack (computed once per model). */
export function pipelineRelated(model: StackModel): ReadonlySet<string> {
  let known = BY_MODEL.get(model);
  if (!known) BY_MODEL.set(model, (known = computeRelated(model)));
  return known;
}

function computeRelated(model: StackModel): ReadonlySet<string> {
  const related = new Set<string>();
  const queue: string[] = [];
  const add = (id: string): void => {
    if (related.has(id)) return;
    related.add(id);
    queue.push(id);
  };
  for (const r of model.resources()) if (isRoot(model, r.logicalId, r.type)) add(r.logicalId);
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const ref of model.references(id)) if (ref.target === 'resource' && ref.via !== 'DependsOn') add(ref.to);
    for (const ref of model.referencedBy(id)) {
      if (ref.via === 'DependsOn' || related.has(ref.from)) continue;
      const from = model.resource(ref.from);
      if (from && attachesOrActs(from.type)) add(ref.from);
    }
  }
  return related;
}

const BY_TEMPLATE = new WeakMap<object, ReadonlySet<string>>();

/** `pipelineRelated` of a parsed template, computed once per template object (RESOURCE requests of one stack share it). */
export function pipelineRelatedOf(template: Record<string, unknown>): ReadonlySet<string> {
  let set = BY_TEMPLATE.get(template);
  if (!set) {
    set = pipelineRelated(new StackModel(template));
    BY_TEMPLATE.set(template, set);
  }
  return set;
}

/**
 * What a RESOURCE request knows about its resource's relation: true/false when the stack's template is
 * known and has the logical ID with the same type; undefined otherwise (the resource is judged).
 */
export function relationInTemplate(template: unknown, logicalId: string, type: string): boolean | undefined {
  if (!isRecord(template) || !isRecord(template.Resources)) return undefined;
  const own = template.Resources[logicalId];
  if (!isRecord(own) || own.Type !== type) return undefined;
  try {
    return pipelineRelatedOf(template).has(logicalId);
  } catch {
    return undefined; // an unreadable template decides nothing: judged
  }
}

/** In `pipeline` scope, a generic resource known to be unrelated is not judged (by controls that honour the scope). */
export function outOfScope(settings: Pick<Settings, 'Scope'>, type: string, related: boolean | undefined): boolean {
  return settings.Scope !== 'all' && related === false && isGenericType(type);
}

export const OUT_OF_SCOPE_REASON = 'not pipeline-related in its stack (Scope pipeline: generic resources are judged only when a pipeline, project, connection or their roles, keys and buckets refer to them)';
