import { PropertyView } from '../../src/engine/view';
import { encryptionRules, encryptionStrength, isKmsAlgorithm, isLogDeliveryTarget, isPublicCannedAcl, isSseS3Algorithm, isVersioningEnabled } from '../../src/predicates/bucket';

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

describe('versioning', () => {
  test('Enabled in any letter case; Suspended, absent and odd values are not', () => {
    for (const s of ['Enabled', ' enabled ', 'ENABLED']) expect(isVersioningEnabled(s)).toBe(true);
    for (const s of ['Suspended', '', 'true', undefined]) expect(isVersioningEnabled(s)).toBe(false);
  });
});

describe('default encryption rules', () => {
  const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const rule = (byDefault: unknown) => ({ ServerSideEncryptionByDefault: byDefault });
  const bucket = (...rules: unknown[]) => new PropertyView({ BucketEncryption: { ServerSideEncryptionConfiguration: rules } });

  test('each rule is judged, with the path of its ServerSideEncryptionByDefault', () => {
    const rules = encryptionRules(bucket(rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: CMK }), rule({ SSEAlgorithm: 'AES256' }), { BucketKeyEnabled: true }, rule({ SSEAlgorithm: 'rot13' })));
    expect(rules.map((r) => r.encryption)).toEqual([{ kind: 'kms', algorithm: 'aws:kms', key: { kind: 'cmk' } }, { kind: 'sse-s3' }, { kind: 'none' }, { kind: 'other', algorithm: 'rot13' }]);
    expect(rules[1].byDefault.path).toBe('BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault');
  });

  test('strength is that of the weakest rule; no rule is no encryption', () => {
    const strength = (...rules: unknown[]) => encryptionStrength(encryptionRules(bucket(...rules)));
    expect(strength()).toBe(0);
    expect(encryptionStrength(encryptionRules(new PropertyView({})))).toBe(0);
    expect(strength(rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: CMK }))).toBe(3);
    expect(strength(rule({ SSEAlgorithm: 'aws:kms:dsse', KMSMasterKeyID: 'alias/aws/s3' }))).toBe(2);
    expect(strength(rule({ SSEAlgorithm: 'aws:kms' }))).toBe(2);
    expect(strength(rule({ SSEAlgorithm: 'AES256' }))).toBe(1);
    expect(strength(rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: CMK }), rule({ SSEAlgorithm: 'AES256' }))).toBe(1);
    expect(strength(rule({ SSEAlgorithm: 'AES256' }), rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: CMK }))).toBe(1);
  });

  test('unresolved values are recorded as UNKNOWN at their full paths', () => {
    const v = bucket(rule({ 'Fn::If': ['C', {}, {}] }), rule({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { Ref: 'Key' } }), { 'Fn::If': ['C', {}, {}] });
    const rules = encryptionRules(v);
    expect(rules.map((r) => r.encryption.kind)).toEqual(['none', 'kms', 'none']);
    expect(v.unknowns.map((u) => u.path).sort()).toEqual([
      'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault',
      'BucketEncryption.ServerSideEncryptionConfiguration[1].ServerSideEncryptionByDefault.KMSMasterKeyID',
      'BucketEncryption.ServerSideEncryptionConfiguration[2]',
    ]);
  });
});
