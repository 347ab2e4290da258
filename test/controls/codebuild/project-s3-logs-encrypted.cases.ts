import { defineCases } from '../../helpers/cases';
import { project } from './project';

const s3 = (S3Logs: Record<string, unknown>) => project({ LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' }, S3Logs } });

export default defineCases({
  controlId: 'CICD.CODEBUILD.4',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'S3 logs encrypted (EncryptionDisabled absent)', absent: ['LogsConfig.S3Logs.EncryptionDisabled'], properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci' }), expect: 'PASS' },
    { name: 'S3 logs EncryptionDisabled false', properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci', EncryptionDisabled: false }), expect: 'PASS' },
    { name: 'S3Logs block missing', absent: ['LogsConfig.S3Logs'], properties: project(), expect: 'PASS' },
    { name: 'S3 logs disabled, so nothing is written unencrypted', properties: s3({ Status: 'DISABLED', EncryptionDisabled: true }), expect: 'PASS' },
    { name: 'S3 logs disabled, Status in lower case with surrounding blanks', properties: s3({ Status: ' disabled ', EncryptionDisabled: true }), expect: 'PASS' },
    {
      name: 'S3Logs without a Status (CloudFormation requires one) is still judged by EncryptionDisabled',
      absent: ['LogsConfig.S3Logs.Status'],
      properties: s3({ Location: 'acme-logs/ci', EncryptionDisabled: true }),
      expect: 'FAIL',
      messageIncludes: 'LogsConfig.S3Logs.EncryptionDisabled is true: build logs are written to S3 unencrypted',
    },
    { name: 'S3 logs unencrypted', properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci', EncryptionDisabled: true }), expect: 'FAIL', messageIncludes: 'LogsConfig.S3Logs.EncryptionDisabled' },
    { name: 'EncryptionDisabled "True"', properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci', EncryptionDisabled: 'True' }), expect: 'FAIL' },
    { name: 'EncryptionDisabled "TRUE"', properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci', EncryptionDisabled: 'TRUE' }), expect: 'FAIL' },
    {
      name: 'update disables S3 log encryption',
      properties: s3({ Status: 'ENABLED', Location: 'acme-logs/ci', EncryptionDisabled: true }),
      previous: s3({ Status: 'ENABLED', Location: 'acme-logs/ci' }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
