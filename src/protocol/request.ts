/**
 * Parse a raw hook invocation event. Tolerates unknown fields and absent optional ones; rejects what a
 * hook cannot act on (RequestError → InvalidRequest). Credentials are kept as opaque strings and are
 * never part of anything that is logged.
 */
import { isRecord, own } from '../predicates/values';
import { INVOCATION_POINTS, type InvocationPoint } from './wire';

export class RequestError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RequestError';
  }
}

export type { Action } from '../model';
import type { Action } from '../model';

export interface RawCredentials {
  callerCredentials?: string;
  providerCredentials?: string;
  providerLogGroupName?: string;
  hookEncryptionKeyArn?: string;
  hookEncryptionKeyRole?: string;
}

export interface HookRequest {
  clientRequestToken: string;
  awsAccountId: string;
  stackId?: string;
  stackName?: string;
  partition: string;
  changeSetId?: string;
  hookTypeName?: string;
  hookTypeVersion?: string;
  hookModel: unknown;
  invocationPoint: InvocationPoint;
  action: Action;
  targetName: string;
  targetType?: string;
  targetLogicalId: string;
  /** RESOURCE targets: the properties to evaluate (DELETE: the properties of the resource being deleted). */
  properties: Record<string, unknown>;
  /** UPDATE: the deployed properties. */
  previousProperties?: Record<string, unknown>;
  /** STACK / CHANGE_SET targets: presigned URL of the payload. */
  payload?: string;
  /** STACK / CHANGE_SET targets: a non-empty targetModel is the payload itself (the Java plugin reads it so; `cfn test` sends it). */
  stackModel?: Record<string, unknown>;
  isStackLevel: boolean;
  credentials: RawCredentials;
  invocation?: number;
  callbackContext?: Record<string, unknown>;
}

/** Largest request accepted (Lambda's synchronous payload limit is 6 MB). */
export const MAX_REQUEST_CHARS = 6 * 1024 * 1024;
export const MAX_DEPTH = 64;

/**
 * Bounded walk: total string/key size and nesting depth, without serialising the event. Recursion is
 * safe because it stops at MAX_DEPTH; it allocates nothing per node (the warm path's GC pauses count).
 */
function measure(value: unknown): void {
  const budget = { chars: 0 };
  walkSize(value, 0, budget);
}

function walkSize(v: unknown, depth: number, budget: { chars: number }): void {
  if (depth > MAX_DEPTH) throw new RequestError(`the request is nested deeper than ${MAX_DEPTH} levels`);
  if (typeof v === 'string') budget.chars += v.length + 2;
  else if (Array.isArray(v)) {
    budget.chars += 2 + v.length;
    for (let i = 0; i < v.length; i++) walkSize(v[i], depth + 1, budget);
  } else if (v !== null && typeof v === 'object') {
    budget.chars += 2;
    const obj = v as Record<string, unknown>;
    for (const k in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
      budget.chars += k.length + 4;
      walkSize(obj[k], depth + 1, budget);
    }
  } else budget.chars += 8;
  if (budget.chars > MAX_REQUEST_CHARS) throw new RequestError(`the request is larger than ${MAX_REQUEST_CHARS} characters`);
}

function optString(obj: unknown, key: string, where: string): string | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RequestError(`${where}${key} must be a string`);
  return v;
}

function reqString(obj: unknown, key: string, where: string): string {
  const v = optString(obj, key, where);
  if (v === undefined || v === '') throw new RequestError(`${where}${key} is missing`);
  return v;
}

function optObject(obj: unknown, key: string, where: string): Record<string, unknown> | undefined {
  const v = own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw new RequestError(`${where}${key} must be an object`);
  return v;
}

/** `arn:aws:cloudformation:eu-west-1:123456789012:stack/NAME/uuid` → NAME and partition. */
export function parseStackId(stackId: string | undefined): { stackName?: string; partition?: string } {
  if (!stackId) return {};
  const m = /^arn:([a-z-]+):cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(stackId);
  return m ? { partition: m[1], stackName: m[2] } : {};
}

/** The token, read defensively from anything, so that error answers can still echo it. */
export function rawToken(event: unknown): string | undefined {
  const v = own(event, 'clientRequestToken');
  return typeof v === 'string' && v.length <= 256 ? v : undefined;
}

const ACTION_OF: Record<InvocationPoint, Action> = {
  CREATE_PRE_PROVISION: 'CREATE',
  UPDATE_PRE_PROVISION: 'UPDATE',
  DELETE_PRE_PROVISION: 'DELETE',
};

export function parseRequest(event: unknown): HookRequest {
  if (!isRecord(event)) throw new RequestError('the request must be a JSON object');
  measure(event);
  const clientRequestToken = reqString(event, 'clientRequestToken', '');
  const awsAccountId = reqString(event, 'awsAccountId', '');
  const point = own(event, 'actionInvocationPoint');
  if (typeof point !== 'string' || !(INVOCATION_POINTS as readonly string[]).includes(point)) {
    throw new RequestError(`actionInvocationPoint must be one of ${INVOCATION_POINTS.join(', ')}`);
  }
  const invocationPoint = point as InvocationPoint;
  const action = ACTION_OF[invocationPoint];
  const stackId = optString(event, 'stackId', '');
  const requestData = optObject(event, 'requestData', '');
  if (!requestData) throw new RequestError('requestData is missing');
  const targetName = reqString(requestData, 'targetName', 'requestData.');
  const targetType = optString(requestData, 'targetType', 'requestData.');
  const targetLogicalId = optString(requestData, 'targetLogicalId', 'requestData.') ?? '';
  const payload = optString(requestData, 'payload', 'requestData.');
  const isStackLevel = targetName === 'STACK' || targetName === 'CHANGE_SET';

  let properties: Record<string, unknown> = {};
  let previousProperties: Record<string, unknown> | undefined;
  let stackModel: Record<string, unknown> | undefined;
  const model = own(requestData, 'targetModel');
  if (model !== undefined && model !== null && !isRecord(model)) throw new RequestError('requestData.targetModel must be an object');
  if (!isStackLevel) {
    const current = optObject(model, 'resourceProperties', 'requestData.targetModel.');
    const before = optObject(model, 'previousResourceProperties', 'requestData.targetModel.');
    if (action === 'DELETE') {
      // CloudFormation puts the deployed state in previousResourceProperties; `cfn test` in resourceProperties.
      properties = before && Object.keys(before).length > 0 ? before : current ?? {};
    } else {
      properties = current ?? {};
      if (action === 'UPDATE') previousProperties = before;
    }
  } else {
    if (payload !== undefined && !/^https:\/\//i.test(payload)) throw new RequestError('requestData.payload must be an https URL');
    if (isRecord(model) && Object.keys(model).length > 0) stackModel = model;
  }

  const ctx = own(event, 'requestContext');
  const invocation = own(ctx, 'invocation');
  const callbackContext = own(ctx, 'callbackContext');
  const { stackName, partition } = parseStackId(stackId);

  const hookModel = own(event, 'hookModel');
  return {
    clientRequestToken,
    awsAccountId,
    stackId,
    stackName,
    partition: partition ?? 'aws',
    changeSetId: optString(event, 'changeSetId', ''),
    hookTypeName: optString(event, 'hookTypeName', ''),
    hookTypeVersion: optString(event, 'hookTypeVersion', ''),
    hookModel,
    invocationPoint,
    action,
    targetName,
    targetType,
    targetLogicalId,
    properties,
    previousProperties,
    payload,
    stackModel,
    isStackLevel,
    credentials: {
      callerCredentials: optString(requestData, 'callerCredentials', 'requestData.'),
      providerCredentials: optString(requestData, 'providerCredentials', 'requestData.'),
      providerLogGroupName: optString(requestData, 'providerLogGroupName', 'requestData.'),
      hookEncryptionKeyArn: optString(requestData, 'hookEncryptionKeyArn', 'requestData.'),
      hookEncryptionKeyRole: optString(requestData, 'hookEncryptionKeyRole', 'requestData.'),
    },
    invocation: typeof invocation === 'number' ? invocation : undefined,
    callbackContext: isRecord(callbackContext) ? callbackContext : undefined,
  };
}
