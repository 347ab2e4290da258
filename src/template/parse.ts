/**
 * Reading CloudFormation templates from disk: JSON, or YAML with the short-form intrinsic tags
 * (`!Ref`, `!Sub`, `!GetAtt A.B`, ...) turned into their long form (`{"Ref": ...}`, `{"Fn::Sub": ...}`).
 * Each template is parsed once; the line of each resource's logical ID is available for reports.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Tags } from 'yaml';
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

export class TemplateError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'TemplateError';
  }
}

export interface ParsedDocument {
  value: unknown;
  /** 1-based line of each top-level key of `Resources` (YAML: at parse time; JSON: on first use). */
  lineOf(logicalId: string): number | undefined;
}

/** YAML node → plain data, short-form tags expanded. Plain numbers keep their source text (CloudFormation stringifies them). */
function toJs(node: Node | null | undefined | unknown, doc: Document, depth = 0): unknown {
  if (depth > 200) throw new Error('the document is nested too deeply (or an alias refers to itself)');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toJs(node.resolve(doc), doc, depth + 1);
  const tag = (node as { tag?: string }).tag;
  const fn = tag ? FUNCTIONS[tag] : undefined;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toJs(pair.key, doc, depth + 1));
      const v = toJs(pair.value, doc, depth + 1);
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      else out[key] = v;
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toJs(item, doc, depth + 1));
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
    throw new Error(`not valid YAML (line ${line}: ${e.message.split('\n')[0]})`);
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
  return { value: toJs(root, doc), lineOf: (id) => lines.get(id) };
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

function parseJson(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${e instanceof Error ? e.message : 'parse error'})`);
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

/** Parse a template text: JSON when it starts with `{` (or the file is .json), YAML otherwise. */
export function parseTemplateText(text: string, fileName = ''): ParsedDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || /\.json$/i.test(fileName)) {
    try {
      return parseJson(body);
    } catch (e) {
      // a .json file must be JSON; otherwise `{` may open a YAML flow mapping (YAML is a superset of JSON)
      if (/\.json$/i.test(fileName)) throw e;
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
