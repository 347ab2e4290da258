/**
 * Rules (AWS::Events::Rule) and schedules (AWS::Scheduler::Schedule) that start a CodeBuild build or a
 * CodePipeline execution, and the parameters they hand to StartBuild / StartBuildBatch /
 * StartPipelineExecution. The overrides of a build *are* the build: `buildOverrides` reads them as the
 * CodeBuild project properties they replace (`privilegedModeOverride` → `Environment.PrivilegedMode`,
 * `buildspecOverride` → `Source.BuildSpec`, ...), so the project's own controls judge them.
 *
 * Parameter names are matched in any letter case: the EventBridge CodeBuild target reads the API's JSON
 * names (`privilegedModeOverride`), the Scheduler universal target the SDK's (`PrivilegedModeOverride`).
 * A name spelt twice in different cases is ambiguous. An Input that cannot be read (not JSON, an intrinsic,
 * an input template that is not JSON once its placeholders are filled) is UNKNOWN, recorded on the view.
 */
import type { ResourceView } from '../model';
import { parseStrictJson, StrictJsonError } from './json';
import { joinViewPath } from './object-view';
import { hasUndecided, holdsUndecided, readStateMachineDefinition, withUndecidedPartition, type TaskState } from './state-machine';
import { isIntrinsic, isRecord } from './values';

export type StartKind = 'build' | 'batch' | 'pipeline';

/** Where a target's parameters come from and what they are. */
export type StartParams =
  /** The parameters as written (`inputPath`: `Targets[0].Input`, `Targets[0].InputTransformer.InputTemplate`, `Target.Input`). */
  | {
      state: 'read';
      value: Record<string, unknown>;
      inputPath: string;
      placeholders: ReadonlySet<string>;
      /** How a placeholder is named in messages (`the execution's input or state (ImageOverride.$)`); default `the event (<name>)`. */
      placeholderText?: ReadonlyMap<string, string>;
    }
  /**
   * `InputPath`: (part of) the matched event is the parameter object, chosen by whoever sends the event; a task
   * state without Parameters/Arguments (its input is the parameter object). `message`: what it means, when not an event.
   */
  | { state: 'fromEvent'; inputPath: string; message?: string };

export interface StartTarget {
  kind: StartKind;
  /** `Targets[0]` (rule), `Target` (schedule) or the task state (`Definition.States.Build`). */
  path: string;
  /** `a CodeBuild build`, `a CodePipeline execution` (for messages). */
  what: string;
  params: StartParams[];
}

/** A target that calls an API changing a CodeBuild project or a pipeline outside CloudFormation. */
export interface ConfigChangingTarget {
  path: string;
  /** The property that names the API (`Targets[0].Arn`, `Definition.States.T.Resource`). */
  at: string;
  api: string;
}

const WHAT: Record<StartKind, string> = { build: 'a CodeBuild build', batch: 'a CodeBuild batch build', pipeline: 'a CodePipeline execution' };

/** EventBridge input-transformer placeholders that need no InputPathsMap entry. */
const EVENTS_RESERVED = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json'];
/** Scheduler context attributes. */
const SCHEDULER_CONTEXT = ['aws.scheduler.schedule-arn', 'aws.scheduler.scheduled-time', 'aws.scheduler.execution-id', 'aws.scheduler.attempt-number'];

const UNIVERSAL = /^arn:[a-z-]+:scheduler:::aws-sdk:([a-z0-9-]+):([a-z0-9]+)$/i;
/** Step Functions integrations: optimized `codebuild:startBuild[.sync]` and SDK `aws-sdk:<service>:<action>`, with an integration pattern. */
const STATES_TASK = /^arn:[a-z-]+:states:::(aws-sdk:)?([a-z0-9-]+):([a-z0-9]+)(\.sync(:2)?|\.waitForTaskToken)?$/i;

/** What an ARN starts, or undefined. */
export function startKindOfArn(arn: string): StartKind | undefined {
  const a = arn.trim();
  if (/^arn:[a-z-]+:codebuild:[^:]*:[^:]*:project\/[^\s]+$/i.test(a)) return 'build';
  if (/^arn:[a-z-]+:codepipeline:[^:]*:[^:]*:[^:/\s]+$/i.test(a)) return 'pipeline';
  const u = UNIVERSAL.exec(a);
  if (u) {
    const service = u[1].toLowerCase();
    const api = u[2].toLowerCase();
    if (service === 'codebuild' && api === 'startbuild') return 'build';
    if (service === 'codebuild' && api === 'startbuildbatch') return 'batch';
    if (service === 'codepipeline' && api === 'startpipelineexecution') return 'pipeline';
  }
  return undefined;
}

/** What a Step Functions task Resource starts (`arn:aws:states:::codebuild:startBuild.sync`, `...:aws-sdk:codepipeline:startPipelineExecution`), or undefined. */
export function startKindOfTaskResource(resource: string): StartKind | undefined {
  const m = STATES_TASK.exec(withUndecidedPartition(resource.trim()));
  if (!m) return undefined;
  const service = m[2].toLowerCase();
  const api = m[3].toLowerCase();
  // the optimized CodeBuild integration (PascalCase parameters, as the SDK's); CodePipeline has only the SDK one
  if (service === 'codebuild' && api === 'startbuild') return 'build';
  if (service === 'codebuild' && api === 'startbuildbatch') return 'batch';
  if (service === 'codepipeline' && api === 'startpipelineexecution' && m[1]) return 'pipeline';
  return undefined;
}

/** `aws-sdk:codebuild:updateProject` and the like: APIs that change the build or pipeline definition. */
export function configChangingApi(arn: string): string | undefined {
  const a = withUndecidedPartition(arn.trim());
  const t = STATES_TASK.exec(a);
  const u = UNIVERSAL.exec(a) ?? (t && t[1] ? [t[0], t[2], t[3]] : null);
  if (!u) return undefined;
  const service = u[1].toLowerCase();
  if (service !== 'codebuild' && service !== 'codepipeline') return undefined;
  return /^(create|update|put|import)/i.test(u[2]) ? `${service}:${u[2]}` : undefined;
}

/**
 * Replace the placeholders of an input template that stand outside strings (`"x": <v>`) by strings
 * (`"x": "<v>"`), so the template reads as JSON; placeholders inside strings stay as they are.
 */
function fillTemplate(template: string, names: ReadonlySet<string>): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (inString) {
      out += c;
      if (c === '\\') out += template[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '<') {
      const m = /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i, i + 300));
      if (m && names.has(m[1])) {
        out += JSON.stringify(m[0]);
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Parse a parameter text; an unreadable text is recorded as UNKNOWN at `path` (relative to `view`). */
function readParams(view: ResourceView, path: string, text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = parseStrictJson(text);
  } catch (e) {
    // never the engine's message: it quotes the text, which may hold a secret
    view.unknown(path, e instanceof StrictJsonError && e.line !== undefined ? `is not JSON the hook can read unambiguously (line ${e.line})` : 'is not JSON the hook can read');
    return undefined;
  }
  if (!isRecord(value)) {
    view.unknown(path, 'is not a JSON object of API parameters');
    return undefined;
  }
  return value;
}

/** The parameter sets of one target (its raw `Input`, `InputTransformer`, `InputPath`). */
function paramsOf(view: ResourceView, base: string, placeholders: readonly string[], transformer: boolean): StartParams[] {
  const out: StartParams[] = [];
  const at = (p: string) => joinViewPath(base, p);
  const input = view.get(at('Input'));
  if (input !== undefined && input !== null) {
    if (isIntrinsic(input)) view.unknown(at('Input'), 'Input is not resolvable from the template, so the overrides it carries cannot be read');
    else if (isRecord(input)) out.push({ state: 'read', value: input, inputPath: at('Input'), placeholders: new Set(placeholders) });
    else if (typeof input === 'string') {
      const value = readParams(view, at('Input'), input);
      if (value) out.push({ state: 'read', value, inputPath: at('Input'), placeholders: new Set(placeholders) });
    } else view.unknown(at('Input'), 'is not a JSON text');
  }
  if (!transformer) return out;
  const inputPath = view.get(at('InputPath'));
  if (inputPath !== undefined && inputPath !== null) {
    if (isIntrinsic(inputPath)) view.unknown(at('InputPath'), 'InputPath is not resolvable from the template');
    else if (String(inputPath).trim() !== '$') out.push({ state: 'fromEvent', inputPath: at('InputPath') });
  }
  const tr = view.get(at('InputTransformer'));
  if (tr !== undefined && tr !== null) {
    if (!isRecord(tr) || isIntrinsic(tr)) {
      view.unknown(at('InputTransformer'), 'InputTransformer is not resolvable from the template');
      return out;
    }
    const names = new Set([...placeholders, ...EVENTS_RESERVED]);
    const map = tr.InputPathsMap;
    if (isIntrinsic(map)) view.unknown(at('InputTransformer.InputPathsMap'), 'InputPathsMap is not resolvable from the template');
    else if (isRecord(map)) for (const k of Object.keys(map)) names.add(k);
    const template = tr.InputTemplate;
    const path = at('InputTransformer.InputTemplate');
    if (typeof template === 'string') {
      const value = readParams(view, path, fillTemplate(template, names));
      if (value) out.push({ state: 'read', value, inputPath: path, placeholders: names });
    } else if (template !== undefined && template !== null) view.unknown(path, 'InputTemplate is not resolvable from the template');
  }
  return out;
}

/** Do the parameters name any StartBuild override or StartPipelineExecution parameter (any case)? */
function looksLikeStartParams(params: StartParams[]): StartKind | undefined {
  for (const p of params) {
    if (p.state !== 'read') continue;
    const keys = Object.keys(p.value).map((k) => k.toLowerCase());
    if (keys.some((k) => Object.prototype.hasOwnProperty.call(OVERRIDES, k))) return 'build';
    if (keys.includes('variables') || keys.includes('sourcerevisions')) return 'pipeline';
  }
  return undefined;
}

/**
 * The targets of a rule or schedule that start a build or a pipeline, with their parameters. A target whose
 * ARN the template does not resolve is judged by its parameters: StartBuild overrides make it a build.
 */
export function startTargets(resourceType: string, view: ResourceView): { starts: StartTarget[]; changes: ConfigChangingTarget[] } {
  const starts: StartTarget[] = [];
  const changes: ConfigChangingTarget[] = [];
  const visit = (path: string, transformer: boolean, placeholders: readonly string[]) => {
    const arn = view.get(joinViewPath(path, 'Arn'));
    const known = typeof arn === 'string' ? startKindOfArn(arn) : undefined;
    const change = typeof arn === 'string' ? configChangingApi(arn) : undefined;
    if (change) changes.push({ path, at: joinViewPath(path, 'Arn'), api: change });
    if (typeof arn === 'string' && known === undefined) return; // another kind of target
    const params = paramsOf(view, path, placeholders, transformer);
    const kind = known ?? looksLikeStartParams(params);
    if (kind) starts.push({ kind, path, what: WHAT[kind], params });
  };
  if (resourceType === 'AWS::Events::Rule') {
    for (const item of view.items('Targets')) visit(item.view.path, true, []);
  } else if (resourceType === 'AWS::Scheduler::Schedule') {
    if (view.has('Target')) visit('Target', false, SCHEDULER_CONTEXT);
  } else if (resourceType === 'AWS::StepFunctions::StateMachine') {
    const read = readStateMachineDefinition(view);
    for (const u of read.unreadable) view.unknown(u.path, `${u.why}: whether a task starts a build or pipeline with overrides cannot be told`);
    for (const def of read.definitions) {
      for (const task of def.tasks) {
        const res = task.resource;
        const at = `${task.path}.Resource`;
        const known = res === undefined ? undefined : startKindOfTaskResource(res);
        const change = res === undefined ? undefined : configChangingApi(res);
        if (change) changes.push({ path: task.path, at, api: change });
        // a Resource the template decides that starts nothing: another kind of task
        if (res !== undefined && known === undefined && !hasUndecided(withUndecidedPartition(res))) continue;
        const params = taskParams(view, task);
        // an undecided Resource is judged by its parameters, like a rule target whose ARN is unresolved
        const kind = known ?? looksLikeStartParams(params);
        if (kind) starts.push({ kind, path: task.path, what: WHAT[kind], params });
      }
    }
  }
  return { starts, changes };
}

const DYNAMIC_PREFIX = 'states.runtime.';

/**
 * The API parameters of a task state: `Parameters` (JSONPath) or `Arguments` (JSONata). A value decided when
 * the execution runs — a `Key.$` path or intrinsic, a `{% … %}` JSONata expression — becomes a placeholder
 * (`<states.runtime.N>`), judged like an input-transformer placeholder: allowed where the event may choose
 * (source version, variable values, …), failing elsewhere. A parameter whose value the template does not
 * decide (a Ref, an unresolved DefinitionSubstitution) is UNKNOWN and left out. No parameters at all: the
 * state's input is the parameter object, chosen by whoever starts the execution.
 */
function taskParams(view: ResourceView, task: TaskState): StartParams[] {
  const s = task.state;
  const keys = ['Parameters', 'Arguments'].filter((k) => s[k] !== undefined && s[k] !== null);
  if (keys.length === 0) {
    const name = task.jsonata ? 'Arguments' : 'Parameters';
    return [{ state: 'fromEvent', inputPath: task.path, message: `${task.path} has no ${name}: the state's input is handed over as the API parameters, so whoever starts the execution (or the state before) chooses them` }];
  }
  const out: StartParams[] = [];
  for (const key of keys) {
    const inputPath = `${task.path}.${key}`;
    const raw = s[key];
    if (!isRecord(raw)) {
      out.push({ state: 'fromEvent', inputPath, message: `${inputPath} is computed when the execution runs (${typeof raw === 'string' && /^\s*\{%/.test(raw) ? 'a JSONata expression' : 'not an object'}), so the API parameters are chosen by the execution's input` });
      continue;
    }
    const placeholders = new Set<string>();
    const placeholderText = new Map<string, string>();
    const dynamic = (what: string): string => {
      const name = `${DYNAMIC_PREFIX}${placeholders.size}`;
      placeholders.add(name);
      placeholderText.set(name, `the execution's input or state (${what})`);
      return `<${name}>`;
    };
    const convert = (v: unknown, path: string, depth: number): unknown => {
      if (depth > 32) return v;
      if (typeof v === 'string' && /^\s*\{%[\s\S]*%\}\s*$/.test(v)) return dynamic(`a JSONata expression at ${path}`);
      if (Array.isArray(v)) return v.map((e, i) => convert(e, `${path}[${i}]`, depth + 1));
      if (!isRecord(v)) return v;
      const o: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(v)) {
        if (k.endsWith('.$')) o[k.slice(0, -2)] = dynamic(`${path}.${k}`);
        else if (!Object.prototype.hasOwnProperty.call(o, k)) o[k] = convert(e, `${path}.${k}`, depth + 1);
      }
      return o;
    };
    const value = convert(raw, inputPath, 0) as Record<string, unknown>;
    for (const k of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(OVERRIDES, k.toLowerCase()) && k.toLowerCase() !== 'variables') continue;
      if (holdsUndecided(value[k])) {
        view.unknown(`${inputPath}.${k}`, 'is not decided by the template (a Ref, an attribute or a DefinitionSubstitution it does not resolve): the override it sets cannot be read');
        delete value[k];
      }
    }
    out.push({ state: 'read', value, inputPath, placeholders, placeholderText });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// StartBuild / StartBuildBatch parameters as the project properties they override
// ---------------------------------------------------------------------------------------------------

interface Override {
  /** The project property path the parameter replaces. */
  project: string;
  /** Parameters that may take a value from the event (`sourceVersion`); the rest must be literal. */
  eventValueOk?: boolean;
}

/** StartBuild and StartBuildBatch parameters, lower-cased, and the project property each replaces. */
const OVERRIDES: Readonly<Record<string, Override>> = {
  privilegedmodeoverride: { project: 'Environment.PrivilegedMode' },
  imageoverride: { project: 'Environment.Image' },
  imagepullcredentialstypeoverride: { project: 'Environment.ImagePullCredentialsType' },
  registrycredentialoverride: { project: 'Environment.RegistryCredential' },
  environmentvariablesoverride: { project: 'Environment.EnvironmentVariables' },
  computetypeoverride: { project: 'Environment.ComputeType' },
  environmenttypeoverride: { project: 'Environment.Type' },
  certificateoverride: { project: 'Environment.Certificate' },
  fleetoverride: { project: 'Environment.Fleet' },
  buildspecoverride: { project: 'Source.BuildSpec' },
  sourcelocationoverride: { project: 'Source.Location' },
  sourcetypeoverride: { project: 'Source.Type' },
  sourceauthoverride: { project: 'Source.Auth' },
  insecuressloverride: { project: 'Source.InsecureSsl' },
  reportbuildstatusoverride: { project: 'Source.ReportBuildStatus' },
  buildstatusconfigoverride: { project: 'Source.BuildStatusConfig', eventValueOk: true },
  gitclonedepthoverride: { project: 'Source.GitCloneDepth', eventValueOk: true },
  gitsubmodulesconfigoverride: { project: 'Source.GitSubmodulesConfig' },
  secondarysourcesoverride: { project: 'SecondarySources' },
  secondarysourcesversionoverride: { project: 'SecondarySourceVersions', eventValueOk: true },
  sourceversion: { project: 'SourceVersion', eventValueOk: true },
  artifactsoverride: { project: 'Artifacts' },
  secondaryartifactsoverride: { project: 'SecondaryArtifacts' },
  logsconfigoverride: { project: 'LogsConfig' },
  encryptionkeyoverride: { project: 'EncryptionKey' },
  serviceroleoverride: { project: 'ServiceRole' },
  cacheoverride: { project: 'Cache' },
  timeoutinminutesoverride: { project: 'TimeoutInMinutes', eventValueOk: true },
  queuedtimeoutinminutesoverride: { project: 'QueuedTimeoutInMinutes', eventValueOk: true },
  buildbatchconfigoverride: { project: 'BuildBatchConfig' },
};

/** Nested API names whose project property is spelt otherwise than by capitalising the first letter. */
const NESTED_RENAMES: Readonly<Record<string, string>> = { buildspec: 'BuildSpec' };

export interface BuildOverrides {
  /** The overrides as CodeBuild project properties (only what the parameters set). */
  project: Record<string, unknown>;
  /** Project property paths the parameters set (`Environment.PrivilegedMode`, `LogsConfig`). */
  overridden: string[];
  /** A project path (`Environment.EnvironmentVariables[1].Value`) as the path of the parameter that set it. */
  pathOf(projectPath: string): string;
  /** Project paths known to `pathOf`, longest first (for rewriting messages). */
  knownPaths: string[];
  /** Parameters spelt twice in different letter cases, or values taken from the event where a literal belongs. */
  problems: Array<{ path: string; message: string }>;
}

function capitalise(key: string): string {
  const renamed = NESTED_RENAMES[key.toLowerCase()];
  if (renamed) return renamed;
  return key.length === 0 ? key : key[0].toUpperCase() + key.slice(1);
}

/** Keys of `obj` that differ only in letter case (the first spelling of each). */
function caseClashes(obj: Record<string, unknown>): string[] {
  const seen = new Map<string, string>();
  const out: string[] = [];
  for (const k of Object.keys(obj)) {
    const l = k.toLowerCase();
    if (seen.has(l)) out.push(seen.get(l) as string);
    else seen.set(l, k);
  }
  return out;
}

function placeholderIn(value: unknown, names: ReadonlySet<string>): string | undefined {
  if (names.size === 0) return undefined;
  if (typeof value === 'string') {
    for (const m of value.matchAll(/<([A-Za-z0-9_.-]+)>/g)) if (names.has(m[1])) return m[1];
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = placeholderIn(v, names);
      if (p) return p;
    }
    return undefined;
  }
  if (isRecord(value) && !isIntrinsic(value)) {
    for (const v of Object.values(value)) {
      const p = placeholderIn(v, names);
      if (p) return p;
    }
  }
  return undefined;
}

/** Read StartBuild / StartBuildBatch parameters as the project properties they override. */
export function buildOverrides(params: Extract<StartParams, { state: 'read' }>): BuildOverrides {
  const project: Record<string, unknown> = {};
  const overridden: string[] = [];
  const paths = new Map<string, string>();
  const problems: BuildOverrides['problems'] = [];
  const base = params.inputPath;

  for (const k of caseClashes(params.value)) {
    problems.push({ path: joinViewPath(base, k), message: `${joinViewPath(base, k)} is spelt more than once in different letter cases: which one the API reads is not defined` });
  }

  /** Copy `value` to the project shape, capitalising keys, recording where each node came from. */
  const convert = (value: unknown, src: string, dst: string): unknown => {
    paths.set(dst, src);
    if (Array.isArray(value)) return value.map((v, i) => convert(v, `${src}[${i}]`, `${dst}[${i}]`));
    if (!isRecord(value) || isIntrinsic(value)) return value;
    for (const k of caseClashes(value)) {
      problems.push({ path: joinViewPath(src, k), message: `${joinViewPath(src, k)} is spelt more than once in different letter cases: which one the API reads is not defined` });
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const name = capitalise(k);
      if (Object.prototype.hasOwnProperty.call(out, name)) continue;
      out[name] = convert(value[k], joinViewPath(src, k), joinViewPath(dst, name));
    }
    return out;
  };

  for (const key of Object.keys(params.value)) {
    const o = OVERRIDES[key.toLowerCase()];
    if (!o || overridden.includes(o.project)) continue;
    const raw = params.value[key];
    const src = joinViewPath(base, key);
    if (raw === undefined || raw === null) continue;
    overridden.push(o.project);
    const parts = o.project.split('.');
    let node = project;
    for (const p of parts.slice(0, -1)) {
      if (!isRecord(node[p])) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = convert(raw, src, o.project);
    // a value from the event where the project has a literal: nobody can check it before it runs
    if (!o.eventValueOk) {
      let probe: unknown = raw;
      if (o.project === 'Environment.EnvironmentVariables' && Array.isArray(raw)) {
        // the value of a variable may come from the event (a branch name); its name and type may not
        probe = raw.map((v) => (isRecord(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => k.toLowerCase() !== 'value')) : v));
      }
      const ph = placeholderIn(probe, params.placeholders);
      if (ph) problems.push({ path: src, message: `${src} takes its value from ${params.placeholderText?.get(ph) ?? `the event (<${ph}>)`} when the build starts, which the hook cannot check` });
    }
  }

  const knownPaths = [...paths.keys()].sort((a, b) => b.length - a.length);
  const pathOf = (projectPath: string): string => {
    if (paths.has(projectPath)) return paths.get(projectPath) as string;
    for (const p of knownPaths) {
      if (projectPath.startsWith(`${p}.`) || projectPath.startsWith(`${p}[`)) return `${paths.get(p)}${projectPath.slice(p.length)}`;
    }
    return base;
  };
  return { project, overridden, pathOf, knownPaths, problems };
}

/** `path` is `base` or below it. */
export function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

/** StartPipelineExecution `variables` ([{name, value}], any key case) and the key spelling that holds them. */
export function pipelineVariables(params: Extract<StartParams, { state: 'read' }>): { list: unknown; path: string } | undefined {
  for (const k of Object.keys(params.value)) {
    if (k.toLowerCase() === 'variables') return { list: params.value[k], path: joinViewPath(params.inputPath, k) };
  }
  return undefined;
}
