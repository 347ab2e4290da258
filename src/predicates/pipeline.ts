/**
 * Walking a CodePipeline's `Stages[].Actions[]` in execution order, and the classifications the
 * CodePipeline controls share: source actions, Manual approvals, actions that change an environment,
 * production stages and accounts, and whether an approval gates an action.
 *
 * Every stage and action is a view of the resource rooted at it (`Stages[3]`, `Stages[3].Actions[1]`), so
 * reads through it record UNKNOWNs with their full path and findings take their paths from it.
 */
import type { ListItem, ResourceView } from '../model';
import { isProductionName } from './production-names';
import { isIntrinsic, isRecord } from './values';

/** What the walk learns about an action (plain data, shared between the controls of one request). */
interface ActionShape {
  readonly stageIndex: number;
  /** Stage name ('' when absent or unreadable). */
  readonly stageName: string;
  readonly actionIndex: number;
  /** Action name ('' when absent or unreadable). */
  readonly name: string;
  /** `Stages[i].Actions[j]`. */
  readonly path: string;
  /** ActionTypeId fields as written ('' when absent). */
  readonly category: string;
  readonly owner: string;
  readonly provider: string;
  /** RunOrder (absent means 1); undefined when present but not a number. */
  readonly runOrder: number | undefined;
}

export interface PipelineAction extends ActionShape {
  /** The action as a view of the caller's resource rooted at `path`: reads record UNKNOWNs with full paths. */
  readonly view: ResourceView;
}

export interface PipelineStage {
  index: number;
  name: string;
  /** `Stages[i]`. */
  path: string;
  actions: PipelineAction[];
}

/**
 * Views of one caller's actions, taken on first use: `Stages` and each stage's `Actions` are listed once
 * per caller (one view per item), not walked again from the root for every action.
 */
class ActionViews {
  private stages: ListItem[] | undefined;
  private readonly actions = new Map<number, ListItem[]>();

  constructor(private readonly root: ResourceView) {}

  get(stageIndex: number, actionIndex: number): ResourceView {
    if (this.stages === undefined) this.stages = this.root.items('Stages');
    let actions = this.actions.get(stageIndex);
    if (actions === undefined) {
      actions = this.stages[stageIndex].view.items('Actions');
      this.actions.set(stageIndex, actions);
    }
    return actions[actionIndex].view;
  }
}

/** An action bound to one control's view; the view is taken when a control first reads through it. */
class BoundAction implements PipelineAction {
  readonly stageIndex: number;
  readonly stageName: string;
  readonly actionIndex: number;
  readonly name: string;
  readonly path: string;
  readonly category: string;
  readonly owner: string;
  readonly provider: string;
  readonly runOrder: number | undefined;
  private bound: ResourceView | undefined;

  constructor(shape: ActionShape, private readonly views: ActionViews | undefined, view?: ResourceView) {
    this.stageIndex = shape.stageIndex;
    this.stageName = shape.stageName;
    this.actionIndex = shape.actionIndex;
    this.name = shape.name;
    this.path = shape.path;
    this.category = shape.category;
    this.owner = shape.owner;
    this.provider = shape.provider;
    this.runOrder = shape.runOrder;
    this.bound = view;
  }

  get view(): ResourceView {
    if (this.bound === undefined) this.bound = this.views!.get(this.stageIndex, this.actionIndex);
    return this.bound;
  }
}

interface StageShape {
  index: number;
  name: string;
  path: string;
  actions: ActionShape[];
}

/** An object that is not an unresolved intrinsic (junk list entries are skipped, intrinsics are UNKNOWN). */
function isPlainObject(value: unknown): boolean {
  return isRecord(value) && !isIntrinsic(value);
}

/**
 * Every CodePipeline control walks the same stages. A walk that met nothing unresolved, no junk and no
 * missing name (so it recorded no UNKNOWN) is memoised per `Stages` list (object identity) as plain data;
 * every caller gets its own actions, bound to its own view. Any other walk is done per caller.
 */
const stagesMemo = new WeakMap<object, StageShape[]>();

/**
 * The stages and their actions, in order. Junk entries (non-objects) are skipped; a stage, an action list,
 * an action or an ActionTypeId that the template cannot resolve is recorded as UNKNOWN by the view.
 */
export function pipelineStages(view: ResourceView): PipelineStage[] {
  const list = view.get('Stages');
  const hit = Array.isArray(list) ? stagesMemo.get(list) : undefined;
  if (hit !== undefined) {
    const views = new ActionViews(view);
    return hit.map((s) => ({ index: s.index, name: s.name, path: s.path, actions: s.actions.map((a) => new BoundAction(a, views)) }));
  }
  let clean = Array.isArray(list) && list.length > 0;
  const shapes: StageShape[] = [];
  const stages: PipelineStage[] = [];
  const text = (v: ResourceView, path: string): string => {
    const value = v.str(path);
    if (value === undefined) clean = false;
    return (value ?? '').trim();
  };
  for (const stage of view.items('Stages')) {
    if (!isPlainObject(stage.value)) {
      clean = false;
      continue;
    }
    const sv = stage.view;
    const stageName = text(sv, 'Name');
    const actionShapes: ActionShape[] = [];
    const actions: PipelineAction[] = [];
    const items = sv.items('Actions');
    if (items.length === 0) clean = false;
    for (const action of items) {
      if (!isPlainObject(action.value)) {
        clean = false;
        continue;
      }
      const av = action.view;
      const typeId = av.at('ActionTypeId');
      const rawRunOrder = av.get('RunOrder');
      const runOrder = rawRunOrder === undefined || rawRunOrder === null ? 1 : av.numOf(rawRunOrder, 'RunOrder');
      if (runOrder === undefined) clean = false;
      const shape: ActionShape = {
        stageIndex: stage.index,
        stageName,
        actionIndex: action.index,
        name: text(av, 'Name'),
        path: av.path,
        category: text(typeId, 'Category'),
        owner: text(typeId, 'Owner'),
        provider: text(typeId, 'Provider'),
        runOrder,
      };
      actionShapes.push(shape);
      actions.push(new BoundAction(shape, undefined, av));
    }
    shapes.push({ index: stage.index, name: stageName, path: sv.path, actions: actionShapes });
    stages.push({ index: stage.index, name: stageName, path: sv.path, actions });
  }
  if (clean) stagesMemo.set(list as unknown[], shapes);
  return stages;
}

export function pipelineActions(view: ResourceView): PipelineAction[] {
  const out: PipelineAction[] = [];
  for (const stage of pipelineStages(view)) for (const a of stage.actions) out.push(a);
  return out;
}

/** `(stage Prod, action Deploy)`: the names a developer sees in the console. */
export function actionLabel(a: PipelineAction): string {
  return `(stage ${a.stageName || '#' + a.stageIndex}, action ${a.name || '#' + a.actionIndex})`;
}

/** `Stages[4].Actions[1] (stage Prod, action Deploy)` — names only, never configuration values. */
export function describeAction(a: PipelineAction): string {
  return `${a.path} ${actionLabel(a)}`;
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** ActionTypeId exactly {Category Approval, Owner AWS, Provider Manual} (CodePipeline's spelling). */
export function isManualApproval(a: PipelineAction): boolean {
  return a.category === 'Approval' && a.owner === 'AWS' && a.provider === 'Manual';
}

export function isSourceAction(a: PipelineAction): boolean {
  return eq(a.category, 'Source');
}

/** Providers that deploy whatever category they are filed under (Source excepted: S3 and ECR are also sources). */
const DEPLOY_PROVIDERS = new Set([
  'cloudformation', 'cloudformationstackset', 'cloudformationstackinstances', 'codedeploy', 'codedeploytoecs', 'ecs',
  'elasticbeanstalk', 'appconfig', 'servicecatalog', 'alexaskillskit', 'opsworks', 'eks', 'ec2', 's3',
]);
/** Categories that run arbitrary code; they change production when they run with a production role. */
const COMPUTE_CATEGORIES = new Set(['build', 'test', 'invoke', 'compute']);

/** Category Deploy, or a deploy provider outside the Source and Approval categories. */
export function isDeployAction(a: PipelineAction): boolean {
  if (isSourceAction(a) || eq(a.category, 'Approval')) return false;
  return eq(a.category, 'Deploy') || DEPLOY_PROVIDERS.has(a.provider.toLowerCase());
}

export type ChangeKind = 'deploy' | 'compute' | 'none';

/**
 * How an action can change an environment:
 * - 'deploy': Category Deploy, or a deploy provider (CloudFormation, CodeDeploy, ECS, S3, …) outside the
 *   Source and Approval categories — except a CloudFormation CHANGE_SET_REPLACE, which only prepares a
 *   change set for review and changes no resource;
 * - 'compute': Build, Test, Invoke and Compute actions (CodeBuild, Lambda, Step Functions, Commands) — they
 *   change production only when they run with a role in a production account;
 * - 'none': Source and Approval actions, and anything else.
 */
export function changeKind(a: PipelineAction): ChangeKind {
  if (isDeployAction(a)) {
    if (eq(a.provider, 'CloudFormation')) {
      const mode = a.view.str('Configuration.ActionMode');
      if (mode !== undefined && mode.trim().toUpperCase() === 'CHANGE_SET_REPLACE') return 'none';
    }
    return 'deploy';
  }
  if (!isSourceAction(a) && COMPUTE_CATEGORIES.has(a.category.toLowerCase())) return 'compute';
  return 'none';
}

/** The 12-digit account of an IAM ARN (`arn:aws:iam::123456789012:role/x`), or undefined. */
export function accountOfArn(arn: string): string | undefined {
  const parts = arn.trim().split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return /^[0-9]{12}$/.test(parts[4]) ? parts[4] : undefined;
}

const ROLE_PATHS = ['RoleArn', 'Configuration.RoleArn'] as const;

/** Role ARNs an action runs with: its own `RoleArn` and, as CDK Pipelines emits for CloudFormation, `Configuration.RoleArn`. */
export function actionRoleArns(a: PipelineAction): Array<{ path: string; arn: string }> {
  const out: Array<{ path: string; arn: string }> = [];
  for (const rel of ROLE_PATHS) {
    const arn = a.view.str(rel);
    if (arn !== undefined && arn.trim() !== '') out.push({ path: a.view.pathOf(rel), arn });
  }
  return out;
}

/** Stage names: word patterns and globs of `ProductionStageNames` (see production-names.ts). */
export function isProductionStageName(name: string, patterns: readonly string[]): boolean {
  return isProductionName(name, patterns);
}

/** Why an action acts in production: the property that says so (full path) and what it names. */
export interface ProductionDestination {
  path: string;
  why: string;
}

/** What a CloudFormation-family action creates or changes by name (CICD.CFN.3). */
export interface ActionStackTarget {
  /** `stack`: `Configuration.StackName`; `stackset`: `Configuration.StackSetName` (its instance stacks). */
  kind: 'stack' | 'stackset';
  /** The configuration key, relative to the action (`Configuration.StackName`). */
  rel: string;
}

/**
 * The stack or stack set a CloudFormation action names: provider CloudFormation (every ActionMode: CREATE_UPDATE,
 * REPLACE_ON_FAILURE, CHANGE_SET_REPLACE/EXECUTE, DELETE_ONLY) takes `StackName`, CloudFormationStackSet and
 * CloudFormationStackInstances take `StackSetName` (both required by CodePipeline). Undefined for other providers.
 */
export function actionStackTarget(a: PipelineAction): ActionStackTarget | undefined {
  const provider = a.provider.toLowerCase();
  if (provider === 'cloudformation') return { kind: 'stack', rel: 'Configuration.StackName' };
  if (STACKSET_PROVIDERS.has(provider)) return { kind: 'stackset', rel: 'Configuration.StackSetName' };
  return undefined;
}

/** Every account named by an ARN inside a string (`arn:<partition>:<service>:<region>:<account>:…`), JSON text included. */
const ARN_ACCOUNT = /arn:aws[a-z0-9-]*:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12}):/gi;
/** Lambda's partial ARN in FunctionName: `123456789012:function:name`. */
const PARTIAL_FUNCTION_ARN = /^\s*([0-9]{12}):function:/;
const ACCOUNT_ID = /^[0-9]{12}$/;
/** Organization roots and OUs (`r-ab12`, `ou-ab12-cdef3456`): their accounts are not in the request. */
const ORG_TARGET = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/i;
const STACKSET_PROVIDERS = new Set(['cloudformationstackset', 'cloudformationstackinstances']);
const MAX_SCAN_DEPTH = 16;

function accountsInArns(text: string, accounts: readonly string[]): string | undefined {
  if (!text.includes(':')) return undefined;
  ARN_ACCOUNT.lastIndex = 0;
  for (let m = ARN_ACCOUNT.exec(text); m !== null; m = ARN_ACCOUNT.exec(text)) if (accounts.includes(m[1])) return m[1];
  return undefined;
}

/**
 * StackSet deployment targets (`DeploymentTargets`: account IDs or OU IDs separated by commas, a JSON list,
 * or `Artifact::file.json`). A production account is production; an OU or root, a file in an artifact or
 * anything else that is not an account ID cannot be proven free of production accounts: fail closed.
 */
function stackSetTargets(text: string, accounts: readonly string[]): string | undefined {
  if (text.includes('::')) return 'deployment targets read from an artifact file, which cannot be proven free of production accounts';
  for (const raw of text.split(/[\s,;[\]"']+/)) {
    const token = raw.trim();
    if (token === '') continue;
    if (ACCOUNT_ID.test(token)) {
      if (accounts.includes(token)) return `targets production account ${token}`;
    } else if (ORG_TARGET.test(token)) {
      return 'targets an organizational unit or root, which cannot be proven free of production accounts';
    } else {
      return 'has a deployment target that is not an account ID, which cannot be proven free of production accounts';
    }
  }
  return undefined;
}

/**
 * Does the action act in a production account? Any account it acts in counts:
 * - the role it runs with (`RoleArn`) and the CloudFormation role (`Configuration.RoleArn`);
 * - any ARN anywhere in its `Configuration` (a function, cluster, state machine, key or role ARN, ARNs
 *   inside JSON text such as `ParameterOverrides` or `UserParameters`), and a Lambda `FunctionName` given
 *   as a partial ARN (`123456789012:function:name`);
 * - the `DeploymentTargets` of CloudFormationStackSet / CloudFormationStackInstances actions: production
 *   accounts, and (fail closed) OUs, roots and target files, whose accounts the request does not show.
 * With no `ProductionAccountIds` nothing is production by account. Values the template does not resolve
 * are recorded as UNKNOWN, but only when nothing resolved already proves production (a proven destination
 * is a finding, not an UNKNOWN).
 */
export function productionDestination(a: PipelineAction, accounts: readonly string[]): ProductionDestination | undefined {
  if (accounts.length === 0) return undefined;
  const unresolved: Array<{ value: unknown; rel: string }> = [];
  const own = a.view.get('RoleArn');
  if (isIntrinsic(own)) unresolved.push({ value: own, rel: 'RoleArn' });
  else if (typeof own === 'string') {
    const account = accountOfArn(own);
    if (account !== undefined && accounts.includes(account)) return { path: a.view.pathOf('RoleArn'), why: `runs with a role in production account ${account}` };
  }
  const config = a.view.get('Configuration');
  if (isIntrinsic(config)) unresolved.push({ value: config, rel: 'Configuration' });
  else if (isRecord(config)) {
    const stackSet = STACKSET_PROVIDERS.has(a.provider.toLowerCase());
    // Configuration.RoleArn first: the account CloudFormation deploys into.
    const keys = Object.keys(config).sort((x, y) => Number(y === 'RoleArn') - Number(x === 'RoleArn'));
    for (const key of keys) {
      const value = config[key];
      const rel = `Configuration.${key}`;
      if (typeof value === 'string') {
        const found = scanConfigurationString(key, value, stackSet, accounts);
        if (found !== undefined) return { path: a.view.pathOf(rel), why: found };
      } else {
        const found = scanNested(value, rel, accounts, unresolved, 0);
        if (found !== undefined) return { path: a.view.pathOf(found.rel), why: found.why };
      }
    }
  }
  for (const u of unresolved) a.view.strOf(u.value, u.rel);
  return undefined;
}

function scanConfigurationString(key: string, value: string, stackSet: boolean, accounts: readonly string[]): string | undefined {
  if (stackSet && key === 'DeploymentTargets') {
    const why = stackSetTargets(value, accounts);
    if (why !== undefined) return why;
  }
  if (key === 'FunctionName') {
    const m = PARTIAL_FUNCTION_ARN.exec(value);
    if (m !== null && accounts.includes(m[1])) return `calls a function in production account ${m[1]}`;
  }
  const account = accountsInArns(value, accounts);
  if (account === undefined) return undefined;
  return key === 'RoleArn' ? `deploys with a role in production account ${account}` : `names a resource in production account ${account}`;
}

/** Typed (not stringified) Configuration values: lists and objects, scanned for ARNs; intrinsics collected. */
function scanNested(value: unknown, rel: string, accounts: readonly string[], unresolved: Array<{ value: unknown; rel: string }>, depth: number): { rel: string; why: string } | undefined {
  if (depth > MAX_SCAN_DEPTH) return undefined;
  if (typeof value === 'string') {
    const account = accountsInArns(value, accounts);
    return account === undefined ? undefined : { rel, why: `names a resource in production account ${account}` };
  }
  if (isIntrinsic(value)) {
    unresolved.push({ value, rel });
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = scanNested(value[i], `${rel}[${i}]`, accounts, unresolved, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = scanNested(v, `${rel}.${k}`, accounts, unresolved, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A role of the action, or any destination it names, lies in one of the production accounts. */
export function runsInProductionAccount(a: PipelineAction, accounts: readonly string[]): boolean {
  return productionDestination(a, accounts) !== undefined;
}

/** A stage condition that can let the pipeline go on without the stage's actions having succeeded. */
export interface StageBypass {
  /** Full path of the `Result` (`Stages[2].BeforeEntry.Conditions[0].Result`). */
  path: string;
  result: string;
}

/** Results that stop, roll back or repeat the stage: none lets an execution past it. */
const HOLDING_RESULTS = new Set(['FAIL', 'ROLLBACK', 'RETRY']);

/**
 * Can the stage at `stagePath` be skipped or passed over? CodePipeline V2 stage conditions:
 * `BeforeEntry.Conditions[].Result` FAIL or SKIP (SKIP: when the rules do not pass, the stage is skipped and
 * the execution goes on to the next stage), `OnSuccess.Conditions[].Result` ROLLBACK or FAIL,
 * `OnFailure.Result` and `OnFailure.Conditions[].Result` ROLLBACK, RETRY (the API also lists FAIL and SKIP).
 * SKIP anywhere, and any Result CodePipeline does not document (fail closed), is a bypass: the stage's
 * approval may never run, or its rejection may be passed over. FAIL, ROLLBACK and RETRY hold the execution
 * (ROLLBACK redeploys a revision that already passed the stage). An absent or empty Result is not a
 * bypass; an unresolved one is UNKNOWN.
 */
export function stageBypass(view: ResourceView, stagePath: string): StageBypass | undefined {
  const sv = view.at(stagePath);
  const judge = (v: ResourceView, rel: string): StageBypass | undefined => {
    const r = v.str(rel);
    if (r === undefined || r.trim() === '') return undefined;
    const result = r.trim().toUpperCase();
    return HOLDING_RESULTS.has(result) ? undefined : { path: v.pathOf(rel), result };
  };
  for (const block of ['BeforeEntry', 'OnFailure', 'OnSuccess']) {
    if (!sv.has(block)) continue;
    if (block === 'OnFailure') {
      const own = judge(sv, 'OnFailure.Result');
      if (own !== undefined) return own;
    }
    for (const c of sv.items(`${block}.Conditions`)) {
      const found = judge(c.view, 'Result');
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Is `target` preceded by a Manual approval? An approval in an earlier stage gates it unless that stage
 * can be skipped (`skippable`, see stageBypass); one in the same stage only with a strictly lower RunOrder
 * (same RunOrder runs in parallel and gates nothing) — skipping that stage skips the target as well. An
 * unreadable RunOrder on either side proves nothing.
 */
export function gatedByApproval(target: PipelineAction, actions: readonly PipelineAction[], skippable?: (stageIndex: number) => boolean): boolean {
  return actions.some((x) => {
    if (x === target || !isManualApproval(x)) return false;
    if (x.stageIndex < target.stageIndex) return skippable === undefined || !skippable(x.stageIndex);
    if (x.stageIndex > target.stageIndex) return false;
    return x.runOrder !== undefined && target.runOrder !== undefined && x.runOrder < target.runOrder;
  });
}
