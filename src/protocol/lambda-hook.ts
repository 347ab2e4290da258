/**
 * Lambda-hook mode: the same evaluation as the registry hook, invoked by an `AWS::CloudFormation::LambdaHook`.
 *
 * What differs from the registry mode, and only that (everything else is `handleHookEvent`):
 *
 * - **Configuration.** A Lambda hook's `hookModel` is `{"LambdaFunction": "<arn>"}`, not the hook's
 *   properties. The properties come from a place the platform owns, set by its template:
 *   `PIPELINE_GUARD_CONFIG` (inline JSON of the type configuration's `Properties`) or
 *   `PIPELINE_GUARD_CONFIG_PARAMETER` (name or ARN of an SSM parameter holding that JSON; String or
 *   SecureString; read with GetParameter WithDecryption, kept for CONFIG_TTL_MS per container). Either may
 *   also hold the whole `set-type-configuration` document (`{"CloudFormationConfiguration":…}`); its
 *   `Properties` are used. Neither set: the empty configuration (every control on and enforcing). Both set,
 *   JSON that does not parse, a parameter that does not exist: `InvalidTypeConfiguration` naming the
 *   variable. The properties are then validated by the one loader (`loadSettings`), exactly as a type
 *   configuration: a bad property answers `InvalidTypeConfiguration` naming it.
 * - **Targets.** A Lambda hook has no schema `targetNames`: without `TargetFilters` it is invoked for every
 *   resource. A resource type (or an action on it) that no control evaluates answers SUCCESS without
 *   reading the configuration; to save the invocations, set `TargetFilters` to the schema's target names
 *   (33 for CREATE/UPDATE, 4 for DELETE — within the 50-name limit). STACK and CHANGE_SET targets take the
 *   registry path (acknowledged, not evaluated).
 * - **Error codes.** The Lambda-hook page documents only `NonCompliant` and `InternalFailure`
 *   (https://docs.aws.amazon.com/cloudformation-cli/latest/hooks-userguide/lambda-hooks-create-lambda-function.html):
 *   every other code is answered as `InternalFailure` with the hook's reason code leading the message
 *   (`[InvalidTypeConfiguration] pipeline-guard: …`); the "hook answered" log line keeps the reason code.
 *
 * Request shape: the Lambda-hook page and AWS's workshop describe the registry envelope (clientRequestToken,
 * awsAccountId, stackId, hookTypeName = the alias, actionInvocationPoint, requestData.targetName /
 * targetType / targetLogicalId / targetModel.resourceProperties / previousResourceProperties,
 * requestContext); `targetType` may carry the type name, so only `targetName` is read. UNVERIFIED against a
 * live LambdaHook (the page's resource example could not be re-read in full): whether `annotations` are
 * surfaced for Lambda hooks (the current page lists them; older copies do not), and whether the
 * credential fields are ever present (they are optional here). Never throws.
 */
import { ConfigurationError } from '../engine/errors';
import { targetNamesFor } from '../engine/schema';
import { isRecord } from '../predicates/values';
import { answeredFields, ANSWERED, defaultDeps, handleHookEvent, type HookDeps } from './hook';
import { Logger } from './log';
import { parseRequest, rawToken, type HookRequest } from './request';
import { clip, errorResponse, plainSuccess } from './response';
import { ErrorCode, HookStatus, LIMITS, toWire, type HookResponse } from './wire';

/** Environment variables the platform's template sets (deploy/ uses these names). */
export const CONFIG_ENV = 'PIPELINE_GUARD_CONFIG';
export const CONFIG_PARAMETER_ENV = 'PIPELINE_GUARD_CONFIG_PARAMETER';

/** How long a container keeps a fetched parameter value: a configuration change applies within this. */
export const CONFIG_TTL_MS = 60_000;

/** The only error codes the Lambda-hook page documents. */
export const LAMBDA_ERROR_CODES: readonly string[] = [ErrorCode.NonCompliant, ErrorCode.InternalFailure];

/** Reads an SSM parameter's value (decrypted). Rejects with the SDK's error (its `name` is reported). */
export type ParameterReader = (name: string, timeoutMs: number) => Promise<string>;

export interface LambdaHookDeps extends HookDeps {
  env: Record<string, string | undefined>;
  readParameter: ParameterReader;
  parameterTimeoutMs: number;
}

type SsmModule = typeof import('@aws-sdk/client-ssm');
let ssm: { mod: SsmModule; client: InstanceType<SsmModule['SSMClient']> } | undefined;

/**
 * The real SSM client (AWS SDK v3, provided by the Lambda runtime), loaded on first use only: the registry
 * mode and the inline configuration never load it. `require`, not `import()`: the bundle is CommonJS and
 * esbuild keeps an external `import()` as an ESM import, which ignores NODE_PATH — the way the Lambda
 * runtime exposes its SDK (/var/runtime/node_modules).
 */
export const ssmReadParameter: ParameterReader = async (name, timeoutMs) => {
  if (!ssm) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@aws-sdk/client-ssm') as SsmModule;
    ssm = { mod, client: new mod.SSMClient({ maxAttempts: 3 }) };
  }
  const out = await ssm.client.send(new ssm.mod.GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: AbortSignal.timeout(timeoutMs) });
  const value = out.Parameter?.Value;
  if (typeof value !== 'string') throw Object.assign(new Error('the parameter has no value'), { name: 'EmptyParameter' });
  return value;
};

export const defaultLambdaDeps: LambdaHookDeps = {
  ...defaultDeps,
  // no callerCredentials arrive in this mode: the function's own role makes the lookups
  ambientCredentials: true,
  env: process.env,
  readParameter: ssmReadParameter,
  parameterTimeoutMs: 5000,
};

/** A configuration that could not be read at all (as opposed to one that is invalid): InternalFailure. */
class ConfigReadError extends Error {
  constructor(readonly variable: string, readonly reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigReadError';
  }
}

const cache = new Map<string, { value: string; at: number }>();

/** Forget fetched parameter values and the SSM client (what a new container starts with; for tests). */
export function resetConfigCache(): void {
  cache.clear();
  ssm?.client.destroy();
  ssm = undefined;
}

function parseConfig(text: string, variable: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ConfigurationError(variable, 'is not valid JSON (expected the type configuration Properties as a JSON object)');
  }
  // the whole set-type-configuration document is accepted too: its Properties are the hookModel
  if (isRecord(doc) && Object.prototype.hasOwnProperty.call(doc, 'CloudFormationConfiguration')) {
    const cfc = doc.CloudFormationConfiguration;
    const hc = isRecord(cfc) ? cfc.HookConfiguration : undefined;
    if (!isRecord(hc)) throw new ConfigurationError(`${variable}: CloudFormationConfiguration.HookConfiguration`, 'must be an object');
    return hc.Properties ?? {};
  }
  return doc;
}

/** The hookModel from the platform-owned place; ConfigurationError / ConfigReadError when it cannot be had. */
export async function platformConfiguration(deps: LambdaHookDeps): Promise<unknown> {
  const inline = deps.env[CONFIG_ENV];
  const parameter = deps.env[CONFIG_PARAMETER_ENV];
  const hasInline = inline !== undefined && inline.trim() !== '';
  const hasParameter = parameter !== undefined && parameter.trim() !== '';
  if (hasInline && hasParameter) throw new ConfigurationError(CONFIG_ENV, `and ${CONFIG_PARAMETER_ENV} are both set; set exactly one`);
  if (hasInline) return parseConfig(inline, CONFIG_ENV);
  if (!hasParameter) return {};
  const name = parameter.trim();
  const now = deps.now().getTime();
  const hit = cache.get(name);
  if (hit && now - hit.at >= 0 && now - hit.at < CONFIG_TTL_MS) return parseConfig(hit.value, `${CONFIG_PARAMETER_ENV} (SSM parameter ${name})`);
  let value: string;
  try {
    value = await deps.readParameter(name, deps.parameterTimeoutMs);
  } catch (e) {
    const code = e instanceof Error ? e.name : typeof e;
    if (code === 'ParameterNotFound' || code === 'ParameterVersionNotFound') {
      throw new ConfigurationError(CONFIG_PARAMETER_ENV, `names SSM parameter ${name}, which does not exist (${code})`);
    }
    throw new ConfigReadError(CONFIG_PARAMETER_ENV, `SSM parameter ${name} could not be read (${code})`);
  }
  cache.set(name, { value, at: now });
  return parseConfig(value, `${CONFIG_PARAMETER_ENV} (SSM parameter ${name})`);
}

/** A registry-mode answer → what a Lambda hook may return (documented error codes only). */
export function toLambdaResponse(r: HookResponse): HookResponse {
  if (r.hookStatus !== HookStatus.Failed) return r;
  if (r.errorCode !== undefined && LAMBDA_ERROR_CODES.includes(r.errorCode)) return r;
  return { ...r, errorCode: ErrorCode.InternalFailure, message: clip(`[${r.errorCode ?? 'Unknown'}] ${r.message}`, LIMITS.message) };
}

function lastResort(token: string | undefined): HookResponse {
  const r: HookResponse = { hookStatus: HookStatus.Failed, errorCode: ErrorCode.InternalFailure, message: 'pipeline-guard: internal failure; the change is blocked' };
  if (token) r.clientRequestToken = token;
  return r;
}

/** The configuration could not be had: answered (and logged) here, before any evaluation. */
function configFailure(request: HookRequest, e: ConfigurationError | ConfigReadError, deps: LambdaHookDeps): HookResponse {
  const answer =
    e instanceof ConfigurationError
      ? errorResponse(request.clientRequestToken, ErrorCode.InvalidTypeConfiguration, `invalid type configuration: property ${e.property} ${e.reason}`)
      : errorResponse(request.clientRequestToken, ErrorCode.InternalFailure, `the configuration could not be read: ${e.message}; the change is blocked until this is fixed`);
  const response = toWire(answer);
  new Logger(deps.sink, { clientRequestToken: request.clientRequestToken }, false, deps.now).info(ANSWERED, answeredFields(request, response));
  return toLambdaResponse(response);
}

export async function handleLambdaHookEvent(event: unknown, overrides: Partial<LambdaHookDeps> = {}): Promise<HookResponse> {
  const deps: LambdaHookDeps = { ...defaultLambdaDeps, ...overrides };
  let token: string | undefined;
  try {
    token = rawToken(event);
    let request: HookRequest;
    try {
      request = parseRequest(event);
    } catch {
      // malformed: the one path answers it (InvalidRequest) and logs it; no configuration is needed
      return toLambdaResponse(await handleHookEvent(event, deps));
    }
    if (!request.isStackLevel && !targetNamesFor(request.action).includes(request.targetName)) {
      return toWire(plainSuccess(request.clientRequestToken, `${request.targetName} on ${request.action} is not guarded by pipeline-guard: nothing to evaluate.`));
    }
    let hookModel: unknown;
    try {
      hookModel = await platformConfiguration(deps);
    } catch (e) {
      if (e instanceof ConfigurationError || e instanceof ConfigReadError) return configFailure(request, e, deps);
      throw e;
    }
    return toLambdaResponse(await handleHookEvent({ ...(event as Record<string, unknown>), hookModel }, deps));
  } catch {
    return lastResort(token);
  }
}
