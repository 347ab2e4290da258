import { defineCases } from '../../helpers/cases';
import { template } from './repository-creation-template.fixtures';

export default defineCases({
  controlId: 'CICD.ECR.3',
  resourceType: 'AWS::ECR::RepositoryCreationTemplate',
  cases: [
    { name: 'template with a customer-managed key', properties: template(), expect: 'PASS' },
    { name: 'template with KMS_DSSE in lower case and a key alias', properties: template({ EncryptionConfiguration: { EncryptionType: 'kms_dsse', KmsKey: 'alias/ci-images' } }), expect: 'PASS' },
    { name: 'template without EncryptionConfiguration (AES256)', absent: ['EncryptionConfiguration'], properties: template({ EncryptionConfiguration: undefined }), expect: 'FAIL', messageIncludes: 'AES256' },
    { name: 'template with KMS but no key (aws/ecr)', absent: ['EncryptionConfiguration.KmsKey'], properties: template({ EncryptionConfiguration: { EncryptionType: 'KMS' } }), expect: 'FAIL', messageIncludes: 'alias/aws/ecr' },
    { name: 'template with the AWS-managed key ARN', properties: template({ EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ecr' } }), expect: 'FAIL' },
    { name: 'template with AES256', properties: template({ EncryptionConfiguration: { EncryptionType: 'AES256' } }), expect: 'FAIL' },
  ],
});
