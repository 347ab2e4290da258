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
import { actionsOfService, CHANGE_LEVELS } from './iam-catalogue';
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

/**
 * Do two globs (`*` any run, `?` one character, on both sides) match a common text? Used to ask whether an IAM
 * resource pattern can name a stack whose name matches a PlatformStackNames glob. Memoised over positions,
 * O(|a| × |b|).
 */
export function globsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let hit: boolean;
    if (i === a.length && j === b.length) hit = true;
    else if (i < a.length && a[i] === '*') hit = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === '*') hit = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i === a.length || j === b.length) hit = false;
    else hit = (a[i] === '?' || b[j] === '?' || a[i] === b[j]) && go(i + 1, j + 1);
    memo.set(key, hit);
    return hit;
  };
  return go(0, 0);
}

let stackList: readonly string[] | undefined;

/**
 * CloudFormation change actions (Write, Permissions management, Tagging) that name no stack, stack set or change
 * set, each for its reason; every other change action of the service is a stack-change action, so an action the
 * catalogue adds later counts until it is classified here (test/predicates/hook-rights.test.ts lists them).
 */
const NOT_ON_STACKS = new Set([
  // StackSets' trusted access with AWS Organizations: an account setting, no stack or stack set
  'ActivateOrganizationsAccess',
  'DeactivateOrganizationsAccess',
  // registers the account as an extension publisher (no type and no stack changes)
  'RegisterPublisher',
  // Cloud Control API: resources of any type, each judged by this hook under CLOUD_CONTROL; a stack made through
  // it (AWS::CloudFormation::Stack) needs cloudformation:CreateStack as well
  'CancelResourceRequest',
  'CreateResource',
  'DeleteResource',
  'UpdateResource',
  // the console's template upload bucket
  'CreateUploadBucket',
  // the IaC generator: scans and generated templates (a stack named in CreateGeneratedTemplate is only read)
  'CreateGeneratedTemplate',
  'DeleteGeneratedTemplate',
  'UpdateGeneratedTemplate',
  'StartResourceScan',
]);

/**
 * `cloudformation:<Name>` for every action that creates, changes, rolls back, tags or deletes a stack, a change
 * set or a stack set and its instances: every CloudFormation action of a changing access level (Write,
 * Permissions management, Tagging) but the type-management actions (`hookManagementActions`, the other half of
 * CICD.IAM.19) and the few that name no stack (`NOT_ON_STACKS`). So CreateStack, UpdateStack, DeleteStack,
 * CreateChangeSet, ExecuteChangeSet, CancelUpdateStack, ContinueUpdateRollback, RollbackStack, SignalResource,
 * SetStackPolicy, UpdateTerminationProtection, CreateStackSet, UpdateStackSet, Create/Update/DeleteStackInstances,
 * ImportStacksToStackSet, StopStackSetOperation, CreateStackRefactor, ExecuteStackRefactor, TagResource and
 * UntagResource (a stack's tags are what an aws:ResourceTag condition trusts) are all in.
 */
export function stackChangeActions(): readonly string[] {
  if (!stackList) {
    const types = new Set(hookManagementActions());
    stackList = actionsOfService('cloudformation')
      .filter((a) => CHANGE_LEVELS.includes(a.level) && !NOT_ON_STACKS.has(a.name) && !types.has(`cloudformation:${a.name}`))
      .map((a) => `cloudformation:${a.name}`)
      .sort();
  }
  return stackList;
}

/** The actions `stackChangeActions` leaves out as naming no stack (for the test that keeps the list honest). */
export function nonStackChangeActions(): readonly string[] {
  return [...NOT_ON_STACKS].sort().map((n) => `cloudformation:${n}`);
}

/** ARN fields before the resource, as a stack or stack set of any partition, region and account has them. */
const STACK_ARN_FIELDS = ['arn', '*', 'cloudformation', '*', '*'];

/**
 * Can the stack instances of a stack set whose name matches `setName` (a glob) match the PlatformStackNames glob?
 * StackSets name each instance stack `StackSet-<stack set name>-<id>`, so a stack set `pipeline-guard-x` creates
 * `StackSet-pipeline-guard-x-…`, which `StackSet-pipeline-guard-*` names.
 */
export function instancesMatch(setName: string, platformStackName: string): boolean {
  return globsIntersect(`StackSet-${setName}-*`, platformStackName);
}

/**
 * Can an IAM resource pattern name a stack (`stack/<name>/<id>`) whose name matches the PlatformStackNames glob,
 * or a stack set (`stackset/<name>:<id>`) whose name does or whose instance stacks (`StackSet-<name>-<id>`) do?
 * Compared field by field (a stack name holds no `:` or `/`), except that a wildcard in the last field or segment
 * a pattern has reaches over the rest, as IAM matches it.
 */
function namesPlatformStack(resource: string, platformStackName: string): boolean {
  const r = resource.trim();
  if (r === '*') return true;
  const fields = r.split(':');
  const head = Math.min(fields.length, 6) - 1; // fields before the resource field (or before the last one given)
  for (let i = 0; i < Math.min(head, STACK_ARN_FIELDS.length); i++) if (!globsIntersect(fields[i], STACK_ARN_FIELDS[i])) return false;
  if (fields.length < 6) {
    // `arn:aws:cloudformation:*`: the last field given spans the rest
    const last = fields[fields.length - 1];
    return last.includes('*') && globsIntersect(last, `${STACK_ARN_FIELDS[fields.length - 1]}*`);
  }
  const res = fields.slice(5).join(':');
  const slash = res.indexOf('/');
  if (slash < 0) {
    // `st*`, `*`: a wildcard before any `/` spans type, name and id
    if (!res.includes('*')) return false;
    if (globsIntersect(res, `stack/${platformStackName}/*`) || globsIntersect(res, `stackset/${platformStackName}:*`)) return true;
    return globsIntersect(res, 'stackset/*') && instancesMatch('*', platformStackName);
  }
  const type = res.slice(0, slash);
  const rest = res.slice(slash + 1);
  // the name runs to the next separator; a name pattern without one spans the rest when it holds a wildcard
  const name = (sep: string, test: (namePattern: string) => boolean): boolean => {
    const i = rest.indexOf(sep);
    if (i >= 0) return test(rest.slice(0, i));
    // `stack/pipeline-guard*`: the name is any text the part before the first `*` starts
    return rest.includes('*') && test(`${rest.slice(0, rest.indexOf('*'))}*`);
  };
  if (globsIntersect(type, 'stack') && name('/', (n) => globsIntersect(n, platformStackName))) return true;
  return globsIntersect(type, 'stackset') && name(':', (n) => globsIntersect(n, platformStackName) || instancesMatch(n, platformStackName));
}

export interface PlatformStackGrant {
  /** The stack-change actions the statement grants. */
  actions: string[];
  /** The PlatformStackNames glob one of its resources can name (or `NotResource`). */
  platform: string;
}

/**
 * Stack-change actions a statement grants on a resource that can name one of the platform's rollout stacks (the
 * stacks that register and configure this hook): `*`, NotResource, `arn:aws:cloudformation:*:*:stack/*`, or a
 * pattern whose stack name can match a PlatformStackNames glob. Undefined when there is no such stack setting,
 * no such action, or the resources name other stacks only.
 */
export function platformStackGrant(st: Statement, platformStackNames: readonly string[]): PlatformStackGrant | undefined {
  if (platformStackNames.length === 0) return undefined;
  const actions = stackChangeActions().filter((a) => grantsAction(st, a));
  if (actions.length === 0) return undefined;
  if (st.notResource) return { actions, platform: platformStackNames[0] };
  for (const p of platformStackNames) if (st.resources.some((r) => namesPlatformStack(r, p))) return { actions, platform: p };
  return undefined;
}
