import { defineCases } from '../../helpers/cases';
import { withEnv } from './project';

const vars = (...v: Array<Record<string, unknown>>) => withEnv({ EnvironmentVariables: v });
const AKIA = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
const GH = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const PASSWORD = 'Tr0ub4dor&3-horse';

export default defineCases({
  controlId: 'CICD.CODEBUILD.2',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'no environment variables (missing)', absent: ['Environment.EnvironmentVariables'], properties: withEnv({}), expect: 'PASS' },
    { name: 'empty variable list', properties: vars(), expect: 'PASS' },
    {
      name: 'ordinary plaintext variables, a secret in Secrets Manager, a CDK config hash',
      properties: vars(
        { Name: 'PATH_PREFIX', Value: '/opt/tools' },
        { Name: 'STAGE', Value: 'prod', Type: 'PLAINTEXT' },
        { Name: 'DB_PASSWORD', Value: 'ci/db:password', Type: 'SECRETS_MANAGER' },
        { Name: 'NPM_TOKEN', Value: '/ci/npm-token', Type: 'PARAMETER_STORE' },
        { Name: '_PROJECT_CONFIG_HASH', Value: '6f1ed002ab5595859014ebf0951522d9e0b5c6f0a1b2c3d4e5f60718293a4b5c' },
        { Name: 'SIGNING_KEY_ARN', Value: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
        { Name: 'BUILD_ID', Value: 'PipelineBuildSynthCdkBuildProject6BEFA8E6' },
      ),
      expect: 'PASS',
    },
    { name: 'secret-looking name with an empty value', properties: vars({ Name: 'API_TOKEN', Value: '' }), expect: 'PASS' },
    // checkov CKV_AWS_45 PASS3: variables that hold the *name* of a secret (issue 12 false positive)
    { name: 'variables naming where the secret lives are not secrets', properties: vars({ Name: 'APP_PRIVATE_KEY_SECRET_NAME', Value: 'app/private-key' }, { Name: 'NPM_TOKEN_PARAMETER_NAME', Value: '/ci/npm-token' }, { Name: 'DB_PASSWORD_SECRET_ID', Value: 'ci-db' }), expect: 'PASS' },
    { name: 'a secret-name variable with an unresolved Ref is not UNKNOWN (it names, it does not hold)', properties: vars({ Name: 'DB_PASSWORD_SECRET_NAME', Value: { Ref: 'DbSecretName' } }), expect: 'PASS', typedOnly: true },
    { name: 'PATH is not a PAT', properties: vars({ Name: 'PATH', Value: '/usr/local/bin:/usr/bin' }), expect: 'PASS' },
    {
      name: 'password by name, Type absent means PLAINTEXT', absent: ['Environment.EnvironmentVariables[0].Type'],
      properties: vars({ Name: 'DB_PASSWORD', Value: PASSWORD }),
      expect: 'FAIL',
      messageIncludes: ['Environment.EnvironmentVariables[0]', 'DB_PASSWORD'],
      neverEcho: [PASSWORD],
    },
    {
      name: 'lower-case secret name',
      properties: vars({ Name: 'stage', Value: 'prod' }, { Name: 'db_password', Value: PASSWORD, Type: 'plaintext' }),
      expect: 'FAIL',
      messageIncludes: ['EnvironmentVariables[1]', 'db_password'],
      neverEcho: [PASSWORD],
    },
    { name: 'GITHUB_PAT', properties: vars({ Name: 'GITHUB_PAT', Value: 'some-value-here' }), expect: 'FAIL', messageIncludes: 'GITHUB_PAT' },
    // the reference-name rule (…_ID, …_NAME) must not excuse half of a long-term credential
    { name: 'AWS_ACCESS_KEY_ID with a literal value (not a reference name)', properties: vars({ Name: 'AWS_ACCESS_KEY_ID', Value: 'myawsaccesskeyid' }), expect: 'FAIL', messageIncludes: 'AWS_ACCESS_KEY_ID', neverEcho: ['myawsaccesskeyid'] },
    { name: 'aws_access_key_id in lower case, and AccessKeyId', properties: vars({ Name: 'aws_access_key_id', Value: 'value-one' }, { Name: 'DeployAccessKeyId', Value: 'value-two' }), expect: 'FAIL', messageIncludes: ['aws_access_key_id', 'DeployAccessKeyId'] },
    { name: 'a KMS key id is a reference, not a secret', properties: vars({ Name: 'KMS_KEY_ID', Value: '1234abcd-12ab-34cd-56ef-1234567890ab' }), expect: 'PASS' },
    {
      name: 'access key id under an innocent name (value only)',
      properties: vars({ Name: 'DEPLOY_CONFIG', Value: AKIA }),
      expect: 'FAIL',
      messageIncludes: ['DEPLOY_CONFIG', 'looks like a credential'],
      neverEcho: [AKIA],
    },
    { name: 'AWS secret access key under an innocent name', properties: vars({ Name: 'CONFIG_B', Value: SECRET_KEY }), expect: 'FAIL', messageIncludes: 'CONFIG_B', neverEcho: [SECRET_KEY] },
    { name: 'GitHub token under an innocent name', properties: vars({ Name: 'REPO_SETTING', Value: GH }), expect: 'FAIL', messageIncludes: 'REPO_SETTING', neverEcho: [GH] },
    {
      name: 'Secrets Manager reference resolved into a PLAINTEXT variable',
      properties: vars({ Name: 'DB_CONN', Value: '{{resolve:secretsmanager:ci/db:SecretString:password}}' }),
      expect: 'FAIL',
      messageIncludes: ['DB_CONN', 'PLAINTEXT'],
    },
    { name: 'the same reference with Type SECRETS_MANAGER-style id is fine', properties: vars({ Name: 'DB_CONN', Value: 'ci/db:password', Type: 'SECRETS_MANAGER' }), expect: 'PASS' },
    { name: 'secret-named variable with an unresolved Ref (local check only)', properties: vars({ Name: 'DB_PASSWORD', Value: { Ref: 'DbPassword' } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
