/**
 * The rights to switch off or replace a CloudFormation hook (this one included): the extension-registry
 * ("type") management actions of CloudFormation, taken from the IAM catalogue and not from a hand list.
 *
 * Every CloudFormation action of access level Write or Permissions management whose name operates on a
 * registry type (`…Type`, `…TypeConfiguration`, `…TypeDefaultVersion`): RegisterType (new code for a hook's
 * type), DeregisterType (remove a version or the type), ActivateType / DeactivateType (public and third-party
 * types, AWS::CloudFormation::GuardHook/LambdaHook are activated this way), SetTypeConfiguration (the hook's
 * HookInvocationStatus, FailureMode, TargetStacks, its Properties), SetTypeDefaultVersion (roll the hook back to
 * an older version), PublishType and TestType (publish or test-run a type version). Read and List actions
 * (DescribeType, ListTypes, BatchDescribeTypeConfigurations) change nothing. RegisterPublisher only registers
 * the account as a publisher (no type changes) and RecordHandlerProgress reports a resource handler's progress
 * (not a hook's verdict): neither switches a hook off, both are left out. The named floor below keeps the
 * actions the issue names even if a future catalogue renames a level.
 */
import { actionsOfService } from './iam-catalogue';
import { grantsAction, type Statement } from './policy';

const FLOOR = ['ActivateType', 'DeactivateType', 'DeregisterType', 'RegisterType', 'SetTypeConfiguration', 'SetTypeDefaultVersion'];

let list: readonly string[] | undefined;

/** `cloudformation:<Name>` for every type-management action (catalogue names, sorted). */
export function hookManagementActions(): readonly string[] {
  if (!list) {
    const names = new Set(FLOOR);
    for (const a of actionsOfService('cloudformation')) {
      if ((a.level === 'Write' || a.level === 'Permissions management') && /Type(?:Configuration|DefaultVersion)?$/.test(a.name)) names.add(a.name);
    }
    list = [...names].sort().map((n) => `cloudformation:${n}`);
  }
  return list;
}

/**
 * The type-management actions the statement's Action (or NotAction) grants, each glob-matched against the
 * statement's patterns (`cloudformation:*`, `cloudformation:Set*`, `*:Deactivate*`, `cloudformation:?eregisterType`,
 * `*`, any case), whatever the resource and condition.
 */
export function grantedHookActions(st: Statement): string[] {
  return hookManagementActions().filter((a) => grantsAction(st, a));
}

/** The CloudFormation resource types that register, configure or create hooks (CICD.CFN.2). */
export const HOOK_RESOURCE_TYPES = [
  'AWS::CloudFormation::HookVersion',
  'AWS::CloudFormation::HookDefaultVersion',
  'AWS::CloudFormation::HookTypeConfig',
  'AWS::CloudFormation::LambdaHook',
  'AWS::CloudFormation::GuardHook',
] as const;

/**
 * Every CloudFormation resource type that changes the extension registry: the hook types above, and the types
 * that register, activate, publish or make default any other extension. A resource, module or hook type brought
 * in this way runs handler code (with an ExecutionRoleArn the deploying role passes) that this hook does not
 * target, so it is an out-of-band path around every control; the matching IAM actions (RegisterType,
 * ActivateType, SetTypeDefaultVersion, PublishType) are CICD.IAM.19's. AWS::CloudFormation::Publisher only
 * registers the account as a publisher (RegisterPublisher is not a type change either) and is left out.
 */
export const REGISTRY_RESOURCE_TYPES = [
  ...HOOK_RESOURCE_TYPES,
  'AWS::CloudFormation::TypeActivation',
  'AWS::CloudFormation::ResourceVersion',
  'AWS::CloudFormation::ResourceDefaultVersion',
  'AWS::CloudFormation::ModuleVersion',
  'AWS::CloudFormation::ModuleDefaultVersion',
  'AWS::CloudFormation::PublicTypeVersion',
] as const;

/**
 * This hook's own names: its registry type (`PipelineGuard::CICD::Hook`, ARN segment `type/hook/PipelineGuard-CICD-Hook`)
 * and the alias the deploy/ kit gives the Lambda-hook form (`PipelineGuard::CICD::LambdaHook`). Any type of the
 * `PipelineGuard::CICD::` namespace counts.
 */
const OWN_NAME = /^PipelineGuard::CICD::/i;
const OWN_ARN = /:type\/hook\/PipelineGuard-CICD-/i;
/** The properties of the registry resource types that name the type, version, alias or module they act on. */
const IDENTIFYING = ['TypeName', 'TypeArn', 'TypeVersionArn', 'Alias', 'TypeNameAlias', 'PublicTypeArn', 'ModuleName', 'Arn'] as const;

/**
 * Does a registry declaration act on this hook? `yes` when an identifying property names it, `no` when every
 * identifying property present is a plain string naming something else, `unknown` when none is present or one is
 * not a plain string (an intrinsic the template does not resolve).
 */
export function targetsThisHook(get: (key: string) => unknown): 'yes' | 'no' | 'unknown' {
  let named = false;
  let unresolved = false;
  for (const key of IDENTIFYING) {
    const v = get(key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      unresolved = true;
      continue;
    }
    if (OWN_NAME.test(v.trim()) || OWN_ARN.test(v)) return 'yes';
    named = true;
  }
  return named && !unresolved ? 'no' : 'unknown';
}
