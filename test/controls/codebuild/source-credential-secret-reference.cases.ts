import { defineCases } from '../../helpers/cases';

const TOKEN = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const PASSWORD = 'app-password-Xy7Qz9Lm';
const cred = (AuthType: string, Token: unknown, extra: Record<string, unknown> = {}) => ({ ServerType: 'GITHUB', AuthType, Token, ...extra });

export default defineCases({
  controlId: 'CICD.CODEBUILD.18',
  resourceType: 'AWS::CodeBuild::SourceCredential',
  cases: [
    { name: 'CodeConnections', properties: cred('CODECONNECTIONS', 'arn:aws:codeconnections:eu-west-1:123456789012:connection/4f2c1f3a-1b2c-4d5e-8f90-0123456789ab'), expect: 'PASS' },
    { name: 'Secrets Manager auth type with a secret ARN', properties: cred('SECRETS_MANAGER', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf'), expect: 'PASS' },
    { name: 'personal access token from Secrets Manager', properties: cred('PERSONAL_ACCESS_TOKEN', '{{resolve:secretsmanager:ci/github:SecretString:token}}'), expect: 'PASS' },
    { name: 'basic auth from Secrets Manager', properties: cred('BASIC_AUTH', '{{resolve:secretsmanager:ci/bitbucket:SecretString:password}}', { ServerType: 'BITBUCKET', Username: 'ci-bot' }), expect: 'PASS' },
    { name: 'literal personal access token', properties: cred('PERSONAL_ACCESS_TOKEN', TOKEN), expect: 'FAIL', messageIncludes: ['Token', 'PERSONAL_ACCESS_TOKEN'], neverEcho: [TOKEN] },
    { name: 'literal basic auth password', properties: cred('BASIC_AUTH', PASSWORD, { ServerType: 'BITBUCKET', Username: 'ci-bot' }), expect: 'FAIL', messageIncludes: 'BASIC_AUTH', neverEcho: [PASSWORD] },
    { name: 'SSM SecureString reference (decision: Secrets Manager only)', properties: cred('PERSONAL_ACCESS_TOKEN', '{{resolve:ssm-secure:/ci/github-token}}'), expect: 'FAIL' },
    { name: 'Token missing', absent: ['Token'], properties: { ServerType: 'GITHUB', AuthType: 'PERSONAL_ACCESS_TOKEN' }, expect: 'FAIL', messageIncludes: 'Token is missing' },
    { name: 'CodeConnections auth with a token instead of an ARN', properties: cred('CODECONNECTIONS', TOKEN), expect: 'FAIL', messageIncludes: 'connection ARN', neverEcho: [TOKEN] },
    { name: 'lower-case auth type', properties: cred('personal_access_token', TOKEN), expect: 'FAIL', neverEcho: [TOKEN] },
  ],
});
