/**
 * Evaluate stacks through the REAL hook path: for each resource of a type the hook targets, the request
 * CloudFormation would send (CREATE_PRE_PROVISION, properties resolved as far as the template determines
 * them, primitives stringified) goes to `handleHookEvent` (what the Lambda `entrypoint` calls), and the
 * structured evaluation it hands its `onEvaluation` observer becomes the report rows: status, paths and
 * messages come from the engine's data, never from parsing the wire text. There is no second evaluation
 * path; error answers (invalid request, internal failure, invalid configuration) come from the response.
 */
import type { ControlOutcome, Evaluation } from '../../engine/evaluate';
import { targetNamesFor, TYPE_NAME } from '../../engine/schema';
import type { Finding } from '../../model';
import { handleHookEvent, LOOKUP_BUDGET_MS, type HookDeps } from '../../protocol/hook';
import type { LogSink } from '../../protocol/log';
import { WEAKENED_NOTE } from '../../protocol/response';
import { ErrorCode, type HookResponse } from '../../protocol/wire';
import { redactSecrets } from '../../predicates/secret';
import { isRecord } from '../../predicates/values';
import { InvalidConfiguration } from './config';
import type { StackInput } from './discover';
import { NO_VALUE, partitionOf, Resolver, stackIdOf, stringifyPrimitives, type Pseudo } from '../../template/resolve';
import { importNames, lookupImports } from '../../engine/imports';

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
  /**
   * Property path of this finding or UNKNOWN value, in the one path style (`PolicyDocument.Statement[0]`),
   * as the engine reports it; '' for PASS/SKIPPED rows and findings about the resource as a whole.
   */
  path: string;
  /** The exemption that skipped this control (SKIPPED), or one that has expired (the control ran again). */
  exemption?: ExemptionInfo;
  /** 1-based line of the resource's logical ID in the template (FAIL/WARN/UNKNOWN rows). */
  line?: number;
  /** CDK construct path (`aws:cdk:path` metadata). */
  cdkPath?: string;
}

export interface ExemptionInfo {
  reason: string;
  expiresOn: string;
  expired: boolean;
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
  /** Where the hook's structured log lines go; default: dropped (stdout carries only the report). */
  sink?: LogSink;
  /** `--lookups`: the fact source per request (the developer's credentials); undefined = the template alone. */
  lookups?: HookDeps['lookups'];
}

/**
 * The pseudo parameters with the exports the stack's resources import (`--lookups`), looked up once per stack
 * within the hook's per-request budget. An export that cannot be looked up stays an unresolved import: the
 * hook's answer for that property is then UNKNOWN (the STACK request reports the lookup's reason).
 */
async function withImports(template: Record<string, unknown>, pseudo: Pseudo, lookups: NonNullable<RunOptions['lookups']>): Promise<Pseudo> {
  const names = importNames(template, pseudo);
  if (names.length === 0) return pseudo;
  const source = lookups({ accountId: pseudo.accountId, region: pseudo.region, credentials: async () => undefined });
  if (!source) return pseudo;
  const { values } = await lookupImports(names, source, Date.now() + LOOKUP_BUDGET_MS, pseudo.accountId);
  return { ...pseudo, imports: values };
}

/**
 * One report row. `where` is already redacted; messages, paths and exemption reasons come from the template and
 * the evaluation unredacted and are redacted here (a PASS message is the control's title). A row that is not a
 * PASS or SKIPPED gets the source line of `lineId` (none for '': the stack itself).
 */
function findingOf(where: Pick<CheckFinding, 'file' | 'stack' | 'logicalId' | 'resourceType'>, row: Row, lines: { lineOf(logicalId: string): number | undefined }, lineId: string, cdkPath: string | undefined): CheckFinding {
  const f: CheckFinding = {
    file: where.file,
    stack: where.stack,
    logicalId: where.logicalId,
    resourceType: where.resourceType,
    controlId: row.controlId,
    status: row.status,
    severity: row.severity,
    message: row.status === 'PASS' ? row.message : redactSecrets(row.message),
    path: row.path === '' ? '' : redactSecrets(row.path),
  };
  if (row.exemption) f.exemption = { ...row.exemption, reason: redactSecrets(row.exemption.reason) };
  if (row.status !== 'PASS' && row.status !== 'SKIPPED' && lineId !== '') {
    const line = lines.lineOf(lineId);
    if (line !== undefined) f.line = line;
  }
  if (cdkPath) f.cdkPath = cdkPath;
  return f;
}

/** Drops every line (and tells the logger not to build them). */
export const NO_LOGS: LogSink = { enabled: () => false, write: () => undefined };

export function pseudoFor(stack: StackInput, o: Pick<RunOptions, 'account' | 'region' | 'partition'>): Pseudo {
  const region = o.region ?? stack.region ?? DEFAULT_REGION;
  return {
    accountId: o.account ?? stack.account ?? DEFAULT_ACCOUNT,
    region,
    partition: o.partition ?? partitionOf(region),
    stackName: stack.stack,
  };
}

interface Row {
  controlId: string;
  status: Status;
  severity: string;
  message: string;
  path: string;
  variant: string;
  exemption?: ExemptionInfo;
}

function exemptionOf(o: ControlOutcome): ExemptionInfo | undefined {
  const e = o.exemption ?? o.expiredExemption;
  return e ? { reason: e.Reason, expiresOn: e.ExpiresOn, expired: o.exemption === undefined } : undefined;
}

/** A PASS row's message, the control's title: one string per control, not one per row. */
const passMessages = new WeakMap<ControlOutcome['control'], string>();
function passMessage(c: ControlOutcome['control']): string {
  let m = passMessages.get(c);
  if (m === undefined) passMessages.set(c, (m = `${c.title}.`));
  return m;
}

/**
 * The rows of one control's outcome: PASS and SKIPPED are one row; a FAIL is one row per finding and an
 * UNKNOWN one row per undecidable value, each with its own path (SARIF locates every result). A FAIL or
 * UNKNOWN of a warn-only control is WARN.
 */
export function rowsOfOutcome(o: ControlOutcome, variant = ''): Row[] {
  const c = o.control;
  const exemption = exemptionOf(o);
  // object literals (one row per control and resource), not spreads of a shared base
  if (o.status === 'PASS') return [{ controlId: c.id, severity: c.severity, variant, exemption, status: 'PASS', message: passMessage(c), path: '' }];
  if (o.status === 'SKIPPED') return [{ controlId: c.id, severity: c.severity, variant, exemption, status: 'SKIPPED', message: `${c.title}: skipped, ${o.skipReason ?? 'not evaluated'}`, path: '' }];
  const status: Status = o.warnOnly ? 'WARN' : o.status;
  const note = o.expiredExemption ? ` (an exemption for this resource expired on ${o.expiredExemption.ExpiresOn})` : '';
  if (o.status === 'UNKNOWN' && o.unknowns.length > 0) {
    const lead = status === 'WARN' ? 'UNKNOWN: ' : '';
    return o.unknowns.map((u) => ({ controlId: c.id, severity: c.severity, variant, exemption, status, path: u.path, message: `${lead}${u.path === '' ? '' : `${u.path}: `}${u.why}${note}` }));
  }
  // a FAIL always has findings; should one ever arrive without any, it still is a row (fail closed)
  const findings: Finding[] = o.findings.length > 0 ? o.findings : [{ path: '', message: `${c.title}: not satisfied` }];
  return findings.map((f) => ({ controlId: c.id, severity: c.severity, variant, exemption, status, path: f.path, message: `${f.message}${f.weakened ? ` (${WEAKENED_NOTE})` : ''}${note}` }));
}

function rowsOf(response: HookResponse, evaluation: Evaluation | undefined, variant: string): Row[] {
  if (response.errorCode && response.errorCode !== ErrorCode.NonCompliant) {
    if (response.errorCode === ErrorCode.InvalidTypeConfiguration) {
      throw new InvalidConfiguration(response.message.replace(/^pipeline-guard: /, ''));
    }
    // the hook could not evaluate (invalid request, a control failed internally): CloudFormation would see FAILED
    return [{ controlId: HOOK_ERROR_ID, status: 'FAIL', severity: 'HIGH', message: `${response.errorCode}: ${response.message}`, path: '', variant }];
  }
  if (!evaluation) {
    // every RESOURCE request that is not an error is evaluated; anything else is reported, not trusted
    return [{ controlId: HOOK_ERROR_ID, status: 'FAIL', severity: 'HIGH', message: `the hook answered ${response.hookStatus} without evaluating the resource: ${response.message}`, path: '', variant }];
  }
  return evaluation.outcomes.flatMap((o) => rowsOfOutcome(o, variant));
}

/** Does every control's rows stand together (as `merge` would group them)? */
function groupedByControl(rows: Row[]): boolean {
  const done = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1].controlId;
    if (rows[i].controlId === prev) continue;
    done.add(prev);
    if (done.has(rows[i].controlId)) return false;
  }
  return true;
}

/**
 * Per control, the rows of the variant with the worst outcome win (first such variant on a tie); when
 * variants disagree, each message names the winning variant.
 */
function merge(perVariant: Row[][]): Row[] {
  // one variant (most resources) whose rows are already grouped by control: nothing to merge
  if (perVariant.length === 1 && groupedByControl(perVariant[0])) return perVariant[0];
  const order: string[] = [];
  const byControl = new Map<string, Row[][]>();
  for (const rows of perVariant) {
    const mine = new Map<string, Row[]>();
    for (const r of rows) {
      const list = mine.get(r.controlId);
      if (list) list.push(r);
      else mine.set(r.controlId, [r]);
    }
    for (const [id, list] of mine) {
      const variants = byControl.get(id);
      if (variants) variants.push(list);
      else {
        byControl.set(id, [list]);
        order.push(id);
      }
    }
  }
  const rank = (rows: Row[]): number => rows.reduce((m, r) => Math.max(m, RANK[r.status]), -1);
  return order.flatMap((id) => {
    const variants = byControl.get(id) as Row[][];
    let worst = variants[0];
    for (const v of variants) if (rank(v) > rank(worst)) worst = v;
    const disagree = perVariant.length > 1 && variants.some((v) => rank(v) !== rank(worst));
    const label = worst[0].variant;
    return disagree && label ? worst.map((r) => ({ ...r, message: `${r.message} (when ${label})` })) : worst;
  });
}

let tokenCounter = 0;
function nextToken(): string {
  tokenCounter = (tokenCounter + 1) % 0x1000000000000;
  return `00000000-0000-4000-8000-${tokenCounter.toString(16).padStart(12, '0')}`;
}

/** The request envelope CloudFormation sends on CREATE_PRE_PROVISION, around a target's `requestData`. */
function createEvent(pseudo: Pseudo, hookModel: Record<string, unknown> | null, requestData: Record<string, unknown>): Record<string, unknown> {
  return {
    clientRequestToken: nextToken(),
    awsAccountId: pseudo.accountId,
    stackId: stackIdOf(pseudo),
    changeSetId: null,
    hookTypeName: TYPE_NAME,
    hookTypeVersion: '00000001',
    hookModel,
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData,
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export function buildEvent(pseudo: Pseudo, resourceType: string, logicalId: string, properties: unknown, hookModel: Record<string, unknown> | null): Record<string, unknown> {
  return createEvent(pseudo, hookModel, { targetName: resourceType, targetType: 'RESOURCE', targetLogicalId: logicalId, targetModel: { resourceProperties: properties } });
}

export async function runCheck(stacks: readonly StackInput[], options: RunOptions): Promise<CheckResult> {
  const targets = new Set(targetNamesFor('CREATE'));
  const findings: CheckFinding[] = [];
  const summary: CheckSummary = { stacks: stacks.length, resources: 0, requests: 0, fail: 0, warn: 0, unknown: 0, pass: 0, skipped: 0 };
  for (let s = 0; s < stacks.length; s++) {
    const stack = stacks[s];
    const pseudo = pseudoFor(stack, options);
    // CloudFormation resolves Fn::ImportValue before a RESOURCE hook sees the properties: with --lookups so does check
    const resolver = new Resolver(stack.template, options.lookups ? await withImports(stack.template, pseudo, options.lookups) : pseudo);
    for (const [logicalId, res] of Object.entries(stack.template.Resources)) {
      if (!isRecord(res) || typeof res.Type !== 'string' || !targets.has(res.Type)) continue;
      summary.resources++;
      const raw = res.Properties === undefined || res.Properties === null ? {} : res.Properties;
      const perVariant: Row[][] = [];
      for (const variant of resolver.variants(raw)) {
        const resolved = resolver.resolve(raw, variant.choices);
        const properties = stringifyPrimitives(resolved === NO_VALUE || resolved === null ? {} : resolved);
        const event = buildEvent(pseudo, res.Type, logicalId, properties, options.hookModel);
        let evaluation: Evaluation | undefined;
        // the same single path as the Lambda entry point, with the CLI's log sink and an observer
        const response = await handleHookEvent(event, {
          sink: options.sink ?? NO_LOGS,
          deliver: undefined,
          // live lookups only with --lookups (the developer's own credentials)
          lookups: options.lookups,
          // the CLI has the whole template: generic resources are placed in their stack (Scope pipeline)
          stackTemplate: () => stack.template,
          onEvaluation: (ev) => {
            evaluation = ev;
          },
        });
        summary.requests++;
        options.onRequest?.(event, response);
        perVariant.push(rowsOf(response, evaluation, variant.label));
      }
      const metadata = isRecord(res.Metadata) ? res.Metadata : {};
      const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? redactSecrets(metadata['aws:cdk:path']) : undefined;
      // messages, paths and names come from the template and the evaluation unredacted: every one is redacted here
      const where = { file: redactSecrets(stack.file), stack: redactSecrets(stack.stack), logicalId: redactSecrets(logicalId), resourceType: redactSecrets(res.Type) };
      for (const row of merge(perVariant)) {
        findings.push(findingOf(where, row, stack, logicalId, cdkPath));
        summary[row.status.toLowerCase() as 'fail' | 'warn' | 'unknown' | 'pass' | 'skipped']++;
      }
    }
    await runStackRequest(stack, pseudo, options, findings, summary);
    options.onProgress?.(s + 1, stacks.length);
  }
  return { findings, summary };
}

/** The presigned URL of a locally served STACK payload (never fetched over the network: served in-process). */
const LOCAL_PAYLOAD_URL = 'https://pipeline-guard.local/stack-payload.json';

export function buildStackEvent(pseudo: Pseudo, hookModel: Record<string, unknown> | null): Record<string, unknown> {
  return createEvent(pseudo, hookModel, { targetName: 'STACK', targetType: 'STACK', targetLogicalId: pseudo.stackName, targetModel: {}, payload: LOCAL_PAYLOAD_URL });
}

/**
 * One STACK request per stack through the same entry point, its payload (the template) served in-process;
 * each stack-level finding becomes a row at the logical ID it names (file:line of that resource).
 */
async function runStackRequest(stack: StackInput, pseudo: Pseudo, options: RunOptions, findings: CheckFinding[], summary: CheckSummary): Promise<void> {
  if (!targetNamesFor('CREATE').includes('STACK')) return;
  const event = buildStackEvent(pseudo, options.hookModel);
  let evaluation: Evaluation | undefined;
  const response = await handleHookEvent(event, {
    sink: options.sink ?? NO_LOGS,
    deliver: undefined,
    fetchPayload: async () => JSON.stringify({ template: stack.template, previousTemplate: '' }),
    // --lookups: the stack's Fn::ImportValue exports and the stack controls' facts are looked up too (off: the template alone; never the default source)
    lookups: options.lookups,
    onEvaluation: (ev) => {
      evaluation = ev;
    },
  });
  summary.requests++;
  options.onRequest?.(event, response);
  if (!evaluation && !response.errorCode) return; // nothing evaluated at stack level (no template, no stack control)
  const resources = stack.template.Resources;
  const typeOf = (id: string): string => {
    const r = resources[id];
    return isRecord(r) && typeof r.Type === 'string' ? r.Type : 'STACK';
  };
  const add = (row: Row, logicalId: string | undefined): void => {
    const id = logicalId ?? '';
    const res = id === '' ? undefined : resources[id];
    const metadata = isRecord(res) && isRecord(res.Metadata) ? res.Metadata : {};
    const where = { file: redactSecrets(stack.file), stack: redactSecrets(stack.stack), logicalId: redactSecrets(id === '' ? stack.stack : id), resourceType: id === '' ? 'STACK' : redactSecrets(typeOf(id)) };
    const cdkPath = typeof metadata['aws:cdk:path'] === 'string' ? redactSecrets(metadata['aws:cdk:path']) : undefined;
    findings.push(findingOf(where, row, stack, id, cdkPath));
    summary[row.status.toLowerCase() as 'fail' | 'warn' | 'unknown' | 'pass' | 'skipped']++;
  };
  if (!evaluation) {
    for (const row of rowsOf(response, undefined, '')) add(row, undefined);
    return;
  }
  for (const o of evaluation.outcomes) {
    const rows = rowsOfOutcome(o);
    const subjects = o.status === 'UNKNOWN' && o.unknowns.length > 0 ? o.unknowns.map((u) => u.logicalId) : o.status === 'FAIL' || o.status === 'UNKNOWN' ? o.findings.map((f) => f.logicalId) : [];
    rows.forEach((row, i) => add(row, subjects[i]));
  }
}
