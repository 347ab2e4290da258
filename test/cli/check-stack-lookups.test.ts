/**
 * `check --lookups` reaches the stack controls too: check's STACK request carries the same fact source as its
 * resource requests (src/cli/check/run.ts), so a platform log group named by a literal is judged by CICD.STACK.6
 * from its fact (here a table standing in for OUR FactSource interface; the AWS side is check-lookups.test.ts),
 * and without --lookups it stays UNKNOWN.
 */
import { runCheck } from '../../src/cli/check/run';
import type { StackInput } from '../../src/cli/check/discover';
import type { FactRequest } from '../../src/model';
import { tableLookups } from '../helpers/facts';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const GROUP = '/platform/codebuild';

const stack: StackInput = {
  file: 't.json',
  stack: 't',
  template: {
    Resources: {
      Build: {
        Type: 'AWS::CodeBuild::Project',
        Properties: { Name: 'b', EncryptionKey: KEY, LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: GROUP } } },
      },
    },
  },
  lineOf: () => undefined,
};

const key = { [`kms.key ${KEY}`]: { arn: KEY, awsManaged: false, enabled: true, rotation: true } };
const rows = (r: Awaited<ReturnType<typeof runCheck>>, id: string) => r.findings.filter((f) => f.controlId === id);

it('with --lookups the stack controls look up the platform log group: compliant PASS, asked for by the stack request', async () => {
  const asked: FactRequest[] = [];
  const r = await runCheck([stack], { hookModel: null, lookups: tableLookups({ ...key, [`logs.group ${GROUP}`]: { kmsKeyId: KEY, retentionDays: 365 } }, asked) });
  expect(rows(r, 'CICD.STACK.6').map((f) => f.status)).toEqual(['PASS']);
  expect(rows(r, 'CICD.STACK.7').map((f) => f.status)).toEqual(['PASS']);
  expect(asked).toContainEqual({ kind: 'logs.group', ref: GROUP });
});

it('with --lookups a platform log group that keeps a week fails CICD.STACK.6 at the project', async () => {
  const r = await runCheck([stack], { hookModel: null, lookups: tableLookups({ ...key, [`logs.group ${GROUP}`]: { kmsKeyId: KEY, retentionDays: 7 } }) });
  const stack6 = rows(r, 'CICD.STACK.6');
  expect(stack6.map((f) => f.status)).toEqual(['FAIL']);
  expect(stack6[0]).toMatchObject({ logicalId: 'Build', path: 'LogsConfig.CloudWatchLogs.GroupName' });
  expect(stack6[0].message).toContain('CICD.LOGS.2');
});

it('without --lookups the same group is UNKNOWN at stack level (nothing asked)', async () => {
  const r = await runCheck([stack], { hookModel: null });
  expect(rows(r, 'CICD.STACK.6').map((f) => f.status)).toEqual(['UNKNOWN']);
});
