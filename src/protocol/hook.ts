/**
 * One hook invocation: parse → configuration → target → evaluate → answer. Never throws and never
 * answers SUCCESS on an error path.
 */
import { loadSettings } from '../engine/config';
import { ConfigurationError, ControlFailure } from '../engine/errors';
import type { Evaluation } from '../engine/evaluate';
import { evaluateStackWithLookups } from '../engine/imports';
import { REGISTRY } from '../engine/registry';
import { targetNamesFor, TYPE_NAME } from '../engine/schema';
import { isGenericType, relationInTemplate } from '../engine/scope';
import { CredentialResolver, kmsDecrypt, type Decryptor } from './credentials';
import { cloudWatchDelivery, streamName, withTimeout, type LogDelivery } from './delivery';
import { Logger, stdoutSink, type LogSink } from './log';
import { DEFAULT_PAYLOAD_LIMITS, defaultFetchPayload, parseStackPayload, PayloadError, previousFromChanges, type FetchPayload, type PayloadLimits } from './payload';
import { parseRequest, rawToken, RequestError, type HookRequest } from './request';
import { stackEvaluationResponse } from './stack-response';
import { evaluateWithLookups, LookupError, type FactSource } from '../engine/lookups';
import { awsFactSource, type LookupContext } from '../facts/aws';
import { awsStackTemplate } from '../facts/template';
import { errorResponse, evaluationResponse, plainSuccess } from './response';
import { ErrorCode, HookProgressEvent, HookStatus, toWire, type HookResponse } from './wire';

export interface HookDeps {
  now: () => Date;
  sink: LogSink;
  decrypt: Decryptor;
  deliver: LogDelivery | undefined;
  deliveryTimeoutMs: number;
  /**
   * Observer of the structured evaluation (the local CLI builds its report from it). Called once per
   * request that was evaluated, after the answer is built; whatever it does (throw, reject, mutate the
   * evaluation) never changes the answer. Not called when the request is answered with an error or a
   * stack-level target is acknowledged without evaluation.
   */
  onEvaluation?: (ev: Evaluation) => void;
  /** STACK / CHANGE_SET: fetch the payload behind the presigned URL (https only; the CLI serves it in-process). */
  fetchPayload: FetchPayload;
  payloadLimits: PayloadLimits;
  /**
   * RESOURCE requests in Scope `pipeline`: the parsed template of the stack the resource belongs to, so
   * the engine can tell whether a generic resource is pipeline-related. The local CLI serves the template
   * it reads; the deployed hook reads it with cloudformation:GetTemplate where the answer is exactly the
   * template being deployed (a change set, a stack being created: src/facts/template.ts); otherwise undefined,
   * and generic resources are judged (fail closed). Whatever goes wrong (throws, rejects, odd value) counts as unknown.
   */
  stackTemplate?: (request: HookRequest) => Promise<unknown> | unknown;
  /**
   * Live lookups (issue 14): the fact source for one request, or undefined to judge the template alone
   * (`check` without --lookups). The deployed hook looks up with the credentials CloudFormation hands it for
   * its execution role (callerCredentials, scoped to the schema's handler permissions).
   */
  lookups?: (context: LookupContext) => FactSource | undefined;
  /** Lambda-hook mode: the function's own role makes the lookups (no callerCredentials arrive). */
  ambientCredentials?: boolean;
  /** Time left in this invocation (the Lambda context); the lookups end LOOKUP_RESERVE_MS before it. */
  remainingTimeMs?: () => number;
}

/** At most this long for all lookups of one request (the hook answers within CloudFormation's 30 s). */
export const LOOKUP_BUDGET_MS = 20_000;
/** Kept back from the invocation's remaining time for answering and log delivery. */
export const LOOKUP_RESERVE_MS = 5_000;

export const defaultDeps: HookDeps = {
  now: () => new Date(),
  sink: stdoutSink,
  decrypt: kmsDecrypt,
  deliver: cloudWatchDelivery,
  deliveryTimeoutMs: 2000,
  fetchPayload: defaultFetchPayload,
  payloadLimits: DEFAULT_PAYLOAD_LIMITS,
  lookups: awsFactSource,
  stackTemplate: (request) =>
    awsStackTemplate({
      stackId: request.stackId,
      changeSetId: request.changeSetId,
      action: request.action,
      region: regionOf(request),
      credentials: () => new CredentialResolver(request.credentials, kmsDecrypt).caller(),
    }),
};

/** The fact source of one resource request, with the execution role's credentials (never logged). */
function lookupsFor(request: HookRequest, deps: HookDeps): FactSource | undefined {
  if (!deps.lookups) return undefined;
  const resolver = new CredentialResolver(request.credentials, deps.decrypt);
  return deps.lookups({
    accountId: request.awsAccountId,
    region: regionOf(request),
    credentials: async () => {
      const c = await resolver.caller();
      if (!c && !deps.ambientCredentials) throw new LookupError('the hook received no credentials for its execution role (register it with an ExecutionRoleArn)');
      return c;
    },
  });
}

/** The Lambda context's clock for the lookups' deadline (absent under `cfn test` and in-process callers). */
export function contextDeps(context: unknown): { remainingTimeMs?: () => number } {
  const fn = (context as { getRemainingTimeInMillis?: unknown } | undefined)?.getRemainingTimeInMillis;
  return typeof fn === 'function' ? { remainingTimeMs: () => Number(fn.call(context)) } : {};
}

function lookupDeadline(deps: HookDeps): number {
  let budget = LOOKUP_BUDGET_MS;
  try {
    const left = deps.remainingTimeMs?.();
    if (typeof left === 'number' && Number.isFinite(left)) budget = Math.min(budget, left - LOOKUP_RESERVE_MS);
  } catch {
    // no usable context: the fixed budget
  }
  return Date.now() + Math.max(0, budget);
}

/** Version of the "hook answered" line (docs/log-format.md): bumped on any change a reader could notice. */
export const LOG_FORMAT_VERSION = 1;
export const ANSWERED = 'hook answered';

/**
 * The fields of the one "hook answered" line per answered request (docs/log-format.md, pinned by
 * test/cli/report.test.ts): who, what, the answer, and the control IDs by outcome — taken from the
 * evaluation, never parsed back from message text. `errorCode` is the hook's own reason code (the Lambda
 * hook mode maps it to a documented wire code, the log keeps the reason). Never credentials.
 */
export function answeredFields(request: HookRequest | undefined, response: HookResponse, ev?: Evaluation): Record<string, unknown> {
  const ids = (keep: (o: Evaluation['outcomes'][number]) => boolean): string[] => (ev ? ev.outcomes.filter(keep).map((o) => o.control.id) : []);
  const finding = (o: Evaluation['outcomes'][number]): boolean => o.status === 'FAIL' || o.status === 'UNKNOWN';
  return {
    logFormatVersion: LOG_FORMAT_VERSION,
    awsAccountId: request?.awsAccountId,
    stackName: request?.stackName,
    stackId: request?.stackId,
    invocationPoint: request?.invocationPoint,
    targetName: request?.targetName,
    targetLogicalId: request?.targetLogicalId,
    hookStatus: response.hookStatus,
    errorCode: response.errorCode,
    failed: ids((o) => finding(o) && !o.warnOnly),
    warned: ids((o) => finding(o) && o.warnOnly),
    passed: ids((o) => o.status === 'PASS'),
    message: response.message,
  };
}

class UnsupportedTargetError extends Error {
  override name = 'UnsupportedTargetError';
}

function observe(ev: Evaluation, deps: HookDeps, logger: Logger): void {
  if (!deps.onEvaluation) return;
  try {
    const r: unknown = deps.onEvaluation(ev);
    // an async observer's rejection must not surface as an unhandled rejection either
    if (r instanceof Promise) r.catch(() => undefined);
  } catch (e) {
    logger.warn('evaluation observer failed', { error: e instanceof Error ? e.name : typeof e });
  }
}

/** `arn:aws:cloudformation:eu-west-1:…` → eu-west-1 (a hook request has no region field). */
function regionOf(request: HookRequest): string {
  const m = /^arn:[^:]+:cloudformation:([^:]+):/.exec(request.stackId ?? request.changeSetId ?? '');
  return m ? m[1] : process.env.AWS_REGION ?? 'us-east-1';
}

/** STACK / CHANGE_SET: fetch (or take inline) the payload, parse the templates, evaluate the stack controls. */
async function decideStack(request: HookRequest, settings: ReturnType<typeof loadSettings>, deps: HookDeps, logger: Logger): Promise<{ answer: HookProgressEvent; ev?: Evaluation }> {
  const target = request.targetName as 'STACK' | 'CHANGE_SET';
  if (!targetNamesFor(request.action).includes(target)) {
    // e.g. a stack being deleted: its templates are empty, there is nothing to judge at stack level
    return { answer: plainSuccess(request.clientRequestToken, `${target} on ${request.action}: no pipeline-guard stack control applies to this operation.`) };
  }
  let body: unknown = request.stackModel;
  if (body === undefined) {
    if (request.payload === undefined) throw new RequestError(`requestData.payload is missing: a ${target} target carries its templates behind a presigned URL`);
    const text = await deps.fetchPayload(request.payload, deps.payloadLimits);
    try {
      body = JSON.parse(text);
    } catch {
      throw new PayloadError('the payload is not JSON');
    }
  }
  const payload = parseStackPayload(body);
  if (!payload.template) {
    // a create or update always has a template to judge: without one the request cannot be read, and an
    // unread stack is never a SUCCESS (fail closed)
    throw new RequestError(`the ${target} payload carries no template, so the stack cannot be evaluated`);
  }
  const previousTemplate = payload.previousTemplate ?? (target === 'CHANGE_SET' && payload.changedResources ? previousFromChanges(payload.template, payload.changedResources) : undefined);
  // lookups on: the Fn::ImportValue exports first (the stack controls judge the real values), then the facts
  // the stack controls ask for, in rounds
  const ev = await evaluateStackWithLookups(
    {
      targetName: target,
      logicalId: request.targetLogicalId || request.stackName || target,
      action: request.action,
      template: payload.template,
      previousTemplate,
      pseudo: { accountId: request.awsAccountId, region: regionOf(request), partition: request.partition, stackName: request.stackName ?? request.targetLogicalId, stackId: request.stackId },
      accountId: request.awsAccountId,
      stackName: request.stackName,
    },
    settings,
    deps.now(),
    lookupsFor(request, deps),
    lookupDeadline(deps),
  );
  const answer = stackEvaluationResponse(request.clientRequestToken, ev);
  observe(ev, deps, logger);
  return { answer, ev };
}

async function decide(request: HookRequest, deps: HookDeps, logger: Logger): Promise<{ answer: HookProgressEvent; ev?: Evaluation }> {
  const settings = loadSettings(request.hookModel, REGISTRY.ids, { accountId: request.awsAccountId, partition: request.partition, today: deps.now() });
  if (request.isStackLevel) return decideStack(request, settings, deps, logger);
  if (!targetNamesFor(request.action).includes(request.targetName)) {
    throw new UnsupportedTargetError(`${TYPE_NAME} does not support target ${request.targetName} on ${request.action}`);
  }
  const ev = await evaluateWithLookups(
    {
      resourceType: request.targetName,
      logicalId: request.targetLogicalId,
      action: request.action,
      properties: request.properties,
      previousProperties: request.previousProperties,
      accountId: request.awsAccountId,
      stackName: request.stackName,
      pipelineRelated: settings.Scope === 'all' || !isGenericType(request.targetName) ? undefined : await relationOf(request, deps, logger),
    },
    settings,
    deps.now(),
    lookupsFor(request, deps),
    lookupDeadline(deps),
  );
  const answer = evaluationResponse(request.clientRequestToken, ev, { maximumExemptionDays: settings.MaximumExemptionDays });
  observe(ev, deps, logger);
  return { answer, ev };
}

/** Whether the request's resource is pipeline-related in its stack; undefined when the hook cannot know (it is then judged). */
async function relationOf(request: HookRequest, deps: HookDeps, logger: Logger): Promise<boolean | undefined> {
  if (!deps.stackTemplate) return undefined;
  try {
    return relationInTemplate(await deps.stackTemplate(request), request.targetLogicalId, request.targetName);
  } catch (e) {
    logger.warn('stack template unavailable: the resource is judged whatever its relations', { error: e instanceof Error ? e.name : typeof e });
    return undefined;
  }
}

function errorFor(e: unknown, token: string | undefined, logger: Logger): HookProgressEvent {
  if (e instanceof RequestError) return errorResponse(token, ErrorCode.InvalidRequest, `invalid request: ${e.reason}`);
  if (e instanceof ConfigurationError) {
    return errorResponse(token, ErrorCode.InvalidTypeConfiguration, `invalid type configuration: property ${e.property} ${e.reason}`);
  }
  if (e instanceof UnsupportedTargetError) return errorResponse(token, ErrorCode.UnsupportedTarget, e.message);
  if (e instanceof PayloadError) {
    logger.warn('stack payload unusable', { error: e.reason });
    return errorResponse(token, ErrorCode.InternalFailure, `stack-level payload: ${e.reason}; the change is blocked until the hook can read it`);
  }
  if (e instanceof ControlFailure) {
    logger.error('control failed', { controlId: e.controlId, error: e.causeName });
    return errorResponse(token, ErrorCode.InternalFailure, `${e.message}; the change is blocked until this is fixed`);
  }
  const name = e instanceof Error ? e.name : typeof e;
  logger.error('internal failure', { error: name, stack: e instanceof Error ? e.stack?.split('\n').slice(0, 6).join('\n') : undefined });
  return errorResponse(token, ErrorCode.InternalFailure, `internal failure (${name}); the change is blocked until this is fixed`);
}

function lastResort(token: string | undefined): HookResponse {
  const r: HookResponse = { hookStatus: HookStatus.Failed, errorCode: ErrorCode.InternalFailure, message: 'pipeline-guard: internal failure; the change is blocked' };
  if (token) r.clientRequestToken = token;
  return r;
}

export async function handleHookEvent(event: unknown, overrides: Partial<HookDeps> = {}): Promise<HookResponse> {
  const deps = { ...defaultDeps, ...overrides };
  let token: string | undefined;
  try {
    token = rawToken(event);
    const logger = new Logger(deps.sink, { clientRequestToken: token }, false, deps.now);
    let request: HookRequest | undefined;
    let answer: HookProgressEvent;
    let ev: Evaluation | undefined;
    try {
      request = parseRequest(event);
      logger.protect(request.credentials.callerCredentials, request.credentials.providerCredentials);
      if (request.credentials.providerCredentials && request.credentials.providerLogGroupName && deps.deliver) logger.keepLines();
      ({ answer, ev } = await decide(request, deps, logger));
    } catch (e) {
      answer = errorFor(e, token, logger);
    }
    const response = toWire(answer);
    logger.info(ANSWERED, answeredFields(request, response, ev));
    if (request) await deliverLogs(request, logger, deps);
    return response;
  } catch {
    return lastResort(token);
  }
}

async function deliverLogs(request: HookRequest, logger: Logger, deps: HookDeps): Promise<void> {
  const { providerCredentials, providerLogGroupName } = request.credentials;
  if (!providerCredentials || !providerLogGroupName || !deps.deliver) return;
  try {
    const resolver = new CredentialResolver(request.credentials, deps.decrypt);
    const work = (async () => {
      const creds = await resolver.provider();
      if (!creds) return;
      await deps.deliver?.(logger.lines, providerLogGroupName, streamName(request.stackId, request.targetLogicalId, request.awsAccountId), creds);
    })();
    const result = await withTimeout(work, deps.deliveryTimeoutMs);
    if (result === 'timeout') logger.warn('log delivery timed out', { logGroup: providerLogGroupName });
  } catch (e) {
    logger.warn('log delivery failed', { logGroup: providerLogGroupName, error: e instanceof Error ? e.name : typeof e, encoding: 'provider credentials' });
  }
}
