import { isKmsAlgorithm, isLogDeliveryTarget, isPublicCannedAcl, isSseS3Algorithm } from '../../src/predicates/bucket';

describe('bucket predicates', () => {
  test('log-delivery target only by the LogDeliveryWrite ACL, any case', () => {
    expect(isLogDeliveryTarget('LogDeliveryWrite')).toBe(true);
    expect(isLogDeliveryTarget(' logdeliverywrite ')).toBe(true);
    expect(isLogDeliveryTarget('Private')).toBe(false);
    expect(isLogDeliveryTarget(undefined)).toBe(false);
  });
  test('public canned ACLs', () => {
    for (const a of ['PublicRead', 'publicreadwrite', 'AuthenticatedRead']) expect(isPublicCannedAcl(a)).toBe(true);
    for (const a of ['Private', 'LogDeliveryWrite', 'BucketOwnerFullControl', undefined]) expect(isPublicCannedAcl(a)).toBe(false);
  });
  test('algorithms', () => {
    expect(isKmsAlgorithm('aws:kms')).toBe(true);
    expect(isKmsAlgorithm('AWS:KMS:DSSE')).toBe(true);
    expect(isKmsAlgorithm('AES256')).toBe(false);
    expect(isKmsAlgorithm(undefined)).toBe(false);
    expect(isSseS3Algorithm('aes256')).toBe(true);
    expect(isSseS3Algorithm('aws:kms')).toBe(false);
  });
});
