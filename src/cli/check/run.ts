/**
 * Evaluate stacks through the REAL hook entry point: for each resource of a type the hook targets, the
 * request CloudFormation would send (CREATE_PRE_PROVISION, properties resolved as far as the template
 * determines them, primitives stringified) goes to `entrypoint`, and the wire response's annotations
 * become report rows. There is no second evaluation path.
 */
import { targetNamesFor, TYPE_NAME } from '../../engine/schema';
import { entrypoint } from '../../handlers';
import { ErrorCode, UNKNOWN_PREFIX, type HookAnnotation, type HookResponse } from '../../protocol/wire';
import { redactSecrets } from '../../predicates/secret';
import { isRecord } from '../../predicates/values';
import { InvalidConfiguration } from './config';
import type { StackInput } from './discover';
import { NO_VALUE, partitionOf, Resolver, stackIdOf, stringifyPrimitives, type Pseudo } from '../../template/resolve';

export type Status = 'FAIL' | 'WARN' | 'UNKNOWN' | 'PASS' | 'SKIPPED';
export const STATUSES: readonly Status[] = ['FAIL', 'UNKNOWN', 'WARN', 'PASS', 'SKIPPED'];
const RANK: Record<Status, number> = { FAIL: 4, UNKNOWN: 3, WARN: 2, PASS: 1, SKIPPED: 0 };

/** Control ID used for a request the hook answered with an error instead of annotations. */
export const HOOK_ERROR_ID = 'pipeline-guard';

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_REGION = 'us-east-1';

export interface CheckFinding {
  file: string;
  stack: string;
  logicalId: string;
  resourceType: string;
  controlId: string;
  status: Status;
  severity: string;
  message: string;
  /** Property path the finding is about, when the message names one; '' otherwise. */
  path: string;
  /** 1-based line of the resource's logical ID in the template (FAIL/WARN/UNKNOWN rows). */
  line?: number;
  /** CDK construct path (`aws:cdk:path` metadata). */
  cdkPath?: string;
}

export interface CheckSummary {
  stacks: number;
  resources: number;
  requests: number;
  fail: number;
  warn: number;
  unknown: number;
  pass: number;
  skipped: number;
}

export interface CheckResult {
  findings: CheckFinding[];
  summary: CheckSummary;
}

export interface RunOptions {
  /** The type configuration's Properties; null = the embedded secure default. */
  hookModel: Record<string, unknown> | null;
  account?: string;
  region?: string;
  partition?: string;
  onProgress?: (done: number, total: number) => void;
  /** Every request handed to the entry point (debugging, `--emit-requests`, tests). */
  onRequest?: (event: Record<string, unknown>, response: HookResponse) => void;
}

export function pseudoFor(stack: StackInput, o: Pick<RunOptions, 'account' | 'region' | 'partition'>): Pseudo {
  const region = o.region ?? stack.region ?? DEFAULT_REGION;
  return {
    accountId: o.account ?? stack.account ?? DEFAULT_ACCOUNT,
    region,
    partition: o.partition ?? partitionOf(region),
    stackName: stack.stack,
  };
}

export function statusOf(a: HookAnnotation): Status {
  if (a.status === 'PASSED') return 'PASS';
  if (a.status === 'SKIPPED') return 'SKIPPED';
  const m = a.statusMessage ?? '';
  if (m.startsWith('WARN (warn-only')) return 'WARN';
  if (m.startsWith(UNKNOWN_PREFIX)) return 'UNKNOWN';
  return 'FAIL';
}

const WARN_PREFIX = /^WARN \(warn-only[^)]*\):\s*/;
const PATH = /^([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[\d+\])*)(?=$|[\s:;,])/;
const VERBS = new Set(['is', 'are', 'must', 'has', 'have', 'does', 'do', 'should', 'allows', 'grants', 'lacks', 'contains', 'names', 'uses', 'sets', 'includes', 'not', 'points', 'references', 'lists', 'enables', 'disables']);

/** The message without the status prefixes the protocol layer adds. */
export function messageOf(a: HookAnnotation): string {
  let m = a.statusMessage ?? '';
  m = m.replace(WARN_PREFIX, '');
  if (m.startsWith(UNKNOWN_PREFIX)) m = m.slice(UNKNOWN_PREFIX.length);
  return m;
}

/**
 * The property path a finding message starts with (house rule: messages lead with the path; UNKNOWN
 * entries are `path: why`). Conservative: a leading word is taken as a path only when it has a `.`
 * or `[n]`, is a property of the resource, or is followed by a verb or a colon.
 */
export function pathOf(status: Status, annotation: HookAnnotation, properties: unknown): string {
  if (status === 'PASS' || status === 'SKIPPED') return '';
  let text = (annotation.statusMessage ?? '').replace(WARN_PREFIX, '');
  const unknown = text.startsWith(UNKNOWN_PREFIX);
  if (unknown) text = text.slice(UNKNOWN_PREFIX.length);
  if (unknown && text.startsWith(': ')) return '';
  const m = PATH.exec(text);
  if (!m) return '';
  const token = m[1];
  if (unknown && text.charAt(token.length) === ':') return token;
  if (token.includes('.') || token.includes('[')) return token;
  const first = token.split(/[.[]/)[0];
  if (isRecord(properties) && Object.prototype.hasOwnProperty.call(properties, first)) return token;
  const rest = text.slice(token.length);
  if (rest.startsWith(':')) return token;
  const next = /^\s+([a-z]+)/.exec(rest)?.[1];
  return next !== undefined && VERBS.has(next) ? token : '';
}

interface Row {
  controlId: string;
  status: Status;
  severity: string;
  message: string;
  path: string;
  variant: string;
}

function rowsOf(response: HookResponse, properties: unknown, variant: string): Row[] {
  const annotations = response.annotations ?? [];
  if (response.errorCode && response.errorCode !== ErrorCode.NonCompliant) {
    if (response.errorCode === ErrorCode.InvalidTypeConfiguration) {
      throw new InvalidConfiguration(response.message.replace(/^pipeline-guard: /, ''));
    }
    // the hook could not evaluate (invalid request, a control failed internally): CloudFormation would see FAILED
    return [{ controlId: HOOK_ERROR_ID, status: 'FAIL', severity: 'HIGH', message: `${response.errorCode}: ${response.message}`, path: '', variant }];
  }
  return annotations.map((a) => {
    const status = statusOf(a);
    return { controlId: a.annotationName, status, severity: a.severityLevel ?? '', message: messageOf(a), path: pathOf(status, a, properties), variant };
  });
}

/** Worst outcome across variants wins; when variants disagree, the message names the variant. */
function merge(perVariant: Row[][]): Row[] {
  const order: string[] = [];
  const all = new Map<string, Row[]>();
  for (const rows of perVariant) {
    for (const r of rows) {
      let list = all.get(r.controlId);
      if (!list) {
        list = [];
        all.set(r.controlId, list);
        order.push(r.controlId);
      }
      list.push(r);
    }
  }
  return order.map((id) => {
    const list = all.get(id) as Row[];
    let worst = list[0];
    for (const r of list) if (RANK[r.status] > RANK[worst.status]) worst = r;
    const disagree = perVariant.length > 1 && list.some((r) => r.status !== worst.status);
    return disagree && worst.variant ? { ...worst, message: `${worst.message} (when ${worst.variant})` } : worst;
  });
}

let tokenCounter = 0;
function nextToken(): string {
  tokenCounter = (tokenCounter + 1) % 0x1000000000000;
  return `00000000-0000-4000-8000-${tokenCounter.toString(16).padStart(12, '0')}`;
}

export function buildEvent(pseudo: Pseudo, resourceType: string, logicalId: string, properties: unknown, hookModel: Record<string, unknown> | null): Record<string, unknown> {
  return {
    clientRequestToken: nextToken(),
    awsAccountId: pseudo.accountId,
    stackId: stackIdOf(pseudo),
    changeSetId: null,
    hookTypeName: TYPE_NAME,
    hookTypeVersion: '00000001',
    hookModel,
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData: {
      targetName: resourceType,
      targetType: 'RESOURCE',
      targetLogicalId: logicalId,
      targetModel: { resourceProperties: properties },
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export async function runCheck(stacks: readonly StackInput[], options: RunOptions): Promise<CheckResult> {
  const targets = new Set(targetNamesFor('CREATE'));
  const findings: CheckFinding[] = [];
  const summary: CheckSummary = { stacks: stacks.length, resources: 0, requests: 0, fail: 0, warn: 0, unknown: 0, pass: 0, skipped: 0 };
  for (let s = 0; s < stacks.length; s++) {
    const stack = stacks[s];
    const pseudo = pseudoFor(stack, options);
    const resolver = new Resolver(stack.template, pseudo);
    for (const [logicalId, res] of Object.entries(stack.template.Resources)) {
      if (!isRecord(res) || typeof res.Type !== 'string' || !targets.has(res.Type)) continue;
      summary.resources++;
      const raw = res.Properties === undefined || res.Properties === null ? {} : res.Properties;
      const perVariant: Row[][] = [];
      for (const variant of resolver.variants(raw)) {
        const resolved = resolver.resolve(raw, variant.choices);
        const properties = stringifyPrimitives(resolved === NO_VALUE || resolved === null ? {} : resolved);
        const event = buildEvent(pseudo, res.Type, logicalId, properties, options.hookModel);
        const response = await entrypoint(event);
        summary.requests++;
        options.onRequest?.(event, response);
        perVariant.push(rowsOf(response, properties, variant.label));
      }
      const metadata = isRecord(res.Metadata) ? res.Metadata : {};
      const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? redactSecrets(metadata['aws:cdk:path']) : undefined;
      // the hook redacts its own messages; names taken from the template are redacted here the same way
      const where = { file: redactSecrets(stack.file), stack: redactSecrets(stack.stack), logicalId: redactSecrets(logicalId), resourceType: redactSecrets(res.Type) };
      for (const row of merge(perVariant)) {
        const f: CheckFinding = {
          file: where.file,
          stack: where.stack,
          logicalId: where.logicalId,
          resourceType: where.resourceType,
          controlId: row.controlId,
          status: row.status,
          severity: row.severity,
          message: row.status === 'PASS' || row.status === 'SKIPPED' ? row.message : redactSecrets(row.message),
          path: row.path === '' ? '' : redactSecrets(row.path),
        };
        if (row.status !== 'PASS' && row.status !== 'SKIPPED') {
          const line = stack.lineOf(logicalId);
          if (line !== undefined) f.line = line;
        }
        if (cdkPath) f.cdkPath = cdkPath;
        findings.push(f);
        summary[row.status.toLowerCase() as 'fail' | 'warn' | 'unknown' | 'pass' | 'skipped']++;
      }
    }
    options.onProgress?.(s + 1, stacks.length);
  }
  return { findings, summary };
}
