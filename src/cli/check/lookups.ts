/**
 * `check --lookups`: the hook's live lookups (src/facts/aws.ts) with the developer's own credentials — the
 * AWS SDK's standard chain (environment, SSO, shared config and credentials files, `--profile`), never a
 * credential of the hook's. The account is `--account` or the one the credentials belong to (STS
 * GetCallerIdentity); the region `--region`, else AWS_REGION or the profile's (as the SDK resolves it). Each
 * request's lookups end within the hook's own budget (LOOKUP_BUDGET_MS): a check run never hangs on AWS.
 */
import type { HookDeps } from '../../protocol/hook';
import { awsFactSource } from '../../facts/aws';

/** Everything the one STS call may take (credentials chain included): a check run never waits longer. */
export const CALLER_IDENTITY_TIMEOUT_MS = 10_000;

/** The SDK packages `check --lookups` loads (the CLI bundle leaves the SDK out; install them next to it). */
export const LOOKUP_SDK_PACKAGES = [
  '@aws-sdk/client-sts',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-iam',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-cloudwatch-logs',
  '@aws-sdk/client-codebuild',
  '@aws-sdk/client-ecr',
  '@aws-sdk/client-cloudformation',
] as const;

export class LookupSetupError extends Error {
  override name = 'LookupSetupError';
}

export interface LookupSetup {
  lookups: NonNullable<HookDeps['lookups']>;
  account: string;
  region: string | undefined;
}

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
function sts(): any {
  try {
    return require('@aws-sdk/client-sts');
  } catch {
    throw new LookupSetupError(`--lookups needs the AWS SDK v3 clients next to the CLI: npm install --save-dev ${LOOKUP_SDK_PACKAGES.join(' ')}`);
  }
}

/** The region the SDK would use for this profile (AWS_REGION, the profile's `region`), if any. */
async function sdkRegion(mod: any, profile: string | undefined): Promise<string | undefined> {
  try {
    const client = new mod.STSClient(profile ? { profile } : {});
    const region: unknown = await client.config.region();
    client.destroy?.();
    return typeof region === 'string' && region !== '' ? region : undefined;
  } catch {
    return undefined; // no region configured anywhere: the stacks' own (or the default) region
  }
}

async function callerAccount(mod: any, profile: string | undefined, region: string): Promise<string> {
  const config: Record<string, unknown> = { region, maxAttempts: 2 };
  if (profile) config.profile = profile;
  const client = new mod.STSClient(config);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LookupSetupError(`sts:GetCallerIdentity did not answer within ${CALLER_IDENTITY_TIMEOUT_MS / 1000} s; pass --account`));
    }, CALLER_IDENTITY_TIMEOUT_MS);
  });
  try {
    const r = await Promise.race([client.send(new mod.GetCallerIdentityCommand({}), { abortSignal: controller.signal }), expired]);
    const account = (r as { Account?: unknown } | undefined)?.Account;
    if (typeof account !== 'string' || !/^\d{12}$/.test(account)) throw new LookupSetupError('sts:GetCallerIdentity answered no account ID; pass --account');
    return account;
  } catch (e) {
    if (e instanceof LookupSetupError) throw e;
    const name = e instanceof Error ? e.name : typeof e;
    // the error's name only: an SDK message may quote a profile or a key ID
    throw new LookupSetupError(`the account of your AWS credentials could not be read (sts:GetCallerIdentity: ${name})${profile ? ` with profile ${profile}` : ''}; check your credentials or pass --account`);
  } finally {
    clearTimeout(timer);
    client.destroy?.();
  }
}
/* eslint-enable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

/**
 * The lookups of one check run. `account`/`region`: the command line's, when given. Never logs or returns a
 * credential; the SDK reads them itself on each call.
 */
export async function setUpLookups(o: { profile?: string; account?: string; region?: string }): Promise<LookupSetup> {
  const mod = sts();
  const region = o.region ?? (await sdkRegion(mod, o.profile));
  const account = o.account ?? (await callerAccount(mod, o.profile, region ?? 'us-east-1'));
  const profile = o.profile;
  return {
    account,
    region,
    // the hook's own fact source, with the developer's credentials: the SDK's chain (or the named profile)
    lookups: (ctx) => awsFactSource({ ...ctx, credentials: async () => undefined, ...(profile ? { profile } : {}) }),
  };
}
