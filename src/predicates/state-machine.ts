/**
 * The definition of an AWS::StepFunctions::StateMachine as Step Functions will run it, read once for every
 * control that looks into it (CICD.EVENTS.1: tasks that start builds or pipelines; CICD.STACK.5: aws-sdk tasks
 * that change guarded resources).
 *
 * `Definition` (an object) and `DefinitionString` (JSON text, possibly built with Fn::Join / Fn::Sub) are read
 * as text; what the template does not decide (a Ref, an attribute, a Fn::Sub variable) becomes an *undecided*
 * marker, quoted where it stands outside a JSON string. `DefinitionSubstitutions` are then applied as
 * CloudFormation applies them, textually: every `${Name}` of the map is replaced by its value (a value that is
 * not literal becomes an undecided marker that remembers the substitution). `DefinitionS3Location` cannot be
 * read. The result is parsed strictly and its task states collected, also inside Parallel branches and Map
 * item processors (ItemProcessor, Iterator), with the query language each one uses (JSONPath or JSONata).
 */
import { parseStrictJson, StrictJsonError } from './json';
import { isIntrinsic, isRecord } from './values';

/** An undecided part of the definition text: `\u2063` + label + `\u2063` (the label never holds a quote). */
const MARK = '\u2063';
const UNDECIDED_RE = /\u2063[^\u2063"\\]*\u2063/g;
const SUB_PREFIX = 'substitution ';

function marker(label: string): string {
  return `${MARK}${label.replace(/[^A-Za-z0-9:._${}!/ -]/g, '').slice(0, 80)}${MARK}`;
}

/** Does a text hold a part the template does not decide? */
export function hasUndecided(text: string): boolean {
  return text.includes(MARK);
}

/** Does a value (any depth) hold a part the template does not decide? */
export function holdsUndecided(value: unknown): boolean {
  if (typeof value === 'string') return hasUndecided(value);
  if (Array.isArray(value)) return value.some(holdsUndecided);
  if (isRecord(value)) return Object.entries(value).some(([k, v]) => hasUndecided(k) || holdsUndecided(v));
  return false;
}

/** The DefinitionSubstitutions (`${Name}`) a text takes from values the template does not decide. */
export function undecidedSubstitutions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(UNDECIDED_RE)) {
    const label = m[0].slice(1, -1);
    if (label.startsWith(SUB_PREFIX)) out.push(label.slice(SUB_PREFIX.length));
  }
  return out;
}

/** A text with its undecided parts written as `<undecided>` (for matching ARNs whose partition is a Ref). */
export function withUndecidedPartition(text: string): string {
  return text.replace(new RegExp(`^arn:${UNDECIDED_RE.source}:`), 'arn:aws:');
}

function describe(v: Record<string, unknown>): string {
  const k = Object.keys(v)[0] ?? '';
  const arg = v[k];
  if (k === 'Ref' && typeof arg === 'string') return `Ref ${arg}`;
  if (k === 'Fn::GetAtt') return `GetAtt ${Array.isArray(arg) ? arg.join('.') : String(arg)}`;
  return k;
}

/** `${X}` of a Fn::Sub text: pseudo parameters the hook fills, `${!X}` literal, the rest undecided unless given. */
function subText(template: string, vars: Record<string, unknown>, depth: number): string {
  return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name === 'AWS::Partition') return 'aws';
    if (Object.prototype.hasOwnProperty.call(vars, name)) {
      const t = textOf(vars[name], depth + 1);
      if (t !== undefined) return t;
    }
    return marker(name);
  });
}

/** The text of a value the template builds with Fn::Join / Fn::Sub; other intrinsics are undecided markers. */
function textOf(v: unknown, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (!isRecord(v) || !isIntrinsic(v)) return undefined;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((p) => textOf(p, depth + 1) ?? (isRecord(p) ? marker(describe(p)) : marker('value'))).join(join[0]);
  }
  const sub = v['Fn::Sub'];
  if (typeof sub === 'string') return subText(sub, {}, depth);
  if (Array.isArray(sub) && typeof sub[0] === 'string') return subText(sub[0], isRecord(sub[1]) ? sub[1] : {}, depth);
  if (v.Ref === 'AWS::Partition') return 'aws';
  return marker(describe(v));
}

/** A `Definition` object as JSON text, its intrinsics resolved to text or undecided markers. */
function objectText(v: unknown): string {
  const resolve = (x: unknown, depth: number): unknown => {
    if (depth > 64) return marker('too deep');
    if (Array.isArray(x)) return x.map((e) => resolve(e, depth + 1));
    if (isRecord(x)) {
      if (isIntrinsic(x)) return textOf(x) ?? marker(describe(x));
      return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, resolve(e, depth + 1)]));
    }
    return x;
  };
  return JSON.stringify(resolve(v, 0));
}

/** Quote the markers that stand outside JSON strings (`"X": <marker>`), so the text reads as JSON. */
function quoteBareMarkers(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === MARK) {
      const end = text.indexOf(MARK, i + 1);
      if (end > i) {
        out += `"${text.slice(i, end + 1)}"`;
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

export type SubstitutionMap = { state: 'none' } | { state: 'read'; map: Record<string, unknown> } | { state: 'undecided' };

/** Apply DefinitionSubstitutions as CloudFormation does: `${Name}` replaced by the value's text. */
function substitute(text: string, subs: SubstitutionMap): string {
  if (subs.state === 'none') return text;
  return text.replace(/\$\{([^}\s"]+)\}/g, (whole, name: string) => {
    if (subs.state === 'undecided') return marker(`${SUB_PREFIX}${name}`);
    if (!Object.prototype.hasOwnProperty.call(subs.map, name)) return whole;
    const value = subs.map[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    return marker(`${SUB_PREFIX}${name}`);
  });
}

/** One Task state (or any state naming a Resource). */
export interface TaskState {
  /** Path of the state on the resource (`Definition.States.Build`, `DefinitionString.States.P.Branches[0].States.B`). */
  path: string;
  /** The Resource as substituted (may hold undecided markers), or undefined when it is no string. */
  resource: string | undefined;
  /** The state uses JSONata (`Arguments`) rather than JSONPath (`Parameters`). */
  jsonata: boolean;
  /** The state object as written. */
  state: Record<string, unknown>;
}

export interface ReadDefinition {
  /** `Definition` or `DefinitionString`. */
  prop: string;
  /** The definition text after substitution (undecided parts as markers): what a text scan may search. */
  text: string;
  /** The parsed definition, or undefined when the text is not JSON the hook can read. */
  value: Record<string, unknown> | undefined;
  tasks: TaskState[];
}

export interface StateMachineDefinitions {
  definitions: ReadDefinition[];
  /** Definitions that cannot be read (S3, unresolved, not JSON): path and reason. */
  unreadable: Array<{ path: string; why: string }>;
  /** No definition property at all. */
  absent: boolean;
}

function collectTasks(states: unknown, path: string, jsonata: boolean, out: TaskState[], depth: number): void {
  if (!isRecord(states) || depth > 16) return;
  for (const [name, st] of Object.entries(states)) {
    if (!isRecord(st)) continue;
    const at = `${path}.${name}`;
    const ql = typeof st.QueryLanguage === 'string' ? st.QueryLanguage.toUpperCase() === 'JSONATA' : jsonata;
    const type = typeof st.Type === 'string' ? st.Type.toLowerCase() : '';
    if (type === 'task' || st.Resource !== undefined) out.push({ path: at, resource: typeof st.Resource === 'string' ? st.Resource : undefined, jsonata: ql, state: st });
    if (Array.isArray(st.Branches)) st.Branches.forEach((b, i) => isRecord(b) && collectTasks(b.States, `${at}.Branches[${i}].States`, ql, out, depth + 1));
    for (const key of ['ItemProcessor', 'Iterator']) {
      const p = st[key];
      if (isRecord(p)) collectTasks(p.States, `${at}.${key}.States`, ql, out, depth + 1);
    }
  }
}

/** Read the state machine's definition(s). `view` is the resource's properties. */
export function readStateMachineDefinition(view: { get(path: string): unknown; has(path: string): boolean }): StateMachineDefinitions {
  const out: StateMachineDefinitions = { definitions: [], unreadable: [], absent: true };
  const rawSubs = view.get('DefinitionSubstitutions');
  const subs: SubstitutionMap = rawSubs === undefined || rawSubs === null ? { state: 'none' } : isRecord(rawSubs) && !isIntrinsic(rawSubs) ? { state: 'read', map: rawSubs } : { state: 'undecided' };
  for (const prop of ['Definition', 'DefinitionString']) {
    const raw = view.get(prop);
    if (raw === undefined || raw === null) continue;
    out.absent = false;
    let text: string | undefined;
    if (typeof raw === 'string') text = raw;
    else if (isIntrinsic(raw)) {
      const t = textOf(raw);
      // a Ref or Fn::If where the whole definition should be: nothing of it can be read
      text = t === undefined || /^\u2063[^\u2063]*\u2063$/.test(t) ? undefined : t;
    } else if (isRecord(raw)) text = objectText(raw);
    if (text === undefined) {
      out.unreadable.push({ path: prop, why: 'the state machine definition is not resolvable from the template' });
      continue;
    }
    text = quoteBareMarkers(substitute(quoteBareMarkers(text), subs));
    let value: Record<string, unknown> | undefined;
    try {
      const parsed = parseStrictJson(text);
      if (isRecord(parsed)) value = parsed;
      else out.unreadable.push({ path: prop, why: 'the state machine definition is not a JSON object' });
    } catch (e) {
      // never the parser's message: it quotes the text, which may hold a secret
      out.unreadable.push({ path: prop, why: e instanceof StrictJsonError && e.line !== undefined ? `the state machine definition is not JSON the hook can read unambiguously (line ${e.line})` : 'the state machine definition is not JSON the hook can read' });
    }
    const tasks: TaskState[] = [];
    if (value) collectTasks(value.States, `${prop}.States`, typeof value.QueryLanguage === 'string' && value.QueryLanguage.toUpperCase() === 'JSONATA', tasks, 0);
    out.definitions.push({ prop, text, value, tasks });
  }
  if (view.has('DefinitionS3Location')) {
    out.absent = false;
    out.unreadable.push({ path: 'DefinitionS3Location', why: 'the state machine definition is in S3, where the hook cannot read it' });
  }
  return out;
}
