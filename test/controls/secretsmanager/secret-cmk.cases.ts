import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const secret = (extra: Record<string, unknown> = {}) => ({ Name: 'ci/deploy-token', GenerateSecretString: { PasswordLength: 32 }, ...extra });

export default defineCases({
  controlId: 'CICD.SECRETS.1',
  resourceType: 'AWS::SecretsManager::Secret',
  cases: [
    { name: 'customer-managed key ARN', properties: secret({ KmsKeyId: CMK }), expect: 'PASS' },
    { name: 'customer-managed key alias', properties: secret({ KmsKeyId: 'alias/pipeline-secrets' }), expect: 'PASS' },
    { name: 'KmsKeyId missing (aws/secretsmanager)', absent: ['KmsKeyId'], properties: secret(), expect: 'FAIL', messageIncludes: ['KmsKeyId is missing', 'alias/aws/secretsmanager'] },
    { name: 'alias/aws/secretsmanager', properties: secret({ KmsKeyId: 'alias/aws/secretsmanager' }), expect: 'FAIL', messageIncludes: 'AWS-managed' },
    { name: 'aws/secretsmanager without prefix', properties: secret({ KmsKeyId: 'aws/secretsmanager' }), expect: 'FAIL' },
    { name: 'AWS-managed alias ARN in upper case', properties: secret({ KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:alias/AWS/SECRETSMANAGER' }), expect: 'FAIL' },
    { name: 'update drops the CMK', properties: secret(), previous: secret({ KmsKeyId: CMK }), actions: ['UPDATE'], expect: 'FAIL', weakened: true, messageIncludes: ['KmsKeyId is missing', 'introduced by this update'] },
    { name: 'KmsKeyId from Fn::GetAtt (local check only)', properties: secret({ KmsKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
