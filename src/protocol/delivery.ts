/**
 * Delivery of the request's log lines to `providerLogGroupName` with the provider credentials (the
 * publisher's LogAndMetricsDeliveryRole). Bounded in time; failures are reported to stdout only and
 * never change the hook's answer.
 */
import type { AwsCredentials } from './credentials';

export type LogDelivery = (lines: readonly string[], group: string, stream: string, credentials: AwsCredentials) => Promise<void>;

export function streamName(stackId: string | undefined, logicalId: string, accountId: string): string {
  const base = stackId ? `${stackId}/${logicalId}` : `${accountId}-${logicalId}`;
  return base.replace(/:/g, '__').replace(/\*/g, '_').slice(0, 512);
}

export const cloudWatchDelivery: LogDelivery = async (lines, group, stream, credentials) => {
  if (lines.length === 0) return;
  // `require`, not `import()`: esbuild keeps an external import() as an ESM import, which ignores NODE_PATH,
  // the way the Lambda runtime exposes its SDK (see lambda-hook.ts)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const logs = require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs');
  const client = new logs.CloudWatchLogsClient({ region: process.env.AWS_REGION ?? 'us-east-1', credentials, maxAttempts: 2 });
  const now = Date.now();
  const put = () =>
    client.send(
      new logs.PutLogEventsCommand({
        logGroupName: group,
        logStreamName: stream,
        logEvents: lines.map((message) => ({ timestamp: now, message })),
      }),
    );
  try {
    await put();
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ResourceNotFoundException') throw e;
    await client.send(new logs.CreateLogGroupCommand({ logGroupName: group })).catch((err: Error) => {
      if (err.name !== 'ResourceAlreadyExistsException') throw err;
    });
    await client.send(new logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })).catch((err: Error) => {
      if (err.name !== 'ResourceAlreadyExistsException') throw err;
    });
    await put();
  }
};

export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
