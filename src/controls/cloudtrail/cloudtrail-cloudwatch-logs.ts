import { defineControl, type Finding, type ResourceView } from '../types';

function blank(v: ResourceView, path: string): boolean {
  const raw = v.get(path);
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

function evaluate(v: ResourceView): Finding[] {
  const findings: Finding[] = [];
  if (blank(v, 'CloudWatchLogsLogGroupArn')) findings.push({ path: 'CloudWatchLogsLogGroupArn', message: 'CloudWatchLogsLogGroupArn is missing: events are not delivered to CloudWatch Logs' });
  if (blank(v, 'CloudWatchLogsRoleArn')) findings.push({ path: 'CloudWatchLogsRoleArn', message: 'CloudWatchLogsRoleArn is missing: CloudTrail cannot write to the log group' });
  return findings;
}

export const cloudtrailCloudwatchLogs = defineControl({
  id: 'CICD.CLOUDTRAIL.4',
  slug: 'cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trails also deliver events to CloudWatch Logs',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  severity: 'LOW',
  risks: ['CICD-SEC-10'],
  requirement: 'The pipeline emits its state; central logging and monitoring (SEC11-BP07) with alarms on suspicious API calls.',
  rationale:
    'Log files in S3 are for investigation; metric filters and alarms (root use, policy changes, StopLogging) need the events in CloudWatch Logs within minutes. Both CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn are needed for delivery. Severity LOW: the trail still records to S3 without it, and an organisation trail may already feed a central monitoring account. Removing the delivery on update is a weakening.',
  remediation:
    'Set CloudWatchLogsLogGroupArn to an encrypted log group ARN and CloudWatchLogsRoleArn to a role that cloudtrail.amazonaws.com can assume with logs:CreateLogStream and logs:PutLogEvents.',
  cdkHint: 'sendToCloudWatchLogs: true, cloudWatchLogGroup: group on cloudtrail.Trail (the group encrypted as in CICD.LOGS.1)',
  check({ resource }) {
    return evaluate(resource);
  },
});
