/** Shared data for the delete/update protection cases (not a cases file). */
export const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const PROTECT = { ProtectedResourceNames: ['protected-*', 'audit-*', '/audit/*', 'alias/audit-*'] };
/** The same list as the comma-separated string a type configuration may carry. */
export const PROTECT_STRING = { ProtectedResourceNames: 'protected-*,audit-*, /audit/* ,alias/audit-*' };

const PAB = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

export const bucket = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(name === undefined ? {} : { BucketName: name }),
  BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY } }] },
  VersioningConfiguration: { Status: 'Enabled' },
  LoggingConfiguration: { DestinationBucketName: 'ci-access-logs' },
  PublicAccessBlockConfiguration: PAB,
  ...extra,
});

export const logGroup = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(name === undefined ? {} : { LogGroupName: name }),
  KmsKeyId: KEY,
  RetentionInDays: 3653,
  ...extra,
});

export const trail = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(name === undefined ? {} : { TrailName: name }),
  S3BucketName: 'audit-trail-logs',
  IsLogging: true,
  IsMultiRegionTrail: true,
  IncludeGlobalServiceEvents: true,
  EnableLogFileValidation: true,
  KMSKeyId: KEY,
  CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/audit/trail:*',
  CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/audit-trail-logs',
  ...extra,
});

export const alias = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(name === undefined ? {} : { AliasName: name }),
  TargetKeyId: KEY,
  ...extra,
});
