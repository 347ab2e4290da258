/**
 * CICD.ACCOUNTS.4 through `pipeline-guard check` (the template resolver, as for a local template or cdk.out):
 * role ARNs written with Fn::Sub / Fn::Join over the pseudo parameters resolve to the account the check runs
 * for; a literal foreign account inside Fn::Sub is that account; an account from a parameter stays unresolved
 * and is UNKNOWN, never PASS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../../src/cli/check';
import type { CheckFinding } from '../../../src/cli/check/run';

const ACCOUNT = '111111111111';
const FOREIGN = '999999999999';

const policy = (resource: unknown) => ({
  Type: 'AWS::IAM::ManagedPolicy',
  Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource }] } },
});

const TEMPLATE = {
  Parameters: { TargetAccount: { Type: 'String', Default: FOREIGN } },
  Resources: {
    OwnSub: policy({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/deploy' }),
    OwnJoin: policy({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/deploy']] }),
    ForeignSub: policy({ 'Fn::Sub': `arn:\${AWS::Partition}:iam::${FOREIGN}:role/deploy` }),
    ForeignJoinList: policy([{ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/a' }, { 'Fn::Join': [':', ['arn:aws:iam:', FOREIGN, 'role/b']] }]),
    ParameterAccount: policy({ 'Fn::Sub': 'arn:aws:iam::${TargetAccount}:role/deploy' }),
  },
};

let dir: string;
let rows: CheckFinding[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-assume-'));
  const file = join(dir, 'roles.template.json');
  writeFileSync(file, JSON.stringify(TEMPLATE));
  const sink = () => undefined;
  const outcome = await runCheckCommand(parseCheckArgs([file, '--account', ACCOUNT, '--region', 'eu-west-1']), { stdout: sink, stderr: sink, stdoutTty: false, stderrTty: false, env: {} });
  rows = (outcome.result?.findings ?? []).filter((f) => f.controlId === 'CICD.ACCOUNTS.4');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statusOf = (logicalId: string) => [...new Set(rows.filter((r) => r.logicalId === logicalId).map((r) => r.status))];

test('Fn::Sub and Fn::Join over ${AWS::AccountId} are the account the change is made in', () => {
  expect(statusOf('OwnSub')).toEqual(['PASS']);
  expect(statusOf('OwnJoin')).toEqual(['PASS']);
});

test('a literal foreign account inside Fn::Sub or Fn::Join is that account', () => {
  expect(statusOf('ForeignSub')).toEqual(['FAIL']);
  expect(rows.find((r) => r.logicalId === 'ForeignSub')?.message).toContain(`account ${FOREIGN}`);
  const list = rows.filter((r) => r.logicalId === 'ForeignJoinList');
  expect(list.map((r) => [r.status, r.path])).toEqual([['FAIL', 'PolicyDocument.Statement[0].Resource[1]']]);
});

test('an account from a parameter (its Default is no deployment value) is UNKNOWN', () => {
  expect(statusOf('ParameterAccount')).toEqual(['UNKNOWN']);
});
