/**
 * The template of the stack operation a RESOURCE request belongs to, read with `cloudformation:GetTemplate`
 * (the hook's execution role), so that `Scope: pipeline` can tell whether a generic resource is
 * pipeline-related (src/engine/scope.ts relationInTemplate) the way the STACK target and `check` do.
 *
 * Only where the answer is exactly the template being deployed:
 * - a change set being executed (the request carries changeSetId): GetTemplate with ChangeSetName returns that
 *   change set's template (the API's documented contract);
 * - a stack being created: the stack has only the template it is created with.
 * A direct UpdateStack (no change set) is not read: which template GetTemplate returns while the update runs
 * is not documented, and a template of the previous state could call a newly related resource unrelated.
 * Then — and whenever the call fails — the answer is undefined and the resource is judged (fail closed).
 */
import type { AwsCredentials } from '../model';
import { parseTemplateText } from '../template/parse';

export interface TemplateRequest {
  stackId?: string;
  changeSetId?: string;
  action: string;
  region: string;
  credentials: () => Promise<AwsCredentials | undefined>;
}

export const TEMPLATE_PERMISSIONS = ['cloudformation:GetTemplate'] as const;
export const TEMPLATE_TIMEOUT_MS = 5_000;
const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 20;
const cache = new Map<string, { expires: number; template: unknown }>();

export function clearTemplateCache(): void {
  cache.clear();
}

/** Which template to read for a request, or undefined when none is known to be the one being deployed. */
export function templateQuery(r: Pick<TemplateRequest, 'stackId' | 'changeSetId' | 'action'>): { StackName: string; ChangeSetName?: string } | undefined {
  if (!r.stackId) return undefined;
  if (r.changeSetId) return { StackName: r.stackId, ChangeSetName: r.changeSetId };
  if (r.action === 'CREATE') return { StackName: r.stackId };
  return undefined;
}

/** The parsed template, cached per stack operation (stack ID + change set) for a few minutes; undefined when unknown. */
export async function awsStackTemplate(r: TemplateRequest, clock: () => number = Date.now): Promise<unknown> {
  const query = templateQuery(r);
  if (!query) return undefined;
  const key = `${query.StackName}|${query.ChangeSetName ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.expires > clock()) return hit.template;
  /* eslint-disable @typescript-eslint/no-require-imports */
  // `require`, not `import()`: the Lambda runtime exposes its SDK through NODE_PATH, which an ESM import ignores
  const { CloudFormationClient, GetTemplateCommand } = require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const credentials = await r.credentials();
  const client = new CloudFormationClient(credentials ? { region: r.region, credentials, maxAttempts: 2 } : { region: r.region, maxAttempts: 2 });
  try {
    const out = await client.send(new GetTemplateCommand({ ...query, TemplateStage: 'Processed' }), { abortSignal: AbortSignal.timeout(TEMPLATE_TIMEOUT_MS) });
    if (typeof out.TemplateBody !== 'string') return undefined;
    const template = parseTemplateText(out.TemplateBody).value;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { expires: clock() + TTL_MS, template });
    return template;
  } finally {
    client.destroy();
  }
}
