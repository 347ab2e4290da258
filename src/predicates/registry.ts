/**
 * Package-registry redirects: where a build is told to install packages from, in shell commands
 * (`npm ci --registry …`, `pip install -i …`, `npm config set registry …`, `NPM_CONFIG_REGISTRY=… npm ci`,
 * `go env -w GOPROXY=…`, `aws codeartifact login …`) and in environment variables that package managers
 * read (NPM_CONFIG_REGISTRY, PIP_INDEX_URL, GOPROXY, …). A plain `npm ci` without a redirect is not a
 * redirect. Allow-list matching compares scheme, host and path separately, so a glob's `*` can never
 * stretch across the host into the path (`https://evil.example/x-123456789012.d.codeartifact…`).
 */
import { globMatch } from './glob';
import { simpleCommands } from './buildspec';
import { looksLikeSecretValue } from './secret';

/** Environment variables package managers read as a registry location (compared case-insensitively). */
const REGISTRY_VARIABLES: readonly RegExp[] = [
  /^npm_config_(?:@[^:=\s]+:)?registry$/i,
  /^yarn_(?:npm_)?registry(?:_server)?$/i,
  /^pnpm_registry$/i,
  /^pip_(?:extra_)?index_url$/i,
  /^pip_find_links$/i,
  /^uv_(?:extra_|default_)?index(?:_url)?$/i,
  /^poetry_repositories_.+_url$/i,
  /^goproxy$/i,
  /^cargo_registries_.+_index$/i,
  /^cargo_registry$/i,
  /^bundle_mirror__.+$/i,
  /^gem_source$/i,
];

export function isRegistryVariable(name: string): boolean {
  return REGISTRY_VARIABLES.some((re) => re.test(name));
}

export interface Redirect {
  /** How the redirect is written, without its value: `--registry`, `PIP_INDEX_URL=`, `npm config set registry`. */
  via: string;
  /** The destination as written (after variable substitution where the hook could resolve it). */
  value: string;
  /** Name of the variable or option, to decide list splitting and GOPROXY semantics. */
  key: string;
}

export type RegistryVerdict = { ok: true } | { ok: false; reason: 'not-allowed' | 'unverifiable' | 'direct'; detail: string };

/** Is this registry-location text allowed? Lists (GOPROXY, PIP_EXTRA_INDEX_URL) are checked item by item. */
export function checkRegistryValue(key: string, raw: string, allowed: readonly string[]): RegistryVerdict {
  const value = raw.trim().replace(/^["']+|["']+$/g, '');
  if (value === '') return { ok: true };
  const isGo = /goproxy/i.test(key);
  const items = value.split(isGo ? /[,|]/ : /[\s,]+/).map((s) => s.trim()).filter((s) => s.length > 0);
  for (const item0 of items) {
    const item = item0.replace(/^[A-Za-z0-9_-]+=(?=[a-z][a-z0-9+.-]*:\/\/)/i, ''); // uv's name=url form
    if (isGo && item.toLowerCase() === 'off') continue;
    if (isGo && item.toLowerCase() === 'direct') return { ok: false, reason: 'direct', detail: 'direct (fetches modules straight from their source repositories)' };
    if (/[$`]/.test(hostPart(item))) return { ok: false, reason: 'unverifiable', detail: 'a shell variable or command substitution the hook cannot resolve' };
    if (!urlMatchesAny(allowed, item)) return { ok: false, reason: 'not-allowed', detail: describeDestination(item) };
  }
  return { ok: true };
}

/** scheme://host part of a URL-ish string (everything before the first `/` after the authority). */
function hostPart(item: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)?([^/]*)/i.exec(item);
  const authority = m ? m[2] : item;
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** Host only, for messages: never the user-info (which may hold a token) and never the path. */
function describeDestination(item: string): string {
  const host = hostPart(item);
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host) || !host.includes('.') || host.length > 120 || looksLikeSecretValue(host)) return 'a location outside AllowedPackageRegistries';
  return `host ${host.toLowerCase()}`;
}

interface SplitUrl {
  scheme: string;
  host: string;
  path: string;
}

function splitUrl(text: string, defaultScheme: string): SplitUrl | undefined {
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#]*)(.*)$/i.exec(text.trim());
  if (!m) return undefined;
  const authority = m[2];
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  if (host === '') return undefined;
  const path = m[3] === '' ? '/' : m[3];
  return { scheme: (m[1] ?? defaultScheme).toLowerCase(), host, path };
}

/**
 * Glob allow-list over URLs, matched part by part: scheme exactly, host (case-insensitive) against the
 * pattern's host, path against the pattern's path (a pattern without a path allows every path).
 */
export function urlMatchesAny(patterns: readonly string[], url: string): boolean {
  const u = splitUrl(url, 'https');
  if (!u) return false;
  for (const pattern of patterns) {
    if (pattern.trim() === '*') return true;
    const p = splitUrl(pattern, 'https');
    if (!p) continue;
    if (!globMatch(p.scheme, u.scheme)) continue;
    const hostToMatch = p.host.includes(':') ? u.host : u.host.replace(/:\d+$/, '');
    if (!globMatch(p.host, hostToMatch, { caseInsensitive: true })) continue;
    const pPath = p.path === '/' && !pattern.trim().endsWith('/') ? '/*' : p.path;
    if (globMatch(pPath, u.path)) return true;
  }
  return false;
}

export interface RedirectContext {
  /** Known variable values (project and buildspec plaintext variables, earlier assignments). Updated in place. */
  vars: Map<string, string>;
  accountId: string;
}

function stripQuotes(w: string): string {
  return w.replace(/^["']+|["']+$/g, '');
}

/** Long-option value: `--opt=value` or `--opt value`. */
function optionValue(words: string[], name: string): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === name && i + 1 < words.length) return words[i + 1];
    if (words[i].startsWith(`${name}=`)) return words[i].slice(name.length + 1);
  }
  return undefined;
}

function substitute(text: string, vars: Map<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a: string | undefined, b: string | undefined) => {
    const v = vars.get((a ?? b) as string);
    return v === undefined ? whole : v;
  });
}

/** The endpoint `aws codeartifact login` / `get-repository-endpoint` would produce, from its options. */
function codeArtifactEndpoint(words: string[], ctx: RedirectContext, formatOption: string): string {
  const get = (n: string) => {
    const v = optionValue(words, n);
    return v === undefined ? undefined : substitute(stripQuotes(v), ctx.vars);
  };
  const domain = get('--domain') ?? '$DOMAIN';
  const owner = get('--domain-owner') ?? ctx.accountId;
  const repo = get('--repository') ?? '$REPOSITORY';
  const region = get('--region') ?? ctx.vars.get('AWS_REGION') ?? ctx.vars.get('AWS_DEFAULT_REGION') ?? 'region';
  const format = (get(formatOption) ?? 'npm').toLowerCase().replace(/^pip$|^twine$/, 'pypi').replace(/^dotnet$/, 'nuget');
  return `https://${domain}-${owner}.d.codeartifact.${region}.amazonaws.com/${format}/${repo}/`;
}

const PIP = /^(?:pip|pip3|pip3?\.\d+)$/;
const CONFIG_TOOLS = new Set(['npm', 'yarn', 'pnpm', 'pip', 'pip3']);
const CONFIG_KEYS = /^(?:(?:@[^:\s]+:)?registry|(?:npmscopes\.[^.\s]+\.)?npmregistryserver|(?:global|install|user|site)?\.?(?:extra-)?index-url|(?:global\.)?find-links)$/i;
const FILE_KEYS = /^(?:(?:@[^:=\s]+:)?registry|(?:extra-)?index-url|find-links|npmRegistryServer)$/;

/**
 * Registry redirects in one buildspec command (which may hold several lines and `&&`-chains). Variable
 * assignments (`X=…`, `export X=…`) are recorded in `ctx.vars` so later `$X` references resolve.
 */
const REDIRECT_TRIGGER = /=|registry|index|find-links|\bset\b|codeartifact|(?:^|\s)-(?:[ifs]|-?source|-add)(?:\S|\s|$)/i;

/**
 * The words of every pipeline stage of a command text that could redirect a registry or assign a variable
 * (the context-free part of `commandRedirects`), memoised per text: a buildspec's commands are scanned by
 * every request that carries them. The arrays are shared and never modified.
 */
const stagesMemo = new Map<string, readonly (readonly string[])[]>();
const NO_STAGES: readonly (readonly string[])[] = Object.freeze([]);

function redirectStages(text: string): readonly (readonly string[])[] {
  let hit = stagesMemo.get(text);
  if (hit === undefined) {
    const stages: string[][] = [];
    for (const simple of simpleCommands(text)) {
      for (const stage of simple.split(/(?<!\|)\|(?!\|)/)) {
        // Cheap pre-filter: without one of these tokens a stage can neither redirect a registry nor assign a
        // variable (assignments need '='), so most build commands skip the word-level scan.
        if (!REDIRECT_TRIGGER.test(stage)) continue;
        stages.push(stage.trim().split(/\s+/).map(stripQuotes).filter((w) => w.length > 0));
      }
    }
    hit = stages.length === 0 ? NO_STAGES : stages;
    if (stagesMemo.size >= 4096) stagesMemo.clear();
    stagesMemo.set(text, hit);
  }
  return hit;
}

const GET_ENDPOINT = /\$\(\s*aws\s+codeartifact\s+get-repository-endpoint\b([^()`]*)\)|`\s*aws\s+codeartifact\s+get-repository-endpoint\b([^()`]*)`/g;

export function commandRedirects(command: string, ctx: RedirectContext): Redirect[] {
  const out: Redirect[] = [];
  // $(aws codeartifact get-repository-endpoint …) and its backtick form become the endpoint they return.
  const text = command.includes('codeartifact')
    ? command.replace(GET_ENDPOINT, (_w, a: string | undefined, b: string | undefined) => codeArtifactEndpoint((a ?? b ?? '').trim().split(/\s+/), ctx, '--format'))
    : command;
  for (const words of redirectStages(text)) {
    // assignments anywhere (leading VAR=…, export VAR=…, env VAR=…, go env -w VAR=…, echo registry=… > .npmrc)
    let cmdIndex = -1;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const m = /^([@A-Za-z_][@A-Za-z0-9_.:/-]*)=(.*)$/.exec(w);
      if (m) {
        const [, name, rawValue] = m;
        const value = substitute(rawValue, ctx.vars);
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && (cmdIndex === -1 || ['export', 'env', 'declare', 'local', 'readonly', 'typeset', '-w'].includes(words[i - 1] ?? ''))) ctx.vars.set(name, value);
        if (isRegistryVariable(name)) out.push({ via: `${name}=`, value, key: name });
        else if (FILE_KEYS.test(name)) out.push({ via: `${name.replace(/^@[^:]+:/, '@scope:')}=`, value, key: name });
        continue;
      }
      if (FILE_KEYS.test(w) && words[i + 1] === '=' && i + 2 < words.length) out.push({ via: `${w} =`, value: substitute(words[i + 2], ctx.vars), key: w });
      if (cmdIndex === -1 && !['export', 'env', 'sudo', 'declare', 'readonly'].includes(w) && !w.startsWith('-')) cmdIndex = i;
    }
    if (cmdIndex === -1) continue;
    const args = words.slice(cmdIndex);
    const tool = args[0].toLowerCase().replace(/^.*\//, '');
    const isPip = PIP.test(tool) || (/^python[0-9.]*$/.test(tool) && args[1] === '-m' && args[2] === 'pip') || (tool === 'uv' && args[1] === 'pip');
    for (let i = 1; i < args.length; i++) {
      const w = args[i];
      const long = /^--((?:@[^:=\s]+:)?registry|index-url|extra-index-url|find-links|default-index|index)(?:=(.*))?$/i.exec(w);
      if (long && !(long[1].toLowerCase() === 'index' && !isPip && tool !== 'uv')) {
        const value = long[2] ?? args[i + 1];
        if (value !== undefined) out.push({ via: `--${long[1].replace(/^@[^:]+:/, '@scope:')}`, value: substitute(value, ctx.vars), key: long[1] });
        continue;
      }
      if (isPip && (w === '-i' || w === '-f') && i + 1 < args.length) out.push({ via: `pip ${w}`, value: substitute(args[i + 1], ctx.vars), key: w === '-i' ? 'index-url' : 'find-links' });
      else if (isPip && /^-i\S/.test(w)) out.push({ via: 'pip -i', value: substitute(w.slice(2), ctx.vars), key: 'index-url' });
      if (['gem', 'dotnet', 'nuget', 'choco'].includes(tool) && /^(?:--source|-s|-source|--add)$/i.test(w) && i + 1 < args.length) out.push({ via: `${tool} ${w}`, value: substitute(args[i + 1], ctx.vars), key: 'source' });
    }
    // npm/yarn/pnpm/pip config set KEY VALUE, npm set KEY VALUE
    const configAt = args.indexOf('config');
    const setAt = configAt !== -1 ? args.indexOf('set', configAt + 1) : args[1] === 'set' ? 1 : -1;
    if ((CONFIG_TOOLS.has(tool) || isPip) && setAt !== -1) {
      const rest = args.slice(setAt + 1).filter((w) => !w.startsWith('-'));
      const kv = /^([^=]+)=(.*)$/.exec(rest[0] ?? '');
      const key = kv ? kv[1] : rest[0];
      const value = kv ? kv[2] : rest[1];
      if (key !== undefined && value !== undefined && CONFIG_KEYS.test(key)) out.push({ via: `${tool} config set ${key.replace(/^@[^:]+:/, '@scope:')}`, value: substitute(value, ctx.vars), key });
    }
    // aws codeartifact login configures the tool for a CodeArtifact repository
    if (tool === 'aws' && args[1] === 'codeartifact' && args[2] === 'login') {
      out.push({ via: 'aws codeartifact login', value: codeArtifactEndpoint(args, ctx, '--tool'), key: 'codeartifact' });
    }
  }
  return out;
}
