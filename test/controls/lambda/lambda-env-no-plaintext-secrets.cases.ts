import { defineCases } from '../../helpers/cases';

const CMK = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GH = 'ghp_R8fJ2kLm9QwXz4VbN7cT1yHs5dPg3aEu6iOo';
const AKID = 'AKIAQ3EGRZ7XAMPLE4FJ';
const PW = 'correct-horse-battery';
const fn = (vars?: Record<string, unknown>) => ({
  FunctionName: 'ci-notifier',
  Runtime: 'nodejs22.x',
  Handler: 'index.handler',
  Role: 'arn:aws:iam::123456789012:role/ci-notifier',
  Code: { S3Bucket: 'artifacts', S3Key: 'notifier.zip' },
  KmsKeyArn: CMK,
  ...(vars !== undefined ? { Environment: { Variables: vars } } : {}),
});

export default defineCases({
  controlId: 'CICD.LAMBDA.1',
  resourceType: 'AWS::Lambda::Function',
  cases: [
    { name: 'no secrets', properties: fn({ TABLE_NAME: 'builds', LOG_LEVEL: 'info', PATH_PREFIX: '/ci' }), expect: 'PASS' },
    { name: 'secret passed by ARN', properties: fn({ GITHUB_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf' }), expect: 'PASS' },
    { name: 'secret-named variable with a dynamic reference', properties: fn({ DB_PASSWORD: '{{resolve:secretsmanager:ci/db:SecretString:password}}' }), expect: 'PASS' },
    // checkov CKV_AWS_45 PASS3: a variable that holds the *name* of a secret (issue 12 false positive)
    { name: 'a variable naming where the secret lives (…_SECRET_NAME, …_PARAMETER_NAME, …_SECRET_ID)', properties: fn({ APP_PRIVATE_KEY_SECRET_NAME: 'app/private-key', GITHUB_TOKEN_PARAMETER_NAME: '/ci/github/token', dbPasswordSecretId: 'ci-db-password' }), expect: 'PASS' },
    { name: 'a credential under a reference-looking name still fails', properties: fn({ DEPLOY_KEY_SECRET_NAME: GH }), expect: 'FAIL', messageIncludes: 'DEPLOY_KEY_SECRET_NAME', neverEcho: [GH] },
    { name: 'a token appended after a dynamic reference', properties: fn({ DB_PASSWORD: `{{resolve:secretsmanager:ci/db:SecretString:password}}${GH}` }), expect: 'FAIL', messageIncludes: 'DB_PASSWORD', neverEcho: [GH] },
    { name: 'a literal appended after a dynamic reference in a secret-named variable', properties: fn({ Api_Key: '{{resolve:secretsmanager:ci/api:SecretString:key}}-v2x9' }), expect: 'FAIL', messageIncludes: 'Api_Key' },
    { name: 'a base64-encoded access key under a harmless name', properties: fn({ BOOT_CONFIG: Buffer.from(`id=${AKID}`).toString('base64') }), expect: 'FAIL', messageIncludes: 'BOOT_CONFIG', neverEcho: [AKID] },
    { name: 'Environment missing', absent: ['Environment'], properties: fn(), expect: 'PASS' },
    { name: 'Variables empty', properties: fn({}), expect: 'PASS' },
    { name: 'password in a secret-named variable', properties: fn({ DB_PASSWORD: PW }), expect: 'FAIL', messageIncludes: ['Environment.Variables.DB_PASSWORD', 'DB_PASSWORD'], neverEcho: [PW] },
    { name: 'lower-case secret name', properties: fn({ api_key: PW }), expect: 'FAIL', messageIncludes: 'api_key', neverEcho: [PW] },
    { name: 'GitHub token under a harmless name', properties: fn({ DEPLOY_CONFIG: GH }), expect: 'FAIL', messageIncludes: 'DEPLOY_CONFIG', neverEcho: [GH] },
    { name: 'AWS access key ID under a harmless name', properties: fn({ SETTINGS: AKID }), expect: 'FAIL', neverEcho: [AKID] },
    { name: 'one bad among several', properties: fn({ TABLE_NAME: 'builds', SLACK_TOKEN: 'xoxb-1234567890-abcdefghij' }), expect: 'FAIL', messageIncludes: 'SLACK_TOKEN', neverEcho: ['xoxb-1234567890-abcdefghij'] },
    {
      name: 'update adds a plaintext secret',
      properties: fn({ TABLE_NAME: 'builds', DB_PASSWORD: PW }),
      previous: fn({ TABLE_NAME: 'builds' }),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
      neverEcho: [PW],
    },
  ],
});
