/**
 * The plugin libraries' simplified test event — { credentials, actionInvocationPoint, request: {
 * clientRequestToken, hookContext: {...} }, callbackContext, typeConfiguration } — converted into a
 * real invocation request so that it takes exactly the production path.
 */
import { isRecord, own } from '../predicates/values';

export function fromTestEvent(event: unknown): unknown {
  if (!isRecord(event)) return event;
  const request = own(event, 'request');
  const ctx = own(request, 'hookContext');
  if (!isRecord(ctx)) return event; // already a wire request, or malformed: the parser decides
  const credentials = own(event, 'credentials');
  return {
    clientRequestToken: own(request, 'clientRequestToken'),
    awsAccountId: own(ctx, 'awsAccountId'),
    stackId: own(ctx, 'stackId'),
    changeSetId: own(ctx, 'changeSetId'),
    hookTypeName: own(ctx, 'hookTypeName'),
    hookTypeVersion: own(ctx, 'hookTypeVersion'),
    hookModel: own(event, 'typeConfiguration') ?? null,
    actionInvocationPoint: own(event, 'actionInvocationPoint') ?? own(ctx, 'invocationPoint'),
    requestData: {
      targetName: own(ctx, 'targetName'),
      targetType: own(ctx, 'targetType'),
      targetLogicalId: own(ctx, 'targetLogicalId'),
      targetModel: own(ctx, 'targetModel'),
      callerCredentials: isRecord(credentials) ? JSON.stringify(credentials) : undefined,
    },
    requestContext: { invocation: 1, callbackContext: own(event, 'callbackContext') ?? null },
  };
}
