/**
 * Walking a CodePipeline's `Stages[].Actions[]` in execution order, and the classifications the
 * CodePipeline controls share: source actions, Manual approvals, actions that change an environment,
 * production stages and accounts, and whether an approval gates an action.
 *
 * Every stage and action is a view of the resource rooted at it (`Stages[3]`, `Stages[3].Actions[1]`), so
 * reads through it record UNKNOWNs with their full path and findings take their paths from it.
 */
import type { ListItem, ResourceView } from '../model';
import { matchesAny } from './glob';
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


export function isProductionStageName(name: string, globs: readonly string[]): boolean {
  return name !== '' && matchesAny(globs, name, { caseInsensitive: true });
}

/** A role of the action lies in one of the production accounts. */
export function runsInProductionAccount(a: PipelineAction, accounts: readonly string[]): boolean {
  if (accounts.length === 0) return false;
  return actionRoleArns(a).some((r) => {
    const account = accountOfArn(r.arn);
    return account !== undefined && accounts.includes(account);
  });
}

/**
 * Is `target` preceded by a Manual approval? An approval in an earlier stage gates it; one in the same
 * stage only with a strictly lower RunOrder (same RunOrder runs in parallel and gates nothing). An
 * unreadable RunOrder on either side proves nothing.
 */
export function gatedByApproval(target: PipelineAction, actions: readonly PipelineAction[]): boolean {
  return actions.some((x) => {
    if (x === target || !isManualApproval(x)) return false;
    if (x.stageIndex < target.stageIndex) return true;
    if (x.stageIndex > target.stageIndex) return false;
    return x.runOrder !== undefined && target.runOrder !== undefined && x.runOrder < target.runOrder;
  });
}
