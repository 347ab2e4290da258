/**
 * One secret scanner over every string of a resource, at any depth: known credential formats anywhere in a
 * text (also inside ARNs, URLs, after a dynamic reference, hex- or base64-encoded), passwords in URL
 * user-info, and secret-looking names bound to literal values — JSON/YAML keys, `export NAME=value` and
 * `--password value` in scripts, URL query and fragment parameters, `{Name, Value}` / `{Key, Value}` pairs
 * and properties whose own name looks secret.
 *
 * Results are reasons without values ("an AWS access key ID (base64-encoded)", "a literal value for the
 * secret-looking name DB_PASSWORD"); names that could themselves be secrets are not shown.
 *
 * Cost: a string is scanned once per container (memoised on its text); short strings and strings without
 * any trigger character are dismissed by a few `includes`/regex tests; decoding and embedded JSON are
 * followed to a bounded depth.
 */
import { credentialFormatIn, decodeEncodedText, entropy, isGeneratedIdentifier, isReferenceValue, looksLikeSecretName, looksLikeSecretValue, stripDynamicReferences } from './secret';
import { isRecord } from './values';

/** How many decodings / embedded-JSON levels a text is followed into. */
const MAX_NESTING = 3;
/** Nesting of properties walked (requests are already capped at 64). */
const MAX_DEPTH = 100;
/** Encoded runs decoded per text (a text is bounded by the request size; this bounds the decoding work). */
const MAX_RUNS = 4096;
const CACHE_ENTRIES = 8192;
const cache = new Map<string, readonly string[]>();
const NONE: readonly string[] = Object.freeze([]);

/** A name fit to appear in a message: short, plain, and not itself credential-shaped. */
export function shownName(name: string): string {
  return /^[A-Za-z0-9_.:/-]{1,64}$/.test(name) && !looksLikeSecretValue(name) ? name : 'a key';
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|_+|#+|changeme|change[_-]?me|replace[_-]?me|redacted|example|dummy|placeholder|secret|password|token|todo|tbd|fixme|n\/a|notused|not[_-]?set|unset|empty|default)$/i;

/**
 * Is this text, bound to a secret-looking name, a literal secret? Not when it is a reference (ARN, dynamic
 * reference, a `$VAR`/`${…}`/`$(…)`/`%VAR%`/`#{…}` expansion, an environment variable name, a secret name
 * or path, a file name), a placeholder, a number or boolean, prose, a URL (scanned on its own) or a word.
 */
export function isLiteralSecret(raw: string): boolean {
  let v = raw.trim();
  if ((v.startsWith('"') && v.endsWith('"') && v.length >= 2) || (v.startsWith("'") && v.endsWith("'") && v.length >= 2)) v = v.slice(1, -1).trim();
  if (v.length < 8 || v.length > 8192) return false;
  if (/\s/.test(v)) return false;
  if (/^[$%<([!&*@]|^#\{|^\{\{/.test(v) || v.includes('${') || v.includes('$(') || v.includes('{{resolve:') || v.includes('#{')) return false;
  if (isReferenceValue(v) || v.includes('://')) return false;
  if (/^(?:true|false|yes|no|on|off|null|none|nil|undefined)$/i.test(v) || /^[-+]?\d+(?:\.\d+)?$/.test(v)) return false;
  if (PLACEHOLDER.test(v) || /^your[_-]/i.test(v) || /[_-]here$/i.test(v)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(v)) return false; // another variable's name
  if (/^\/?[a-z0-9_.+=@-]+(?:\/[a-z0-9_.+=@-]+)+$/.test(v)) return false; // a secret name or parameter path
  if (/^(?:alias|key)\//.test(v)) return false;
  if (/^[\w.-]+\.(?:json|ya?ml|txt|pem|key|crt|cer|env|properties|cfg|conf|ini|p12|pfx|jks)$/i.test(v)) return false;
  if (/^[a-z]+$/.test(v) || /^[A-Z][a-z]+$/.test(v)) return false; // a word
  if (isGeneratedIdentifier(v)) return false;
  let classes = 0;
  if (/[a-z]/.test(v)) classes++;
  if (/[A-Z]/.test(v)) classes++;
  if (/[0-9]/.test(v)) classes++;
  if (/[^A-Za-z0-9]/.test(v)) classes++;
  return classes >= 2 && entropy(v) >= 2.5;
}

function bound(name: string): string {
  return `a literal value for the secret-looking name ${shownName(name)}`;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** A YAML / properties / .env line `name: value` or `name = value` (the value without a trailing comment). */
const KEY_LINE = /^[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?["']?([A-Za-z_][\w.-]{0,127})["']?[ \t]*(?::[ \t]+|=)(.*)$/gm;
/** Shell assignments anywhere in a command: `NAME=value`, `export NAME="value"`, `env NAME=value cmd`. */
const SHELL_ASSIGN = /(?:^|[\s;&|(`])(?:export\s+|declare\s+-x\s+|readonly\s+|local\s+|set\s+)?([A-Za-z_][A-Za-z0-9_]{0,127})=("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&|)`'"]+)/g;
/** PowerShell `$env:NAME = "value"`. */
const PS_ASSIGN = /\$env:([A-Za-z_]\w{0,127})\s*=\s*("[^"\n]*"|'[^'\n]*')/gi;
/** Command-line options `--password value`, `--token=value`. */
const CLI_OPTION = /(?:^|\s)--([A-Za-z][\w-]{1,63})(?:=|[ \t]+)("[^"\n]*"|'[^'\n]*'|[^\s;&|)]+)/g;
/** `docker login -u user -p value` and the like. */
const LOGIN_P = /\blogin\b[^\n]*?\s-p[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|)]+)/g;
/** JSON-ish pairs in text that is not valid JSON: `"name": "value"`. */
const JSON_PAIR = /"([^"\\\n]{1,128})"\s*:\s*"((?:[^"\\\n]|\\.){1,8192})"/g;
const URL_RE = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;
const ENCODED_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;

function scanUrl(url: string, add: (r: string) => void): void {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url);
  if (m) {
    const info = m[1];
    const colon = info.indexOf(':');
    const user = colon < 0 ? info : info.slice(0, colon);
    const pass = colon < 0 ? '' : info.slice(colon + 1);
    if (pass !== '' && !/^[$%<{#]/.test(pass) && !pass.includes('${')) add("a password in a URL's user-info");
    else if (looksLikeSecretValue(safeDecode(user))) add("a credential in a URL's user-info");
  }
  const q = url.search(/[?#]/);
  if (q < 0) return;
  for (const part of url.slice(q + 1).split(/[&;#?]/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = safeDecode(part.slice(0, eq));
    const value = safeDecode(part.slice(eq + 1));
    if (looksLikeSecretName(name) && isLiteralSecret(value)) add(bound(name));
    else if (/^(?:sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token)$/i.test(name) && value.length >= 16) add(`a signed-URL credential (${name})`);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function unescapeJson(s: string): string {
  if (!s.includes('\\')) return s;
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
}

function scanInto(text: string, nesting: number, suffix: string, add: (r: string) => void): void {
  if (text.length < 8) return;
  const tag = (r: string) => add(suffix === '' ? r : `${r} (${suffix})`);
  const fmt = credentialFormatIn(text);
  if (fmt !== undefined) tag(fmt);
  if (text.includes('://')) {
    URL_RE.lastIndex = 0;
    for (const m of text.matchAll(URL_RE)) scanUrl(m[0], tag);
  }
  const trimmed = text.trim();
  let structured = false;
  if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && nesting < MAX_NESTING) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      structured = true;
      walkValue(parsed, '', undefined, 0, nesting + 1, (_p, r) => tag(r), () => false);
    } catch {
      structured = false;
    }
  }
  if (!structured) {
    if (text.includes('"')) {
      for (const m of text.matchAll(JSON_PAIR)) {
        const value = unescapeJson(m[2]);
        if (looksLikeSecretName(m[1]) && isLiteralSecret(value)) tag(bound(m[1]));
        if (value !== m[2] && nesting < MAX_NESTING) scanInto(value, nesting + 1, suffix, add);
      }
    }
    if (text.includes(':') || text.includes('=')) {
      for (const m of text.matchAll(KEY_LINE)) {
        let value = m[2].trim();
        if (!/^["']/.test(value)) value = value.replace(/\s+#.*$/, '');
        if (looksLikeSecretName(m[1]) && isLiteralSecret(unquote(value))) tag(bound(m[1]));
      }
    }
    if (text.includes('=')) {
      for (const m of text.matchAll(SHELL_ASSIGN)) if (looksLikeSecretName(m[1]) && isLiteralSecret(unquote(m[2]))) tag(bound(m[1]));
      if (/\$env:/i.test(text)) for (const m of text.matchAll(PS_ASSIGN)) if (looksLikeSecretName(m[1]) && isLiteralSecret(unquote(m[2]))) tag(bound(m[1]));
    }
    if (text.includes('--')) {
      for (const m of text.matchAll(CLI_OPTION)) if (looksLikeSecretName(m[1]) && isLiteralSecret(unquote(m[2]))) tag(bound(`--${m[1]}`));
    }
    if (text.includes(' -p')) {
      for (const m of text.matchAll(LOGIN_P)) if (isLiteralSecret(unquote(m[1]))) tag('a literal password given to a login command (-p)');
    }
  }
  if (nesting < MAX_NESTING && text.length >= 24) {
    let runs = 0;
    for (const m of text.matchAll(ENCODED_RUN)) {
      if (++runs > MAX_RUNS) break;
      const decoded = decodeEncodedText(m[0]);
      if (decoded === undefined) continue;
      const how = /^(?:[0-9a-fA-F]{2})+$/.test(m[0]) ? 'hex-encoded' : 'base64-encoded';
      scanInto(decoded, nesting + 1, suffix === '' ? how : `${suffix}, ${how}`, add);
    }
  }
}

/**
 * What in one text looks like a secret: reasons without values, deduplicated (empty when nothing does).
 * Text around dynamic references is literal and scanned; the references themselves are not secrets.
 */
export function secretsInText(text: string): readonly string[] {
  if (text.length < 8) return NONE;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const reasons = new Set<string>();
  scanInto(stripDynamicReferences(text), 0, '', (r) => reasons.add(r));
  const out = reasons.size === 0 ? NONE : Object.freeze([...reasons]);
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(text, out);
  return out;
}

/** Does one text hold anything secret-looking? */
export function hasSecretInText(text: string): boolean {
  return secretsInText(text).length > 0;
}

/** Keys that name the other member of a name/value pair. */
const PAIR_NAME_KEYS = ['Name', 'Key', 'ParameterKey', 'name', 'key', 'OptionName', 'ParameterName'];
const PAIR_VALUE_KEYS = ['Value', 'ParameterValue', 'DefaultValue', 'value', 'defaultValue'];
/** Intrinsics whose arguments are logical IDs or condition names, not text. */
const ID_INTRINSICS = new Set(['Ref', 'Fn::GetAtt', 'Condition', 'Fn::ImportValue']);

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The first of the pair-name keys that holds a string (a plain loop: this runs for every object walked). */
function pairNameKey(value: Record<string, unknown>): string | undefined {
  for (let i = 0; i < PAIR_NAME_KEYS.length; i++) if (typeof value[PAIR_NAME_KEYS[i]] === 'string') return PAIR_NAME_KEYS[i];
  return undefined;
}

function walkValue(value: unknown, path: string, key: string | undefined, depth: number, nesting: number, report: (path: string, reason: string) => void, skip: (path: string) => boolean): void {
  if (depth > MAX_DEPTH || (path !== '' && skip(path))) return;
  if (typeof value === 'string') {
    const reasons = secretsInText(value);
    for (let i = 0; i < reasons.length; i++) report(path, reasons[i]);
    if (key !== undefined && looksLikeSecretName(key) && !/^\s*[{[]/.test(value) && isLiteralSecret(stripDynamicReferences(value))) report(path, bound(key));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkValue(value[i], `${path}[${i}]`, undefined, depth + 1, nesting, report, skip);
    return;
  }
  if (!isRecord(value)) return;
  const keys = Object.keys(value);
  if (keys.length === 1 && ID_INTRINSICS.has(keys[0])) return;
  const nameKey = pairNameKey(value);
  if (nameKey !== undefined) {
    const name = value[nameKey] as string;
    for (const vk of PAIR_VALUE_KEYS) {
      const v = value[vk];
      if (typeof v === 'string' && looksLikeSecretName(name) && isLiteralSecret(stripDynamicReferences(v)) && !skip(join(path, vk))) report(join(path, vk), bound(name));
    }
  }
  // the keys of a policy condition block (`Condition.StringEquals.aws:PrincipalTag/token`) are condition keys
  // whose values are compared, not names bound to a secret: their values are scanned for credential formats only
  const conditionKeys = key !== undefined && isConditionOperatorAt(path, key);
  for (const k of keys) walkValue(value[k], join(path, k), conditionKeys || k.startsWith('Fn::') ? undefined : k, depth + 1, nesting, report, skip);
}

/** Is the object at `path` (reached under `key`) the operator block of a policy statement's Condition? */
function isConditionOperatorAt(path: string, key: string): boolean {
  const suffix = 10 + key.length; // `Condition.` + key
  return path.length >= suffix && path.endsWith(`Condition.${key}`) && (path.length === suffix || path.charCodeAt(path.length - suffix - 1) === 46 /* . */);
}

/**
 * A `skip` for `secretsInProperties` that leaves out the subtrees under the given property paths, list items
 * written `[*]` (`Stages[*].Actions[*].Configuration`): a path is skipped when, with every `[n]` read as
 * `[*]`, it equals a pattern or continues it with `.` or `[`. Compared character by character, without
 * building the generic path: it is asked for every node of every resource scanned.
 */
export function subtreeSkipper(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => false;
  // every `[n]` is at least as long as `[*]`: a path shorter than a pattern cannot match it (and its length
  // is known without reading the path's characters)
  const shortest = Math.min(...patterns.map((p) => p.length));
  return (path) => {
    if (path.length < shortest) return false;
    for (let p = 0; p < patterns.length; p++) if (path.length >= patterns[p].length && underPattern(path, patterns[p])) return true;
    return false;
  };
}

/** Length of a `[digits]` list index at `i` of `path` (0 when there is none). */
function indexAt(path: string, i: number): number {
  if (path.charCodeAt(i) !== 91 /* [ */) return 0;
  let k = i + 1;
  while (k < path.length) {
    const c = path.charCodeAt(k);
    if (c < 48 || c > 57) break;
    k++;
  }
  return k > i + 1 && path.charCodeAt(k) === 93 /* ] */ ? k + 1 - i : 0;
}

function underPattern(path: string, pattern: string): boolean {
  let i = 0;
  let j = 0;
  while (j < pattern.length) {
    if (i >= path.length) return false;
    const index = indexAt(path, i);
    if (index > 0) {
      // `[n]` reads as `[*]`
      if (!pattern.startsWith('[*]', j)) return false;
      i += index;
      j += 3;
      continue;
    }
    if (path.charCodeAt(i) !== pattern.charCodeAt(j)) return false;
    i++;
    j++;
  }
  if (i === path.length) return true;
  const next = path.charCodeAt(i);
  return next === 46 /* . */ || next === 91 /* [ */;
}

export interface PropertySecrets {
  /** Property path of the string (`Tags[0].Value`, `Stages[0].Actions[1].Configuration.ParameterOverrides`). */
  path: string;
  /** What looks secret there, without values. */
  reasons: string[];
}

/**
 * Every string of a resource's properties, at any depth (inside intrinsics too, except the logical IDs of
 * Ref/GetAtt): what looks secret, by path. `skip(path)` leaves out subtrees other checks own.
 */
export function secretsInProperties(properties: Readonly<Record<string, unknown>>, skip: (path: string) => boolean = () => false): PropertySecrets[] {
  const byPath = new Map<string, Set<string>>();
  walkValue(properties, '', undefined, 0, 0, (path, reason) => {
    let set = byPath.get(path);
    if (set === undefined) byPath.set(path, (set = new Set()));
    set.add(reason);
  }, skip);
  return [...byPath].map(([path, reasons]) => ({ path, reasons: [...reasons] }));
}
