import { defineCases } from '../../helpers/cases';
import { project } from './project';

const logs = (LogsConfig: unknown) => project({ LogsConfig });
const good = { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' } };

const OWN_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6';
const FOREIGN_KEY = 'arn:aws:kms:eu-west-1:444455556666:key/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const group = (retentionDays?: number, kmsKeyId?: string) => ({ ...(retentionDays === undefined ? {} : { retentionDays }), ...(kmsKeyId === undefined ? {} : { kmsKeyId }) });
const key = (awsManaged: boolean) => ({ arn: OWN_KEY, awsManaged, enabled: true, rotation: true });

export default defineCases({
  controlId: 'CICD.CODEBUILD.3',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'CloudWatch Logs to a declared group', properties: logs(good), expect: 'PASS' },
    { name: 'status in lower case', properties: logs({ CloudWatchLogs: { Status: 'enabled', GroupName: '/ci/builds' } }), expect: 'PASS' },
    { name: 'S3 logs with a location (CloudWatch block absent)', absent: ['LogsConfig.CloudWatchLogs'], properties: logs({ S3Logs: { Status: 'ENABLED', Location: 'acme-build-logs/ci' } }), expect: 'PASS' },
    { name: 'CloudWatch disabled, S3 enabled', properties: logs({ CloudWatchLogs: { Status: 'DISABLED' }, S3Logs: { Status: 'ENABLED', Location: 'acme-build-logs/ci' } }), expect: 'PASS' },
    { name: 'LogsConfig missing (service default log group, bypass B-16)', absent: ['LogsConfig'], properties: project({ LogsConfig: undefined }), expect: 'FAIL', messageIncludes: 'LogsConfig is missing' },
    { name: 'LogsConfig empty', properties: logs({}), expect: 'FAIL', messageIncludes: 'GroupName' },
    { name: 'CloudWatch enabled without GroupName (CodeBuild default group)', absent: ['LogsConfig.CloudWatchLogs.GroupName'], properties: logs({ CloudWatchLogs: { Status: 'ENABLED' } }), expect: 'FAIL', messageIncludes: 'LogsConfig.CloudWatchLogs.GroupName' },
    { name: 'both destinations disabled', properties: logs({ CloudWatchLogs: { Status: 'DISABLED' }, S3Logs: { Status: 'DISABLED' } }), expect: 'FAIL', messageIncludes: 'no S3 logs' },
    { name: 'CloudWatch disabled and S3 block absent', absent: ['LogsConfig.S3Logs'], properties: logs({ CloudWatchLogs: { Status: 'DISABLED' } }), expect: 'FAIL', messageIncludes: 'switches CloudWatch Logs off' },
    { name: 'S3 logs enabled without a location', absent: ['LogsConfig.S3Logs.Location'], properties: logs({ CloudWatchLogs: { Status: 'DISABLED' }, S3Logs: { Status: 'ENABLED' } }), expect: 'FAIL', messageIncludes: 'LogsConfig.S3Logs.Location' },
    {
      name: 'update switches CloudWatch Logs off',
      properties: logs({ CloudWatchLogs: { Status: 'DISABLED' } }),
      previous: logs(good),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: 'switches CloudWatch Logs off',
    },
    { name: 'update removes LogsConfig', properties: project({ LogsConfig: undefined }), previous: logs(good), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    // live lookups (issue 14): the group GroupName names may exist outside the template; judged by CICD.LOGS.1/2
    { name: 'lookup: an existing group kept a year with a customer-managed key', properties: logs(good), facts: { 'logs.group /ci/builds': group(400, FOREIGN_KEY) }, expect: 'PASS' },
    { name: 'lookup: an existing group that never expires, with a key looked up as customer managed', properties: logs(good), facts: { 'logs.group /ci/builds': group(undefined, OWN_KEY), [`kms.key ${OWN_KEY}`]: key(false) }, expect: 'PASS' },
    {
      name: 'lookup: one-day retention and no key (the issue\'s attack) fails, naming the property, the group and both problems',
      properties: logs(good),
      facts: { 'logs.group /ci/builds': group(1) },
      expect: 'FAIL',
      messageIncludes: ['LogsConfig.CloudWatchLogs.GroupName', '/ci/builds', 'RetentionInDays is 1', 'MinimumLogRetentionDays', 'KmsKeyId is missing'],
    },
    { name: 'lookup: retention below MinimumLogRetentionDays (setting)', properties: logs(good), config: { MinimumLogRetentionDays: 731 }, facts: { 'logs.group /ci/builds': group(400, FOREIGN_KEY) }, expect: 'FAIL', messageIncludes: ['RetentionInDays is 400', '731'] },
    { name: 'lookup: the group key is an AWS managed key named by ARN', properties: logs(good), facts: { 'logs.group /ci/builds': group(3653, OWN_KEY), [`kms.key ${OWN_KEY}`]: key(true) }, expect: 'FAIL', messageIncludes: ['CICD.LOGS.1', 'KeyManager AWS'] },
    { name: 'lookup of the group key denied: reported at GroupName with the permission', properties: logs(good), facts: { 'logs.group /ci/builds': group(3653, OWN_KEY), [`kms.key ${OWN_KEY}`]: { $error: "access denied: the hook's role needs kms:DescribeKey" } }, expect: 'FAIL', messageIncludes: ['LogsConfig.CloudWatchLogs.GroupName', 'kms:DescribeKey'] },
    { name: 'lookup denied: fails closed naming the property and the permission', properties: logs(good), facts: { 'logs.group /ci/builds': { $error: "access denied: the hook's role needs logs:DescribeLogGroups" } }, expect: 'FAIL', messageIncludes: ['LogsConfig.CloudWatchLogs.GroupName', 'logs:DescribeLogGroups'] },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: logs(good), config: { LookupFailureMode: 'UNKNOWN' }, facts: { 'logs.group /ci/builds': { $error: 'throttled on logs:DescribeLogGroups' } }, expect: 'UNKNOWN' },
    { name: 'lookup: a group that does not exist yet fails closed', properties: logs(good), facts: {}, expect: 'FAIL', messageIncludes: 'not found' },
    { name: 'lookup: CloudWatch Logs DISABLED: the group is not looked up', properties: logs({ CloudWatchLogs: { Status: 'DISABLED', GroupName: '/ci/builds' }, S3Logs: { Status: 'ENABLED', Location: 'acme-build-logs/ci' } }), facts: {}, expect: 'PASS' },
    { name: 'lookup: no GroupName, nothing to look up (the default-group finding stays)', absent: ['LogsConfig.CloudWatchLogs.GroupName'], properties: logs({ CloudWatchLogs: { Status: 'ENABLED' } }), facts: {}, expect: 'FAIL', messageIncludes: 'GroupName is missing' },
    {
      name: 'lookup: an update that switches to a one-day group is a weakening',
      properties: logs({ CloudWatchLogs: { Status: 'ENABLED', GroupName: '/tmp/scratch' } }),
      previous: logs(good),
      facts: { 'logs.group /ci/builds': group(400, FOREIGN_KEY), 'logs.group /tmp/scratch': group(1, FOREIGN_KEY) },
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: '/tmp/scratch',
    },
  ],
});
