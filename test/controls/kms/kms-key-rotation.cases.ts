import { defineCases } from '../../helpers/cases';

const key = (extra: Record<string, unknown> = {}) => ({ Description: 'artifact key', EnableKeyRotation: true, ...extra });

export default defineCases({
  controlId: 'CICD.KMS.1',
  resourceType: 'AWS::KMS::Key',
  cases: [
    { name: 'rotation on', properties: key(), expect: 'PASS' },
    { name: 'rotation "True" string', properties: key({ EnableKeyRotation: 'True' }), expect: 'PASS' },
    { name: 'rotation on, KeySpec SYMMETRIC_DEFAULT', properties: key({ KeySpec: 'SYMMETRIC_DEFAULT' }), expect: 'PASS' },
    { name: 'EnableKeyRotation missing (off by default)', absent: ['EnableKeyRotation'], properties: key({ EnableKeyRotation: undefined }), expect: 'FAIL', messageIncludes: 'EnableKeyRotation is missing' },
    { name: 'rotation false', properties: key({ EnableKeyRotation: false }), expect: 'FAIL', messageIncludes: 'EnableKeyRotation' },
    { name: 'rotation "false" string', properties: key({ EnableKeyRotation: 'false' }), expect: 'FAIL' },
    { name: 'rotation off, explicit SYMMETRIC_DEFAULT', properties: key({ EnableKeyRotation: false, KeySpec: 'symmetric_default' }), expect: 'FAIL' },
    { name: 'rotation off, SYMMETRIC_DEFAULT with surrounding blanks is still symmetric', properties: key({ EnableKeyRotation: false, KeySpec: ' SYMMETRIC_DEFAULT ' }), expect: 'FAIL', messageIncludes: 'EnableKeyRotation is not true' },
    { name: 'rotation off, KMS-generated material (Origin AWS_KMS) must rotate', properties: key({ EnableKeyRotation: false, Origin: 'AWS_KMS' }), expect: 'FAIL', messageIncludes: 'EnableKeyRotation is not true' },
    { name: 'asymmetric RSA key without rotation (not applicable)', properties: key({ EnableKeyRotation: undefined, KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }), expect: 'PASS' },
    { name: 'HMAC key without rotation (not applicable)', properties: key({ EnableKeyRotation: undefined, KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }), expect: 'PASS' },
    { name: 'imported key material without rotation (not applicable)', properties: key({ EnableKeyRotation: undefined, Origin: 'EXTERNAL' }), expect: 'PASS' },
    { name: 'imported key material, Origin in lower case with surrounding blanks (not applicable)', properties: key({ EnableKeyRotation: undefined, Origin: ' external ' }), expect: 'PASS' },
    {
      name: 'update switches rotation off',
      properties: key({ EnableKeyRotation: false }),
      previous: key(),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      messageIncludes: ['EnableKeyRotation is not true', 'introduced by this update'],
    },
  ],
});
