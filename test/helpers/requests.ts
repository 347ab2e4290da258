/** Builders for hook invocation requests shaped exactly as CloudFormation / `cfn test` send them. */
import { handleHookEvent, type HookDeps } from '../../src/protocol/hook';
import type { LogSink } from '../../src/protocol/log';
import type { HookResponse } from '../../src/protocol/wire';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const STACK_NAME = 'ci-pipeline';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK_NAME}/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f`;
/** A fixed "today" for exemption expiry. */
export const NOW = new Date('2026-06-15T12:00:00Z');

export type TestAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface RequestOptions {
  type: string;
  properties?: Record<string, unknown>;
  previous?: Record<string, unknown>;
  action?: TestAction;
  hookModel?: unknown;
  logicalId?: string;
  stackId?: string | null;
  token?: string;
}

/** CloudFormation hands a hook every primitive as a string: the one copy lives with the shipped resolver. */
export { stringifyPrimitives } from '../../src/template/resolve';

const POINT: Record<TestAction, string> = {
  CREATE: 'CREATE_PRE_PROVISION',
  UPDATE: 'UPDATE_PRE_PROVISION',
  DELETE: 'DELETE_PRE_PROVISION',
};

export function buildRequest(o: RequestOptions): Record<string, unknown> {
  const action = o.action ?? 'CREATE';
  const props = o.properties ?? {};
  let targetModel: Record<string, unknown>;
  if (action === 'CREATE') targetModel = { resourceProperties: props };
  else if (action === 'UPDATE') targetModel = { resourceProperties: props, previousResourceProperties: o.previous ?? props };
  else targetModel = { resourceProperties: {}, previousResourceProperties: props };
  return {
    clientRequestToken: o.token ?? '6d1b0f8e-0f7b-4a55-9c39-2c0a9d1f3f5a',
    awsAccountId: ACCOUNT,
    stackId: o.stackId === null ? undefined : o.stackId ?? STACK_ID,
    changeSetId: null,
    hookTypeName: 'PipelineGuard::CICD::Hook',
    hookTypeVersion: '00000001',
    hookModel: o.hookModel === undefined ? null : o.hookModel,
    actionInvocationPoint: POINT[action],
    requestData: {
      targetName: o.type,
      targetType: 'RESOURCE',
      targetLogicalId: o.logicalId ?? 'Resource',
      targetModel,
      callerCredentials: JSON.stringify({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' }),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

export interface Invocation {
  response: HookResponse;
  logs: string[];
}

/** Run the real hook handler with a fixed clock, capturing log lines instead of printing them. */
export async function invokeHook(event: unknown, deps: Partial<HookDeps> = {}): Promise<Invocation> {
  const logs: string[] = [];
  const sink: LogSink = { write: (line) => logs.push(line) };
  // lookups and the stack template off unless a test hands them (tests never reach AWS)
  const response = await handleHookEvent(event, { now: () => NOW, sink, deliver: undefined, lookups: undefined, stackTemplate: undefined, ...deps });
  return { response, logs };
}

/** The compliant properties of a resource type from its contract fixture (passes every control). */
export function compliantProperties(type: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const dir = `${__dirname}/../fixtures/contract`;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.json') || !f.startsWith('aws-')) continue;
    const fixture = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
    if (fixture.type === type) return JSON.parse(JSON.stringify(fixture.compliant));
  }
  throw new Error(`no contract fixture for ${type}`);
}

/** Compliant CodeBuild project properties with a change applied at `Environment`. */
export function codebuildProject(environment: Record<string, unknown> = {}): Record<string, unknown> {
  const props = compliantProperties('AWS::CodeBuild::Project');
  props.Environment = { ...(props.Environment as Record<string, unknown>), ...environment };
  return props;
}
