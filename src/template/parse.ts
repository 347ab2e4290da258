/**
 * Reading CloudFormation templates from disk: JSON, or YAML with the short-form intrinsic tags
 * (`!Ref`, `!Sub`, `!GetAtt A.B`, ...) turned into their long form (`{"Ref": ...}`, `{"Fn::Sub": ...}`).
 * Each template is parsed once; the line of each resource's logical ID is available for reports.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml';
import { MAX_JSON_DEPTH, StrictJsonError, parseStrictJson } from '../predicates/json';
import { isRecord } from '../predicates/values';

/** Short-form tag → long-form key. `!GetAtt` and `!Ref`/`!Condition` get special treatment below. */
const FUNCTIONS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  '!ForEach': 'Fn::ForEach',
};

/** Every short form as a scalar, sequence and mapping tag that keeps the node as it is (converted in `toJs`). */
const CFN_TAGS: Tags = Object.keys(FUNCTIONS).flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (node: unknown) => node },
  { tag, collection: 'map' as const, resolve: (node: unknown) => node },
]) as Tags;

/** Nesting (mappings and sequences, aliases expanded) a template may have; deeper is an error, not a stack overflow. */
export const MAX_TEMPLATE_DEPTH = MAX_JSON_DEPTH;

/**
 * A template that cannot be read unambiguously: not JSON/YAML, a duplicate key, an unknown YAML tag, nesting
 * beyond MAX_TEMPLATE_DEPTH. `line` is 1-based when known; the message reads `file:line: reason` (as
 * compilers and cfn-lint's E0000 do).
 */
export class TemplateError extends Error {
  constructor(readonly file: string, readonly reason: string, readonly line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'TemplateError';
  }
}

export interface ParsedDocument {
  value: unknown;
  /** 1-based line of each top-level key of `Resources` (YAML: at parse time; JSON: on first use). */
  lineOf(logicalId: string): number | undefined;
}

/** An error of the YAML layer with the line it is about (turned into a TemplateError by parseTemplateText). */
class LineError extends Error {
  constructor(readonly reason: string, readonly line?: number) {
    super(reason);
  }
}

/** Aliases a template may expand (a few anchors are common; thousands are an expansion bomb). */
const MAX_ALIAS_EXPANSIONS = 10_000;

interface ToJsState {
  doc: Document;
  lines: LineCounter;
  aliases: number;
  /** Alias node → the node it refers to (the yaml library searches the document for every resolve). */
  resolved: Map<unknown, unknown>;
}

const lineOfNode = (node: unknown, st: ToJsState): number | undefined => {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? st.lines.linePos(range[0]).line : undefined;
};

/** YAML node → plain data, short-form tags expanded. Plain numbers keep their source text (CloudFormation stringifies them). */
function toJs(node: Node | null | undefined | unknown, st: ToJsState, depth = 0): unknown {
  if (node === null || node === undefined) return null;
  // the root container is level 1, as in the JSON scan
  if (depth >= MAX_TEMPLATE_DEPTH && (isMap(node) || isSeq(node))) {
    throw new LineError(`nested deeper than ${MAX_TEMPLATE_DEPTH} levels (or an alias refers to itself)`, lineOfNode(node, st));
  }
  if (isAlias(node)) {
    if (++st.aliases > MAX_ALIAS_EXPANSIONS) throw new LineError(`more than ${MAX_ALIAS_EXPANSIONS} alias expansions`, lineOfNode(node, st));
    let target = st.resolved.get(node);
    if (target === undefined) {
      target = node.resolve(st.doc) ?? null;
      st.resolved.set(node, target);
    }
    return toJs(target, st, depth);
  }
  const tag = (node as { tag?: string }).tag;
  const fn = tag ? FUNCTIONS[tag] : undefined;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toJs(pair.key, st, depth + 1));
      // `1:` and `"1":` are different YAML keys but one template key
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new LineError(`duplicate key ${JSON.stringify(key)}; the document is ambiguous`, lineOfNode(pair.key, st));
      const v = toJs(pair.value, st, depth + 1);
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toJs(item, st, depth + 1));
  } else if (isScalar(node)) {
    const v = node.value;
    value = typeof v === 'number' && typeof node.source === 'string' && node.source.trim() !== '' ? node.source.trim() : v;
  } else {
    value = (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
  }
  if (!fn) return value;
  if (fn === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { [fn]: dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value] };
  }
  return { [fn]: value };
}

function parseYaml(text: string): ParsedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: CFN_TAGS, lineCounter, uniqueKeys: true, prettyErrors: false, merge: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    const first = e.message.split('\n')[0];
    if (e.code === 'DUPLICATE_KEY') throw new LineError(`duplicate key ${duplicateKeyAt(text, e.pos[0])}; the document is ambiguous`, line);
    // the yaml library reports its own stack overflow on deeply nested flow collections as a parse error
    if (/Maximum call stack size exceeded/i.test(first)) throw new LineError(`nested too deeply (more than ${MAX_TEMPLATE_DEPTH} levels are not read)`, line);
    throw new LineError(`not valid YAML (${first.replace(/ at line \d+, column \d+:?$/, '')})`, line);
  }
  // an unknown tag (`!Secret {Status: Enabled}`) would otherwise be read as the plain value it tags
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    const tag = /Unresolved tag: (\S+)/.exec(unknownTag.message)?.[1] ?? 'tag';
    throw new LineError(`unknown tag ${tag} (CloudFormation knows the short forms ${Object.keys(FUNCTIONS).join(', ')})`, lineCounter.linePos(unknownTag.pos[0]).line);
  }
  const lines = new Map<string, number>();
  const root = doc.contents;
  if (isMap(root)) {
    const resources = root.items.find((p) => isScalar(p.key) && p.key.value === 'Resources');
    if (resources && isMap(resources.value)) {
      for (const pair of resources.value.items) {
        if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
      }
    }
  }
  return { value: toJs(root, { doc, lines: lineCounter, aliases: 0, resolved: new Map() }), lineOf: (id) => lines.get(id) };
}

/**
 * Lines of the keys directly under the top-level `"Resources"` object of a JSON text: one linear scan
 * that tracks strings, nesting and keys (JSON.parse gives no positions).
 */
export function jsonResourceLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  // stack[i] = the key under which the container at depth i+1 was opened (undefined for arrays)
  const keyAt: Array<string | undefined> = [];
  const isObj: boolean[] = [];
  let line = 1;
  let lastKey: string | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
    } else if (c === 34) {
      // string
      const start = i + 1;
      const startLine = line;
      i++;
      let escaped = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10) line++;
        if (escaped) escaped = false;
        else if (d === 92) escaped = true;
        else if (d === 34) break;
        i++;
      }
      const raw = text.slice(start, i);
      i++;
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++;
      if (text[j] === ':' && isObj[isObj.length - 1]) {
        let key = raw;
        if (raw.includes('\\')) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            key = raw;
          }
        }
        lastKey = key;
        if (isObj.length === 2 && keyAt[1] === 'Resources' && !out.has(key)) out.set(key, startLine);
      }
    } else if (c === 123 || c === 91) {
      keyAt.push(lastKey);
      isObj.push(c === 123);
      lastKey = undefined;
      i++;
    } else if (c === 125 || c === 93) {
      keyAt.pop();
      isObj.pop();
      i++;
    } else {
      i++;
    }
  }
  return out;
}

/** The text of the key a yaml DUPLICATE_KEY error points at, quoted (or "in a mapping" when unreadable). */
function duplicateKeyAt(text: string, pos: number): string {
  const m = /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^:#\n{}[\],]*[^\s:#{}[\],]))/.exec(text.slice(pos, pos + 300));
  const key = m ? (m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3]) : undefined;
  return key !== undefined && key !== '' ? JSON.stringify(key) : 'in a mapping';
}

function parseJson(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = parseStrictJson(text, MAX_TEMPLATE_DEPTH);
  } catch (e) {
    if (e instanceof StrictJsonError) throw new LineError(e.reason, e.line);
    throw e;
  }
  let lines: Map<string, number> | undefined;
  return {
    value,
    lineOf: (id) => {
      lines ??= jsonResourceLines(text);
      return lines.get(id);
    },
  };
}

/**
 * Parse a template text: JSON when it starts with `{` (or the file is .json), YAML otherwise. Strict, as
 * cfn-lint (E0000): duplicate keys, unknown YAML tags and nesting beyond MAX_TEMPLATE_DEPTH throw a
 * TemplateError naming `fileName:line`.
 */
export function parseTemplateText(text: string, fileName = ''): ParsedDocument {
  try {
    return parseTemplateBody(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, fileName);
  } catch (e) {
    if (e instanceof LineError) throw new TemplateError(fileName || '(template)', e.reason, e.line);
    throw e;
  }
}

function parseTemplateBody(body: string, fileName: string): ParsedDocument {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || /\.json$/i.test(fileName)) {
    try {
      return parseJson(body);
    } catch (e) {
      // a .json file must be JSON, and valid JSON with a structural problem is reported as JSON;
      // otherwise `{` may open a YAML flow mapping (YAML is a superset of JSON)
      if (/\.json$/i.test(fileName) || (e instanceof LineError && e.line !== undefined)) throw e;
      try {
        return parseYaml(body);
      } catch {
        throw e;
      }
    }
  }
  return parseYaml(body);
}

/** Does this look like a CloudFormation template: a `Resources` map whose entries have `Type: AWS::…`? */
export function isTemplate(value: unknown): value is { Resources: Record<string, unknown> } {
  if (!isRecord(value) || !isRecord(value.Resources)) return false;
  const entries = Object.values(value.Resources);
  if (entries.length === 0) return false;
  let aws = false;
  for (const r of entries) {
    if (!isRecord(r) || typeof r.Type !== 'string') return false;
    if (r.Type.startsWith('AWS::')) aws = true;
  }
  return aws;
}
