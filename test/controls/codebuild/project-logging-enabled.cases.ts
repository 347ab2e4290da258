import { defineCases } from '../../helpers/cases';
import { project } from './project';

const logs = (LogsConfig: unknown) => project({ LogsConfig });
const good = { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' } };

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
  ],
});
