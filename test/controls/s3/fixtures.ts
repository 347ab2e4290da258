/** Shared S3 test data (not a cases file). */
export const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export const PAB = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true };

/** `key` null: no KMSMasterKeyID (S3 then uses aws/s3). */
export const kmsEncryption = (key: unknown = CMK, alg = 'aws:kms') => ({
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: key === null ? { SSEAlgorithm: alg } : { SSEAlgorithm: alg, KMSMasterKeyID: key } }],
});

export const sseS3 = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };

/** A hardened artifact bucket as CDK synthesizes it (intrinsics resolved). */
export const artifactBucket = (extra: Record<string, unknown> = {}) => ({
  BucketName: 'ci-artifacts',
  BucketEncryption: kmsEncryption(),
  VersioningConfiguration: { Status: 'Enabled' },
  LoggingConfiguration: { DestinationBucketName: 'ci-access-logs', LogFilePrefix: 'artifacts/' },
  PublicAccessBlockConfiguration: PAB,
  ...extra,
});

/** The access-log bucket of the hardened example: LogDeliveryWrite ACL, SSE-S3. */
export const logBucket = (extra: Record<string, unknown> = {}) => ({
  BucketName: 'ci-access-logs',
  AccessControl: 'LogDeliveryWrite',
  OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
  BucketEncryption: sseS3,
  VersioningConfiguration: { Status: 'Enabled' },
  PublicAccessBlockConfiguration: PAB,
  ...extra,
});

export const TLS_DENY = {
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: ['arn:aws:s3:::ci-artifacts', 'arn:aws:s3:::ci-artifacts/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

export const policy = (...statements: unknown[]) => ({ Bucket: 'ci-artifacts', PolicyDocument: { Version: '2012-10-17', Statement: statements } });
