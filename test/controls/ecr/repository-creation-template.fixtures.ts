/** Shared data for the repository-creation-template cases (not a cases file). */
export const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A compliant template for repositories created on push under ci/. */
export const template = (extra: Record<string, unknown> = {}) => ({
  Prefix: 'ci',
  AppliedFor: ['CREATE_ON_PUSH', 'PULL_THROUGH_CACHE', 'REPLICATION'],
  ImageTagMutability: 'IMMUTABLE',
  EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: CMK },
  ...extra,
});
