/**
 * STACK and CHANGE_SET targets: the payload behind the presigned URL (docs/stack-targets.md).
 *
 * Fetching: https only, one GET, bounded in size (the body is counted while it streams; a larger
 * Content-Length is refused before reading) and in time (the whole exchange, within the hook's 30-second
 * budget). No credentials are sent: the URL is presigned. Any failure is a PayloadError, which the hook
 * answers FAILED (fail closed), never SUCCESS.
 *
 * Parsing: both key schemes seen in the references, with keys compared without regard to case —
 * `template` / `previousTemplate` / `changedResources[{logicalResourceId, resourceType, action, lineNumber,
 * beforeContext, afterContext}]` (hooks user guide, Lambda hooks) and `Template` / `PreviousTemplate` /
 * `ResolvedTemplate` / `ChangedResources[{LogicalResourceId, ResourceType, LineNumber, Action,
 * ResourceProperties, PreviousResourceProperties}]` (the Java plugin's StackHookTargetModel). Templates
 * arrive as text (JSON or YAML, unresolved) or, in the Java model's typing, as objects.
 */
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { isRecord } from '../predicates/values';
import { parseTemplateText, TemplateError } from '../template/parse';

export class PayloadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PayloadError';
  }
}

export interface PayloadLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Time for the whole exchange (connect, response, body), in milliseconds. */
  timeoutMs: number;
}

/** 5 MiB (template bodies are at most 1 MB through S3, plus the change contexts), 10 s (the Python plugin's timeout). */
export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxBytes: 5 * 1024 * 1024, timeoutMs: 10_000 };

/** Fetch the payload text behind a URL. Injectable: the CLI serves payloads in-process. */
export type FetchPayload = (url: string, limits: PayloadLimits) => Promise<string>;

/** The URL must be an absolute https URL. */
export function payloadUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PayloadError('the payload is not a URL');
  }
  if (url.protocol !== 'https:') throw new PayloadError(`the payload URL must use https, not ${url.protocol.replace(/:$/, '')}`);
  return url;
}

/** A fetcher over node:https; `options.ca` adds trusted certificates (tests; NODE_EXTRA_CA_CERTS works too). */
export function httpsPayloadFetcher(options: { ca?: string | Buffer } = {}): FetchPayload {
  return (raw, limits) =>
    new Promise<string>((resolve, reject) => {
      let url: URL;
      try {
        url = payloadUrl(raw);
      } catch (e) {
        reject(e);
        return;
      }
      let settled = false;
      const done = (err: Error | undefined, text?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(text as string);
      };
      const opts: RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
      if (options.ca) opts.ca = options.ca;
      const req = httpsRequest(url, opts, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          done(new PayloadError(`the payload URL answered HTTP ${res.statusCode}`));
          req.destroy();
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          done(new PayloadError(`the payload is larger than ${limits.maxBytes} bytes`));
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limits.maxBytes) {
            done(new PayloadError(`the payload is larger than ${limits.maxBytes} bytes`));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => done(undefined, Buffer.concat(chunks).toString('utf8')));
        res.on('error', () => done(new PayloadError('the payload transfer failed')));
      });
      const timer = setTimeout(() => {
        done(new PayloadError(`the payload did not arrive within ${limits.timeoutMs} ms`));
        req.destroy();
      }, limits.timeoutMs);
      req.on('error', (e) => done(new PayloadError(`the payload could not be fetched (${(e as NodeJS.ErrnoException).code ?? e.name})`)));
      req.end();
    });
}

export const defaultFetchPayload: FetchPayload = httpsPayloadFetcher();

export interface ChangedResource {
  logicalId: string;
  resourceType?: string;
  action?: string;
  lineNumber?: number;
  /** Parsed context (`{Properties: …}` in the guide's scheme; the properties themselves in the Java scheme). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface StackPayload {
  /** Parsed template; undefined when the payload carries none (DeleteStack: both templates empty). */
  template?: Record<string, unknown>;
  previousTemplate?: Record<string, unknown>;
  changedResources?: ChangedResource[];
}

/** Own keys compared without regard to case. */
function pick(obj: Record<string, unknown>, ...names: string[]): unknown {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const k of Object.keys(obj)) if (wanted.has(k.toLowerCase())) return obj[k];
  return undefined;
}

function templateOf(v: unknown, what: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (isRecord(v)) return Object.keys(v).length === 0 ? undefined : v;
  if (typeof v !== 'string') throw new PayloadError(`${what} is neither template text nor an object`);
  if (v.trim() === '' || v.trim() === '{}') return undefined;
  try {
    const parsed = parseTemplateText(v, what).value;
    if (!isRecord(parsed)) throw new PayloadError(`${what} is not a template`);
    return parsed;
  } catch (e) {
    if (e instanceof TemplateError) throw new PayloadError(`${what} cannot be parsed: ${e.message}`);
    throw e;
  }
}

function contextOf(v: unknown, what: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (isRecord(v)) return v;
  if (typeof v !== 'string') throw new PayloadError(`${what} is not a JSON string`);
  try {
    const parsed: unknown = JSON.parse(v);
    if (!isRecord(parsed)) throw new PayloadError(`${what} is not a JSON object`);
    return parsed;
  } catch (e) {
    if (e instanceof PayloadError) throw e;
    throw new PayloadError(`${what} is not valid JSON`);
  }
}

/** The payload object (fetched and JSON-parsed, or given inline as targetModel) → templates and changes. */
export function parseStackPayload(body: unknown): StackPayload {
  if (!isRecord(body)) throw new PayloadError('the payload is not a JSON object');
  const out: StackPayload = {};
  const template = templateOf(pick(body, 'template'), 'template');
  if (template) out.template = template;
  const previous = templateOf(pick(body, 'previousTemplate'), 'previousTemplate');
  if (previous) out.previousTemplate = previous;
  const changes = pick(body, 'changedResources');
  if (changes !== undefined && changes !== null) {
    if (!Array.isArray(changes)) throw new PayloadError('changedResources is not a list');
    out.changedResources = changes.map((c, i) => {
      if (!isRecord(c)) throw new PayloadError(`changedResources[${i}] is not an object`);
      const id = pick(c, 'logicalResourceId');
      if (typeof id !== 'string' || id === '') throw new PayloadError(`changedResources[${i}].logicalResourceId is missing`);
      const r: ChangedResource = { logicalId: id };
      const type = pick(c, 'resourceType');
      if (typeof type === 'string') r.resourceType = type;
      const action = pick(c, 'action');
      if (typeof action === 'string') r.action = action.toUpperCase();
      const line = pick(c, 'lineNumber');
      if (typeof line === 'number') r.lineNumber = line;
      const before = contextOf(pick(c, 'beforeContext'), `changedResources[${i}].beforeContext`);
      const after = contextOf(pick(c, 'afterContext'), `changedResources[${i}].afterContext`);
      // Java scheme: the contexts are the properties themselves
      const beforeProps = contextOf(pick(c, 'previousResourceProperties'), `changedResources[${i}].PreviousResourceProperties`);
      const afterProps = contextOf(pick(c, 'resourceProperties'), `changedResources[${i}].ResourceProperties`);
      if (before) r.before = before;
      else if (beforeProps) r.before = { Properties: beforeProps };
      if (after) r.after = after;
      else if (afterProps) r.after = { Properties: afterProps };
      return r;
    });
  }
  return out;
}

/**
 * The state of the stack before a change set: the change set's template with every changed resource put
 * back as it was (UPDATE and DELETE: its before context; CREATE: absent). Used for weakening only.
 */
export function previousFromChanges(template: Record<string, unknown>, changes: readonly ChangedResource[]): Record<string, unknown> {
  const resources = isRecord(template.Resources) ? { ...template.Resources } : {};
  for (const c of changes) {
    if (c.action === 'CREATE' || c.action === 'ADD') {
      delete resources[c.logicalId];
      continue;
    }
    if (!c.before) continue;
    const current = isRecord(resources[c.logicalId]) ? (resources[c.logicalId] as Record<string, unknown>) : {};
    const props = isRecord(c.before.Properties) ? c.before.Properties : {};
    resources[c.logicalId] = { ...current, Type: current.Type ?? c.resourceType, Properties: props };
  }
  return { ...template, Resources: resources };
}
