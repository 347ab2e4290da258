/**
 * Lambda entry point of the Lambda-hook mode (`AWS::CloudFormation::LambdaHook` → function handler
 * `handlers.lambdaHook`, re-exported by src/handlers.ts so that it ships in the same bundle,
 * dist/handlers.js). Configuration: PIPELINE_GUARD_CONFIG or PIPELINE_GUARD_CONFIG_PARAMETER (see
 * src/protocol/lambda-hook.ts). Never throws.
 */
import { contextDeps } from './protocol/hook';
import { handleLambdaHookEvent } from './protocol/lambda-hook';
import type { HookResponse } from './protocol/wire';

export async function lambdaHook(event: unknown, context?: unknown): Promise<HookResponse> {
  return handleLambdaHookEvent(event, contextDeps(context));
}
