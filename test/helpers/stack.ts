/** STACK and CHANGE_SET requests through the real entry, with the payload served by an injected fetchPayload. */
import type { Evaluation } from '../../src/engine/evaluate';
import { handleHookEvent, type HookDeps } from '../../src/protocol/hook';
import type { HookResponse } from '../../src/protocol/wire';
import { ACCOUNT, NOW, STACK_ID, STACK_NAME } from './requests';

export const PAYLOAD_URL = 'https://hooks-payload.s3.eu-west-1.amazonaws.com/payload.json?X-Amz-Signature=abc';
export const CHANGE_SET_ID = `arn:aws:cloudformation:eu-west-1:${ACCOUNT}:changeSet/cs-1/1a2345b6-0000-00a0-a123-00abc0abc000`;

export interface StackRequestOptions {
  target?: 'STACK' | 'CHANGE_SET';
  action?: 'CREATE' | 'UPDATE' | 'DELETE';
  hookModel?: unknown;
  payload?: string;
  targetModel?: Record<string, unknown>;
}

export function buildStackRequest(o: StackRequestOptions = {}): Record<string, unknown> {
  const target = o.target ?? 'STACK';
  const point = { CREATE: 'CREATE_PRE_PROVISION', UPDATE: 'UPDATE_PRE_PROVISION', DELETE: 'DELETE_PRE_PROVISION' }[o.action ?? 'CREATE'];
  return {
    clientRequestToken: 'f8da6d11-b23f-48f4-814c-0fb6a667f50e',
    awsAccountId: ACCOUNT,
    stackId: STACK_ID,
    changeSetId: target === 'CHANGE_SET' ? CHANGE_SET_ID : null,
    hookTypeName: 'PipelineGuard::CICD::Hook',
    hookTypeVersion: '00000001',
    hookModel: o.hookModel === undefined ? null : o.hookModel,
    actionInvocationPoint: point,
    requestData: {
      targetName: target,
      targetType: target,
      targetLogicalId: target === 'CHANGE_SET' ? CHANGE_SET_ID : STACK_NAME,
      targetModel: o.targetModel ?? {},
      ...(o.payload === undefined ? { payload: PAYLOAD_URL } : o.payload === '' ? {} : { payload: o.payload }),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export interface StackRun {
  response: HookResponse;
  evaluation?: Evaluation;
  fetched: string[];
}

/** Run a STACK/CHANGE_SET request; `body` is what the presigned URL serves (an object is JSON-encoded). */
export async function runStack(body: unknown, o: StackRequestOptions = {}, deps: Partial<HookDeps> = {}): Promise<StackRun> {
  const fetched: string[] = [];
  let evaluation: Evaluation | undefined;
  const response = await handleHookEvent(buildStackRequest(o), {
    now: () => NOW,
    sink: { enabled: () => false, write: () => undefined },
    deliver: undefined,
    // lookups off unless a test hands a fact source (tests never reach AWS)
    lookups: undefined,
    fetchPayload: async (url) => {
      fetched.push(url);
      return typeof body === 'string' ? body : JSON.stringify(body);
    },
    onEvaluation: (ev) => {
      evaluation = ev;
    },
    ...deps,
  });
  return { response, evaluation, fetched };
}

/** The annotation of one control. */
export function annotation(r: StackRun, id: string) {
  return r.response.annotations?.find((a) => a.annotationName === id);
}
