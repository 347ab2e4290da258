/**
 * Inline CodeBuild buildspecs (`Source.BuildSpec` holding YAML or JSON text rather than a file path).
 * CDK emits inline buildspecs as a JSON string; hand-written templates use YAML. The `yaml` package is
 * required lazily, so the hook's cold start does not load it unless a template carries an inline buildspec.
 *
 * Parse errors are reported by position only: the parser's own messages quote the source, which may hold
 * secrets, so they never leave this module.
 */
import type * as YamlModule from 'yaml';
import { isRecord } from './values';

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

function parseUncached(text: string): ParsedBuildSpec {
  if (text.length > MAX_BUILDSPEC_CHARS) return { ok: false, reason: `is longer than ${MAX_BUILDSPEC_CHARS} characters` };
  const trimmed = text.trim();
  let doc: unknown;
  let parsed = false;
  if (trimmed.startsWith('{')) {
    try {
      doc = JSON.parse(trimmed);
      parsed = true;
    } catch {
      // Not strict JSON: YAML flow syntax is a superset; try that below.
    }
  }
  if (!parsed) {
    try {
      const Y = yaml();
      const docs = Y.parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'silent', strict: true });
      if (!Array.isArray(docs)) return { ok: false, reason: 'is empty' };
      if (docs.length !== 1) return { ok: false, reason: `holds ${docs.length} YAML documents (expected one)` };
      const d = docs[0];
      if (d.errors.length > 0) return { ok: false, reason: `does not parse as YAML or JSON${where(d.errors[0])}` };
      doc = d.toJS({ maxAliasCount: 50 });
    } catch (e) {
      return { ok: false, reason: `does not parse as YAML or JSON${where(e)}` };
    }
  }
  if (!isRecord(doc)) return { ok: false, reason: 'is not a buildspec mapping (expected version, phases, env ...)' };
  return { ok: true, doc };
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

const DOWNLOADER = /(?:^|[\s;(|`$])(?:curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod)(?:\.exe)?(?=\s|$)/i;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'pwsh', 'powershell', 'iex', 'invoke-expression']);
/** Wrappers that run the next word as the command. */
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'command', 'nohup', 'time', 'doas']);

function stripQuotes(w: string): string {
  return w.replace(/^["'`]+|["'`]+$/g, '');
}

/** The command a pipeline stage runs, after sudo/env wrappers, their options and VAR=value prefixes. */
function stageCommand(stage: string): string | undefined {
  const words = stage.trim().split(/\s+/).map(stripQuotes).filter((w) => w.length > 0);
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const base = w.toLowerCase().replace(/^.*\//, '');
    if (WRAPPERS.has(base) || w.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
      // sudo -u user: skip an option's argument when the option takes one
      if (/^-(u|g|C|h|p)$/.test(w)) i++;
      i++;
      continue;
    }
    return base.replace(/\.exe$/, '');
  }
  return undefined;
}

/**
 * Does the command pipe a download straight into a shell? `curl … | sh`, `wget -O- … | sudo bash`,
 * `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget …)"`, PowerShell `iwr … | iex`.
 */
const pipeMemo = new Map<string, boolean>();

export function pipesDownloadToShell(command: string): boolean {
  let hit = pipeMemo.get(command);
  if (hit === undefined) {
    hit = pipesUncached(command);
    if (pipeMemo.size >= 4096) pipeMemo.clear();
    pipeMemo.set(command, hit);
  }
  return hit;
}

function pipesUncached(command: string): boolean {
  for (const simple of simpleCommands(command)) {
    const stages = simple.split(/(?<!\|)\|(?!\|)/);
    for (let i = 0; i < stages.length - 1; i++) {
      if (!DOWNLOADER.test(` ${stages[i]}`)) continue;
      for (let j = i + 1; j < stages.length; j++) {
        const cmd = stageCommand(stages[j]);
        if (cmd !== undefined && SHELLS.has(cmd)) return true;
      }
    }
    // process substitution and command substitution fed to a shell
    if (/(?:^|[\s;|&(])(?:(?:ba|z|da|k|a)?sh|source|\.)\s+(?:-\S+\s+)*<\(\s*(?:sudo\s+)?(?:curl|wget)\b/i.test(simple)) return true;
    if (/(?:^|[\s;|&(])(?:(?:ba|z|da|k|a)?sh\s+-c|eval)\s+["']?(?:\$\(|`)\s*(?:curl|wget)\b/i.test(simple)) return true;
    if (/invoke-expression|\biex\b/i.test(simple) && /downloadstring|invoke-webrequest|invoke-restmethod|\biwr\b|\birm\b/i.test(simple)) return true;
  }
  return false;
}
