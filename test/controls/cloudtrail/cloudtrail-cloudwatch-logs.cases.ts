import { defineCases } from '../../helpers/cases';
import { trail } from './fixtures';

export default defineCases({
  controlId: 'CICD.CLOUDTRAIL.4',
  resourceType: 'AWS::CloudTrail::Trail',
  cases: [
    { name: 'log group and role set', properties: trail(), expect: 'PASS' },
    { name: 'CloudWatch Logs delivery missing', absent: ['CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn'], properties: trail({ CloudWatchLogsLogGroupArn: undefined, CloudWatchLogsRoleArn: undefined }), expect: 'FAIL', messageIncludes: 'CloudWatchLogsLogGroupArn is missing' },
    { name: 'role without log group', properties: trail({ CloudWatchLogsLogGroupArn: '' }), expect: 'FAIL', messageIncludes: 'CloudWatchLogsLogGroupArn' },
    { name: 'log group without role', absent: ['CloudWatchLogsRoleArn'], properties: trail({ CloudWatchLogsRoleArn: undefined }), expect: 'FAIL', messageIncludes: 'CloudWatchLogsRoleArn' },
    { name: 'log group and role by unresolved GetAtt (local CDK template)', properties: trail({ CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['G', 'Arn'] }, CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['R', 'Arn'] } }), expect: 'PASS', typedOnly: true },
    {
      name: 'update removes CloudWatch Logs delivery',
      properties: trail({ CloudWatchLogsLogGroupArn: undefined, CloudWatchLogsRoleArn: undefined }),
      previous: trail(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['is missing', 'introduced by this update'],
    },
  ],
});
