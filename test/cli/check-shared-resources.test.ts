/**
 * `pipeline-guard check` on templates with the policy, permission and share types that hand pipeline resources
 * to other accounts (multi-Region and Object Lambda access point policies, directory bucket policies, Lambda layer
 * permissions, RAM shares): intrinsics the template decides are resolved before the controls judge them
 * (`${AWS::AccountId}` is the account the change is made in), parameters without a value stay UNKNOWN.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import type { CheckFinding } from '../../src/cli/check/run';

const FOREIGN = '444455556666';
const OWN_ROOT = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };
const statement = (principal: unknown, resource: string) => ({ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: resource });
const MRAP_OBJECTS = 'arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap/object/*';
const DIRECTORY_BUCKET = 'arn:aws:s3express:eu-west-1:123456789012:bucket/ci-cache--euw1-az1--x-s3';
const LAYER = { Action: 'lambda:GetLayerVersion', LayerVersionArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:ci-tools:3' };

const TEMPLATE = {
  Parameters: {
    Partner: { Type: 'String' },
    Consumer: { Type: 'String' },
    ShareWith: { Type: 'CommaDelimitedList' },
  },
  Resources: {
    OwnMrapPolicy: { Type: 'AWS::S3::MultiRegionAccessPointPolicy', Properties: { MrapName: 'ci-artifacts-mrap', Policy: { Version: '2012-10-17', Statement: [statement({ AWS: OWN_ROOT }, MRAP_OBJECTS)] } } },
    PartnerMrapPolicy: { Type: 'AWS::S3::MultiRegionAccessPointPolicy', Properties: { MrapName: 'ci-artifacts-mrap', Policy: { Version: '2012-10-17', Statement: [statement({ AWS: { 'Fn::Sub': 'arn:aws:iam::${Partner}:root' } }, MRAP_OBJECTS)] } } },
    // a JSON-string document built with Fn::Sub: resolved, then parsed by the same normaliser as an object
    OwnDirectoryBucketPolicy: {
      Type: 'AWS::S3Express::BucketPolicy',
      Properties: { Bucket: 'ci-cache--euw1-az1--x-s3', PolicyDocument: { 'Fn::Sub': `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\${AWS::AccountId}:root"},"Action":"s3express:CreateSession","Resource":"${DIRECTORY_BUCKET}"}]}` } },
    },
    ForeignDirectoryBucketPolicy: {
      Type: 'AWS::S3Express::BucketPolicy',
      Properties: { Bucket: 'ci-cache--euw1-az1--x-s3', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ ...statement({ AWS: `arn:aws:iam::${FOREIGN}:root` }, DIRECTORY_BUCKET), Action: 's3express:CreateSession' }] }) },
    },
    OwnLayerPermission: { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { ...LAYER, Principal: { Ref: 'AWS::AccountId' } } },
    ConsumerLayerPermission: { Type: 'AWS::Lambda::LayerVersionPermission', Properties: { ...LAYER, Principal: { Ref: 'Consumer' } } },
    OwnShare: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'ci', ResourceArns: ['arn:aws:codebuild:eu-west-1:123456789012:project/app-build'], Principals: [{ Ref: 'AWS::AccountId' }] } },
    ForeignShare: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'ci', ResourceArns: ['arn:aws:codebuild:eu-west-1:123456789012:project/app-build'], Principals: [{ 'Fn::Sub': '${AWS::AccountId}' }, FOREIGN] } },
    ParameterShare: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'ci', ResourceArns: ['arn:aws:codebuild:eu-west-1:123456789012:project/app-build'], Principals: { Ref: 'ShareWith' } } },
  },
};

let rows: CheckFinding[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-shared-'));
  const file = join(dir, 'shared.json');
  writeFileSync(file, JSON.stringify(TEMPLATE));
  const io = { stdout: () => undefined, stderr: () => undefined, stdoutTty: false, stderrTty: false, env: {} };
  const out = await runCheckCommand(parseCheckArgs([file, '--format', 'json', '--account', '123456789012']), io);
  rows = out.result!.findings;
});

/** The status of one control on one resource (a control with several rows: the worst). */
function status(logicalId: string, controlId: string): string {
  const mine = rows.filter((r) => r.logicalId === logicalId && r.controlId === controlId).map((r) => r.status);
  if (mine.length === 0) throw new Error(`no ${controlId} row for ${logicalId}`);
  return ['FAIL', 'UNKNOWN', 'WARN', 'PASS', 'SKIPPED'].find((s) => mine.includes(s as CheckFinding['status'])) ?? mine[0];
}

test.each([
  ['OwnMrapPolicy', 'CICD.S3.6', 'PASS'],
  ['OwnMrapPolicy', 'CICD.ACCOUNTS.1', 'PASS'],
  ['PartnerMrapPolicy', 'CICD.ACCOUNTS.1', 'UNKNOWN'],
  ['OwnDirectoryBucketPolicy', 'CICD.S3.6', 'PASS'],
  ['OwnDirectoryBucketPolicy', 'CICD.ACCOUNTS.1', 'PASS'],
  ['ForeignDirectoryBucketPolicy', 'CICD.ACCOUNTS.1', 'FAIL'],
  ['OwnLayerPermission', 'CICD.LAMBDA.3', 'PASS'],
  ['OwnLayerPermission', 'CICD.ACCOUNTS.1', 'PASS'],
  ['ConsumerLayerPermission', 'CICD.LAMBDA.3', 'UNKNOWN'],
  ['ConsumerLayerPermission', 'CICD.ACCOUNTS.1', 'UNKNOWN'],
  ['OwnShare', 'CICD.ACCOUNTS.5', 'PASS'],
  ['ForeignShare', 'CICD.ACCOUNTS.5', 'FAIL'],
  ['ParameterShare', 'CICD.ACCOUNTS.5', 'UNKNOWN'],
])('%s: %s is %s', (logicalId, controlId, expected) => {
  expect(status(logicalId, controlId)).toBe(expected);
});

test('the foreign share names the member and the account', () => {
  const fail = rows.find((r) => r.logicalId === 'ForeignShare' && r.controlId === 'CICD.ACCOUNTS.5' && r.status === 'FAIL');
  expect(fail?.path).toBe('Principals[1]');
  expect(fail?.message).toContain(`account ${FOREIGN}`);
});
