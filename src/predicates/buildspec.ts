/**
 * Inline CodeBuild buildspecs (`Source.BuildSpec` holding YAML or JSON text rather than a file path).
 * CDK emits inline buildspecs as a JSON string; hand-written templates use YAML. The `yaml` package is
 * required lazily, so the hook's cold start does not load it unless a template carries an inline buildspec.
 *
 * Parse errors are reported by position only: the parser's own messages quote the source, which may hold
 * secrets, so they never leave this module.
 */
import type * as YamlModule from 'yaml';
import { fetchesAndExecutes } from './fetch-exec';
import { parseStrictJson, StrictJsonError } from './json';
import { looksLikeSecretValue } from './secret';
import { isRecord, ownCI } from './values';

/** Upper bound on what the hook parses (CodeBuild itself caps buildspec text well below this). */
const MAX_BUILDSPEC_CHARS = 262_144;

/**
 * Is this BuildSpec value inline text (as opposed to a path such as `buildspec.yml`, `ci/build.yaml` or
 * `arn:aws:s3:::bucket/buildspec.yml`)? Inline when it spans several lines, starts like a JSON/flow mapping,
 * or is a one-line `key: value` mapping.
 */
export function isInlineBuildSpec(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/[\r\n]/.test(v)) return true;
  if (v.startsWith('{') || v.startsWith('[')) return true;
  if (/^arn:/i.test(v)) return false;
  return /^[A-Za-z0-9_"'-]+\s*:(\s|$)/.test(v);
}

export type ParsedBuildSpec =
  | { ok: true; doc: Record<string, unknown> }
  | { ok: false; reason: string };

let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (yamlModule === undefined) yamlModule = require('yaml') as typeof YamlModule;
  return yamlModule;
}

function where(e: unknown): string {
  const pos = (e as { linePos?: Array<{ line: number; col: number }> } | null)?.linePos?.[0];
  return pos ? ` (line ${pos.line}, column ${pos.col})` : '';
}

/**
 * Several controls read the same inline buildspec in one request; the parse is memoised on the text (a
 * few entries, so a Lambda container or a `check` run never grows it without bound). Results are shared:
 * callers treat them as read-only.
 */
const parsedCache = new Map<string, ParsedBuildSpec>();
const CACHE_ENTRIES = 16;

/** Parse inline buildspec text into a mapping. Never throws; the reason never quotes the text. */
export function parseBuildSpec(text: string): ParsedBuildSpec {
  const hit = parsedCache.get(text);
  if (hit !== undefined) return hit;
  const result = parseUncached(text);
  if (parsedCache.size >= CACHE_ENTRIES) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(text, result);
  return result;
}

/**
 * How CodeBuild reads a buildspec is not specified beyond "YAML" (its parser, YAML version and treatment of
 * merge keys, duplicate keys or YAML 1.1 line breaks are undocumented), so every construct on which YAML
 * readers disagree makes the text ambiguous and the hook refuses to guess:
 *
 * - duplicate keys (last-wins, first-wins or an error, depending on the reader), also in JSON buildspecs
 *   (strict JSON, src/predicates/json.ts), and keys that differ only in letter case outside the variable maps;
 * - line breaks YAML 1.1 knows and YAML 1.2 does not (NEL U+0085, LS U+2028, PS U+2029), a lone CR, and
 *   other control characters;
 * - document markers and directives other than one leading `---` line: `--- {…}` with content on the marker
 *   line, `...`, a second `---`, `%YAML` / `%TAG`;
 * - explicit tags (`!!binary`, `!!str`, custom `!tags`), whose resolution differs between readers.
 *
 * YAML merge keys (`<<: *vars`) are expanded (explicit keys win, as the YAML 1.1 merge type says), so what
 * an anchor contributes to `env.variables` or `phases` is seen by every control.
 */
function parseUncached(text: string): ParsedBuildSpec {
  if (text.length > MAX_BUILDSPEC_CHARS) return { ok: false, reason: `is longer than ${MAX_BUILDSPEC_CHARS} characters` };
  const breaks = unusualCharacter(text);
  if (breaks !== undefined) return { ok: false, reason: `is ambiguous: ${breaks}` };
  const trimmed = text.trim();
  let doc: unknown;
  let parsed = false;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      doc = parseStrictJson(trimmed, 64);
      parsed = true;
    } catch (e) {
      // valid JSON with a structural problem (duplicate key, depth) is ambiguous; anything else may be YAML flow syntax
      if (e instanceof StrictJsonError && e.line !== undefined) {
        const key = /^duplicate key ("(?:[^"\\]|\\.)*")/.exec(e.reason);
        const what = key ? `duplicate key ${safeKey(JSON.parse(key[1]) as string)}` : e.reason;
        return { ok: false, reason: `is ambiguous: ${what} (line ${e.line})` };
      }
    }
  }
  if (!parsed) {
    const marker = documentMarkerProblem(text);
    if (marker !== undefined) return { ok: false, reason: `is ambiguous: ${marker}` };
    try {
      const Y = yaml();
      const docs = Y.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'silent', strict: true, merge: true });
      if (!Array.isArray(docs)) return { ok: false, reason: 'is empty' };
      if (docs.length !== 1) return { ok: false, reason: `holds ${docs.length} YAML documents (expected one)` };
      const d = docs[0];
      if (d.errors.length > 0) {
        const dup = d.errors.find((e) => e.code === 'DUPLICATE_KEY');
        if (dup !== undefined) return { ok: false, reason: `is ambiguous: duplicate key ${keyAt(text, dup.pos[0])}${where(dup)}` };
        return { ok: false, reason: `does not parse as YAML or JSON${where(d.errors[0])}` };
      }
      const tag = explicitTag(Y, d);
      if (tag !== undefined) return { ok: false, reason: `is ambiguous: it uses the YAML tag ${tag}, which YAML readers resolve differently` };
      doc = d.toJS({ maxAliasCount: 50 });
    } catch (e) {
      return { ok: false, reason: `does not parse as YAML or JSON${where(e)}` };
    }
  }
  if (!isRecord(doc)) return { ok: false, reason: 'is not a buildspec mapping (expected version, phases, env ...)' };
  const folded = caseCollision(doc, 0);
  if (folded !== undefined) return { ok: false, reason: `is ambiguous: ${folded}` };
  return { ok: true, doc };
}

const CHAR_NAMES: Record<number, string> = { 0x85: 'a NEL (U+0085) line break', 0x2028: 'a LINE SEPARATOR (U+2028)', 0x2029: 'a PARAGRAPH SEPARATOR (U+2029)', 0x0d: 'a carriage return not followed by a line feed' };

/** The first character YAML readers (or the shell) do not agree on, with its line, or undefined. */
function unusualCharacter(text: string): string | undefined {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 9) continue;
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 10) continue;
      return `${CHAR_NAMES[c]} at line ${line}`;
    }
    if (c === 0x85 || c === 0x2028 || c === 0x2029) return `${CHAR_NAMES[c]} at line ${line}`;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) return `a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')}) at line ${line}`;
    if (c === 0xfeff && i > 0) return `a byte order mark inside the text at line ${line}`;
  }
  return undefined;
}

/** Document markers and directives: only one leading `---` line (a comment after it allowed) is unambiguous. */
function documentMarkerProblem(text: string): string | undefined {
  const lines = text.split('\n');
  let seenContent = false;
  for (let n = 0; n < lines.length; n++) {
    const l = lines[n].replace(/\r$/, '');
    if (/^%/.test(l)) return `a YAML directive at line ${n + 1}`;
    const m = /^(---|\.\.\.)(?=\s|$)(.*)$/.exec(l);
    if (m) {
      if (m[1] === '...') return `a document end marker (...) at line ${n + 1}`;
      if (seenContent) return `a document marker (---) at line ${n + 1} after content`;
      if (!/^\s*(?:#.*)?$/.test(m[2])) return `a document marker (---) with content on the same line (line ${n + 1})`;
      seenContent = true;
      continue;
    }
    if (!/^\s*(?:#.*)?$/.test(l)) seenContent = true;
  }
  return undefined;
}

/** The first explicit tag in the document (`!!binary`, `!custom`), or undefined. */
function explicitTag(Y: typeof YamlModule, d: YamlModule.Document.Parsed): string | undefined {
  // the yaml library sets `tag` on parsed nodes only when the source names one
  let found: string | undefined;
  Y.visit(d, (_key, node) => {
    const tag = (node as { tag?: string } | null)?.tag;
    if (typeof tag === 'string') {
      found = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag.slice(0, 40);
      return Y.visit.BREAK;
    }
    return undefined;
  });
  return found;
}

/** Keys that differ only in letter case, outside the variable maps (where `Foo` and `FOO` are two variables). */
const CASE_SENSITIVE_MAPS = new Set(['variables', 'parameter-store', 'secrets-manager', 'exported-variables']);

function caseCollision(v: unknown, depth: number): string | undefined {
  if (depth > 24) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = caseCollision(x, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  const seen = new Map<string, string>();
  for (const k of Object.keys(v)) {
    const lower = k.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) return `keys ${safeKey(other)} and ${safeKey(k)} differ only in letter case`;
    seen.set(lower, k);
    if (CASE_SENSITIVE_MAPS.has(lower)) continue;
    const r = caseCollision(v[k], depth + 1);
    if (r !== undefined) return r;
  }
  return undefined;
}

function safeKey(k: string): string {
  return /^[A-Za-z0-9_.<>-]{1,64}$/.test(k) && !looksLikeSecretValue(k) ? `\`${k}\`` : 'a key';
}

/** The key a DUPLICATE_KEY error points at (only a name-shaped key is echoed; values never are). */
function keyAt(text: string, pos: number): string {
  const m = /^\s*(?:"([^"\\\n]{1,64})"|'([^'\n]{1,64})'|([^:#\n{}[\],]{1,64}?))\s*:/.exec(text.slice(pos, pos + 200));
  const key = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return key !== undefined ? safeKey(key.trim()) : 'in a mapping';
}

export interface BuildSpecCommand {
  /** Location inside the buildspec, e.g. `phases.build.commands[1]`. */
  path: string;
  text: string;
}

/**
 * Every shell command in the buildspec: all strings below `phases` (commands, finally blocks, whatever the
 * nesting), so nothing hides in an unexpected key.
 */
const commandsMemo = new WeakMap<object, BuildSpecCommand[]>();

export function buildSpecCommands(doc: Record<string, unknown>): BuildSpecCommand[] {
  let hit = commandsMemo.get(doc);
  if (!hit) {
    hit = collectCommands(doc);
    commandsMemo.set(doc, hit);
  }
  return hit;
}

function collectCommands(doc: Record<string, unknown>): BuildSpecCommand[] {
  const out: BuildSpecCommand[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (depth > 12 || out.length > 2000) return;
    if (typeof v === 'string') out.push({ path, text: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    else if (isRecord(v)) for (const k of Object.keys(v)) walk(v[k], `${path}.${k}`, depth + 1);
  };
  const phases = ownKey(doc, 'phases');
  if (phases !== undefined) walk(phases, 'phases', 0);
  return out;
}

/** `env.variables` (plaintext name → value map) of a parsed buildspec. */
export function buildSpecVariables(doc: Record<string, unknown>): Record<string, unknown> {
  const env = ownKey(doc, 'env');
  const vars = isRecord(env) ? ownKey(env, 'variables') : undefined;
  return isRecord(vars) ? vars : {};
}

function ownKey(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Split a command line into simple commands at `;`, `&&`, `||`, `&` and newlines (pipes are kept). */
const simpleMemo = new Map<string, string[]>();

export function simpleCommands(text: string): string[] {
  let hit = simpleMemo.get(text);
  if (!hit) {
    hit = splitSimple(text);
    if (simpleMemo.size >= 4096) simpleMemo.clear();
    simpleMemo.set(text, hit);
  }
  return hit;
}

function splitSimple(text: string): string[] {
  return text
    .split(/\r?\n|;|&&|\|\||(?<![>&])&(?![>&])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Does the command fetch and execute (a download piped or handed to any interpreter, or saved and run
 * within the same command)? See src/predicates/fetch-exec.ts; kept as the single-command entry point.
 */
export function pipesDownloadToShell(command: string): boolean {
  return fetchesAndExecutes(command);
}

const PHASE_ORDER = ['install', 'pre_build', 'build', 'post_build'];

/**
 * The buildspec's commands in the order CodeBuild runs them: phases install, pre_build, build, post_build
 * (each phase's `commands`, then its `finally`), then anything else found below `phases`.
 */
const runOrderMemo = new WeakMap<object, BuildSpecCommand[]>();

export function commandsInRunOrder(doc: Record<string, unknown>): BuildSpecCommand[] {
  let hit = runOrderMemo.get(doc);
  if (!hit) {
    hit = sortInRunOrder(buildSpecCommands(doc));
    runOrderMemo.set(doc, hit);
  }
  return hit;
}

function sortInRunOrder(commands: BuildSpecCommand[]): BuildSpecCommand[] {
  const rank = (path: string): number => {
    const m = /^phases\.([^.[]+)(?:\.([^.[]+))?/.exec(path);
    const phase = m ? PHASE_ORDER.indexOf(m[1].toLowerCase()) : -1;
    const block = m?.[2]?.toLowerCase() === 'finally' ? 1 : 0;
    return (phase === -1 ? PHASE_ORDER.length : phase) * 2 + block;
  };
  return commands
    .map((c, i) => ({ c, i, r: rank(c.path) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.c);
}

/** One environment override of a batch build: a build-list / build-graph task or a build-matrix env. */
export interface BatchEnvironment {
  /** Location inside the buildspec: `batch.build-list[1].env`, `batch.build-matrix.dynamic.env`. */
  path: string;
  env: Record<string, unknown>;
}

/**
 * Environment overrides of the buildspec's batch section (`batch.build-list[]` and `batch.build-graph[]`
 * tasks, `batch.build-matrix.static` and `.dynamic`): each may set `privileged-mode`, `image`,
 * `compute-type`, `type`, `fleet` and `variables` for the builds it starts. A batch section whose shape
 * is not one CodeBuild accepts is reported in `malformed`.
 */
export function batchEnvironments(doc: Record<string, unknown>): { envs: BatchEnvironment[]; malformed: string[] } {
  const envs: BatchEnvironment[] = [];
  const malformed: string[] = [];
  const batch = ownCI(doc, 'batch');
  if (batch === undefined || batch === null) return { envs, malformed };
  if (!isRecord(batch)) return { envs, malformed: ['batch is not a mapping'] };
  const take = (env: unknown, path: string) => {
    if (env === undefined || env === null) return;
    if (isRecord(env)) envs.push({ path, env });
    else malformed.push(`${path} is not a mapping`);
  };
  for (const kind of ['build-list', 'build-graph']) {
    const list = ownCI(batch, kind);
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      malformed.push(`batch.${kind} is not a list`);
      continue;
    }
    list.forEach((task, i) => {
      if (isRecord(task)) take(ownCI(task, 'env'), `batch.${kind}[${i}].env`);
      else malformed.push(`batch.${kind}[${i}] is not a mapping`);
    });
  }
  const matrix = ownCI(batch, 'build-matrix');
  if (matrix !== undefined && matrix !== null) {
    if (!isRecord(matrix)) malformed.push('batch.build-matrix is not a mapping');
    else
      for (const part of ['static', 'dynamic']) {
        const block = ownCI(matrix, part);
        if (block === undefined || block === null) continue;
        if (isRecord(block)) take(ownCI(block, 'env'), `batch.build-matrix.${part}.env`);
        else malformed.push(`batch.build-matrix.${part} is not a mapping`);
      }
  }
  return { envs, malformed };
}

/**
 * Is a batch `privileged-mode` value on? Only an explicit false (`false`, `no`, `off`, `n`, `0`, in any
 * case; YAML 1.1 readers turn `no`/`off` into false too) is off: `yes`/`on` are true for a YAML 1.1 reader.
 */
export function batchFlagOn(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  if (typeof value === 'string') return !/^(?:false|no|off|n|0|)$/i.test(value.trim());
  return true;
}
