/** A compliant trail (not a cases file). */
export const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export const trail = (extra: Record<string, unknown> = {}) => ({
  TrailName: 'ci-audit',
  S3BucketName: 'ci-audit-logs',
  IsLogging: true,
  IsMultiRegionTrail: true,
  IncludeGlobalServiceEvents: true,
  EnableLogFileValidation: true,
  KMSKeyId: KEY,
  CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ci/audit:*',
  CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/ci-audit-trail-logs',
  ...extra,
});
