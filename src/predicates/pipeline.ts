/**
 * Walking a CodePipeline's `Stages[].Actions[]` in execution order, and the classifications the
 * CodePipeline controls share: source actions, Manual approvals, actions that change an environment,
 * production stages and accounts, and whether an approval gates an action.
 *
 * Paths are written `Stages[3].Actions[1]…` (the style of finding paths); every typed read of a raw value
 * goes through the reader so that unresolved intrinsics are recorded as UNKNOWN.
 */
import { matchesAny } from './glob';
import { describeUnresolved, isDynamicReference, isIntrinsic, isRecord, own } from './values';

/** The typed reads a walker needs (the engine's ResourceView provides them). */
export interface ValueReader {
  list(path: string): unknown[];
  strOf(value: unknown, path: string): string | undefined;
  numOf(value: unknown, path: string): number | undefined;
  unknown(path: string, why?: string): void;
}

export interface PipelineAction {
  stageIndex: number;
  /** Stage name ('' when absent or unreadable). */
  stageName: string;
  actionIndex: number;
  /** Action name ('' when absent or unreadable). */
  name: string;
  /** `Stages[i].Actions[j]`. */
  path: string;
  raw: Record<string, unknown>;
  /** ActionTypeId fields as written ('' when absent). */
  category: string;
  owner: string;
  provider: string;
  /** RunOrder (absent means 1); undefined when present but not a number. */
  runOrder: number | undefined;
}

export interface PipelineStage {
  index: number;
  name: string;
  path: string;
  actions: PipelineAction[];
}

function nameOf(reader: ValueReader, value: unknown, path: string): string {
  return (reader.strOf(value, path) ?? '').trim();
}

/**
 * Every CodePipeline control walks the same stages; the walk is memoised per `Stages` list (object
 * identity). The UNKNOWN paths it records are replayed into each caller's reader, so every control still
 * reports exactly what it could not decide. Results are shared: read-only.
 */
interface StagesMemo {
  stages: PipelineStage[];
  unknowns: Array<[string, string | undefined]>;
}
const stagesMemo = new WeakMap<object, StagesMemo>();

/** The stages and their actions, in order. Junk entries (non-objects) are skipped; intrinsics are UNKNOWN. */
export function pipelineStages(reader: ValueReader): PipelineStage[] {
  const list = reader.list('Stages');
  const hit = stagesMemo.get(list);
  if (hit) {
    for (const [path, why] of hit.unknowns) reader.unknown(path, why);
    return hit.stages;
  }
  const unknowns: Array<[string, string | undefined]> = [];
  const recorder: ValueReader = {
    list: (path) => reader.list(path),
    strOf: (value, path) => {
      if (isIntrinsic(value)) unknowns.push([path, describeUnresolved(value)]);
      return reader.strOf(value, path);
    },
    numOf: (value, path) => {
      if (isIntrinsic(value) || isDynamicReference(value)) unknowns.push([path, describeUnresolved(value)]);
      return reader.numOf(value, path);
    },
    unknown: (path, why) => {
      unknowns.push([path, why]);
      reader.unknown(path, why);
    },
  };
  const stages = walkStages(recorder, list);
  // only a real list from the properties is a stable key (an empty [] is a fresh array each time)
  if (list.length > 0) stagesMemo.set(list, { stages, unknowns });
  return stages;
}

function walkStages(reader: ValueReader, list: unknown[]): PipelineStage[] {
  const stages: PipelineStage[] = [];
  list.forEach((stage, si) => {
    const stagePath = `Stages[${si}]`;
    if (isIntrinsic(stage)) {
      reader.unknown(stagePath, 'the stage is not resolvable from the template');
      return;
    }
    if (!isRecord(stage)) return;
    const stageName = nameOf(reader, own(stage, 'Name'), `${stagePath}.Name`);
    const rawActions = own(stage, 'Actions');
    const actions: PipelineAction[] = [];
    if (isIntrinsic(rawActions)) reader.unknown(`${stagePath}.Actions`, 'the actions are not resolvable from the template');
    else if (Array.isArray(rawActions) || isRecord(rawActions)) {
      const list = Array.isArray(rawActions) ? rawActions : [rawActions];
      list.forEach((action, ai) => {
        const path = `${stagePath}.Actions[${ai}]`;
        if (isIntrinsic(action)) {
          reader.unknown(path, 'the action is not resolvable from the template');
          return;
        }
        if (!isRecord(action)) return;
        const typeId = own(action, 'ActionTypeId');
        if (isIntrinsic(typeId)) reader.unknown(`${path}.ActionTypeId`, 'the action type is not resolvable from the template');
        const field = (k: string) => nameOf(reader, isRecord(typeId) ? own(typeId, k) : undefined, `${path}.ActionTypeId.${k}`);
        const rawRunOrder = own(action, 'RunOrder');
        const runOrder = rawRunOrder === undefined || rawRunOrder === null ? 1 : reader.numOf(rawRunOrder, `${path}.RunOrder`);
        actions.push({
          stageIndex: si,
          stageName,
          actionIndex: ai,
          name: nameOf(reader, own(action, 'Name'), `${path}.Name`),
          path,
          raw: action,
          category: field('Category'),
          owner: field('Owner'),
          provider: field('Provider'),
          runOrder,
        });
      });
    }
    stages.push({ index: si, name: stageName, path: stagePath, actions });
  });
  return stages;
}

export function pipelineActions(reader: ValueReader): PipelineAction[] {
  return pipelineStages(reader).flatMap((s) => s.actions);
}

/** `Stages[4].Actions[1] (stage Prod, action Deploy)` — names only, never configuration values. */
/** `(stage Prod, action Deploy)`: the names a developer sees in the console. */
export function actionLabel(a: PipelineAction): string {
  return `(stage ${a.stageName || '#' + a.stageIndex}, action ${a.name || '#' + a.actionIndex})`;
}

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
export function changeKind(a: PipelineAction, reader: ValueReader): ChangeKind {
  if (isDeployAction(a)) {
    if (eq(a.provider, 'CloudFormation')) {
      const config = own(a.raw, 'Configuration');
      const mode = reader.strOf(isRecord(config) ? own(config, 'ActionMode') : undefined, `${a.path}.Configuration.ActionMode`);
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

/** Role ARNs an action runs with: its own `RoleArn` and, as CDK Pipelines emits for CloudFormation, `Configuration.RoleArn`. */
export function actionRoleArns(a: PipelineAction, reader: ValueReader): Array<{ path: string; arn: string }> {
  const out: Array<{ path: string; arn: string }> = [];
  const read = (value: unknown, path: string) => {
    if (value === undefined || value === null) return;
    const arn = reader.strOf(value, path);
    if (arn !== undefined && arn.trim() !== '') out.push({ path, arn });
  };
  read(own(a.raw, 'RoleArn'), `${a.path}.RoleArn`);
  const config = own(a.raw, 'Configuration');
  if (isRecord(config)) read(own(config, 'RoleArn'), `${a.path}.Configuration.RoleArn`);
  return out;
}

export function isProductionStageName(name: string, globs: readonly string[]): boolean {
  return name !== '' && matchesAny(globs, name, { caseInsensitive: true });
}

/** A role of the action lies in one of the production accounts. */
export function runsInProductionAccount(a: PipelineAction, reader: ValueReader, accounts: readonly string[]): boolean {
  if (accounts.length === 0) return false;
  return actionRoleArns(a, reader).some((r) => {
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

/** Stable identity of an action across an update (stage and action names, falling back to positions). */
export function actionKey(a: PipelineAction): string {
  return `${a.stageName || '#' + a.stageIndex}/${a.name || '#' + a.actionIndex}`;
}

/** A finding with a stable identity across an update (e.g. `Prod/Deploy/RoleArn`). */
export interface KeyedFinding {
  key: string;
  path: string;
  message: string;
}

/** One control's verdict over one state: its findings and the keys of every item it looked at. */
export interface KeyedEvaluation {
  findings: KeyedFinding[];
  seen: ReadonlySet<string>;
}

/**
 * Findings for an UPDATE: a finding weakens the resource when the previous state had the same item and
 * it was compliant (its key was seen and had no finding); `note` is appended to its message then.
 */
export function withWeakening(
  current: KeyedEvaluation,
  previous: KeyedEvaluation | undefined,
  note: string,
): Array<{ path: string; message: string; weakened: boolean }> {
  return current.findings.map((f) => {
    const weakened = previous !== undefined && previous.seen.has(f.key) && !previous.findings.some((p) => p.key === f.key);
    return { path: f.path, message: weakened ? `${f.message}; ${note}` : f.message, weakened };
  });
}
