import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const PASSWORD = 'Zq8vR2mK4tLp9sXw7yBn3cHd';
const JSON_SECRET = `{"username":"deploy","password":"${PASSWORD}"}`;
const secret = (extra: Record<string, unknown> = {}) => ({ Name: 'ci/db', KmsKeyId: CMK, ...extra });
const generated = secret({ GenerateSecretString: { SecretStringTemplate: '{"username":"deploy"}', GenerateStringKey: 'password', PasswordLength: 32 } });

export default defineCases({
  controlId: 'CICD.SECRETS.2',
  resourceType: 'AWS::SecretsManager::Secret',
  cases: [
    { name: 'generated secret', properties: generated, expect: 'PASS' },
    { name: 'SecretString and GenerateSecretString both absent (value set out of band)', absent: ['SecretString', 'GenerateSecretString'], properties: secret(), expect: 'PASS' },
    { name: 'SecretString empty', properties: secret({ SecretString: '' }), expect: 'PASS' },
    { name: 'SecretString is a Secrets Manager reference', properties: secret({ SecretString: '{{resolve:secretsmanager:platform/db:SecretString:password}}' }), expect: 'PASS' },
    { name: 'literal password', properties: secret({ SecretString: PASSWORD }), expect: 'FAIL', messageIncludes: 'SecretString', neverEcho: [PASSWORD] },
    { name: 'literal JSON secret', properties: secret({ SecretString: JSON_SECRET }), expect: 'FAIL', neverEcho: [PASSWORD, JSON_SECRET] },
    { name: 'literal short lower-case value', properties: secret({ SecretString: 'letmein' }), expect: 'FAIL', neverEcho: ['letmein'] },
    { name: 'plaintext SSM reference', properties: secret({ SecretString: '{{resolve:ssm:/ci/db-password}}' }), expect: 'FAIL', messageIncludes: 'plaintext parameter' },
    {
      name: 'update replaces the generated value with a literal',
      properties: secret({ SecretString: PASSWORD }),
      previous: generated,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      neverEcho: [PASSWORD],
    },
  ],
});
