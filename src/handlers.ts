/**
 * Lambda entry points of PipelineGuard::CICD::Hook (.rpdk-config: dist/handlers.entrypoint and
 * dist/handlers.testEntrypoint). Neither ever throws.
 */
import { contextDeps, handleHookEvent } from './protocol/hook';
import { fromTestEvent } from './protocol/test-event';
import type { HookResponse } from './protocol/wire';

/** The Lambda-hook mode (AWS::CloudFormation::LambdaHook), from the same bundle: handler `handlers.lambdaHook`. */
export { lambdaHook } from './lambda-hook';

/** The real wire protocol: what CloudFormation (and `cfn test`) invokes. */
export async function entrypoint(event: unknown, context?: unknown): Promise<HookResponse> {
  return handleHookEvent(event, contextDeps(context));
}


/** The simplified test event of the plugin conventions (`sam local invoke TestEntrypoint`). */
export async function testEntrypoint(event: unknown, _context?: unknown): Promise<HookResponse> {
  return handleHookEvent(fromTestEvent(event));
}
