import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const repo = (enc?: Record<string, unknown>) => ({ RepositoryName: 'ci/app', ImageTagMutability: 'IMMUTABLE', ...(enc ? { EncryptionConfiguration: enc } : {}) });

export default defineCases({
  controlId: 'CICD.ECR.3',
  resourceType: 'AWS::ECR::Repository',
  cases: [
    { name: 'KMS with a customer-managed key ARN', properties: repo({ EncryptionType: 'KMS', KmsKey: CMK }), expect: 'PASS' },
    { name: 'KMS_DSSE with a customer-managed alias', properties: repo({ EncryptionType: 'KMS_DSSE', KmsKey: 'alias/ecr-images' }), expect: 'PASS' },
    { name: 'encryption type in lower case', properties: repo({ EncryptionType: 'kms', KmsKey: CMK }), expect: 'PASS' },
    { name: 'KMS without KmsKey (aws/ecr)', absent: ['EncryptionConfiguration.KmsKey'], properties: repo({ EncryptionType: 'KMS' }), expect: 'FAIL', messageIncludes: ['EncryptionConfiguration.KmsKey', 'alias/aws/ecr'] },
    { name: 'KMS with alias/aws/ecr', properties: repo({ EncryptionType: 'KMS', KmsKey: 'alias/aws/ecr' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'KMS with the aws/ecr alias ARN', properties: repo({ EncryptionType: 'KMS', KmsKey: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ecr' }), expect: 'FAIL' },
    { name: 'AES256', properties: repo({ EncryptionType: 'AES256' }), expect: 'FAIL', messageIncludes: 'EncryptionConfiguration.EncryptionType is AES256' },
    { name: 'AES256 with a stray KmsKey', properties: repo({ EncryptionType: 'AES256', KmsKey: CMK }), expect: 'FAIL' },
    { name: 'EncryptionConfiguration missing (AES256 default)', absent: ['EncryptionConfiguration'], properties: repo(), expect: 'FAIL', messageIncludes: 'EncryptionConfiguration is not set' },
    { name: 'EncryptionConfiguration empty', properties: repo({}), expect: 'FAIL' },
    {
      name: 'update drops the customer-managed key',
      properties: repo({ EncryptionType: 'AES256' }),
      previous: repo({ EncryptionType: 'KMS', KmsKey: CMK }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    { name: 'KmsKey from Fn::GetAtt (local check only)', properties: repo({ EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': ['Key', 'Arn'] } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
