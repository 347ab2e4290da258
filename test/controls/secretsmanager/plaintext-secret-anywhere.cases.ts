import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONTROLS } from '../../../src/controls';
import { defineCases, type ControlCase, type Properties } from '../../helpers/cases';

const CONTROL = ALL_CONTROLS.find((c) => c.id === 'CICD.SECRETS.4')!;
const AKID = 'AKIAQ3EGRZ7XAMPLE4FJ';
const GH = 'ghp_R8fJ2kLm9QwXz4VbN7cT1yHs5dPg3aEu6iOo';
const PW = 'Xk82hsPqLm4Zt9Wc';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const hex = (s: string) => Buffer.from(s).toString('hex');

/** The compliant resource of each contract fixture, by type: a realistic base for every targeted type. */
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'contract');
const BASES = new Map<string, Properties>();
if (existsSync(FIXTURES)) {
  for (const f of readdirSync(FIXTURES).filter((n) => n.startsWith('aws-') && n.endsWith('.json'))) {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as { type: string; compliant: Properties };
    BASES.set(fixture.type, fixture.compliant);
  }
}
const base = (type: string): Properties => structuredClone(BASES.get(type) ?? { Name: 'ci-resource' });
const clone = <T>(v: T): T => structuredClone(v);

/** The base with a credential appended to its first string (depth first): every type is scanned at depth. */
function withCredential(type: string, credential: string): Properties {
  const props = base(type);
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        if (typeof node[i] === 'string') return ((node[i] = `${node[i]} ${credential}`), true);
        if (visit(node[i])) return true;
      }
      return false;
    }
    if (node !== null && typeof node === 'object') {
      const rec = node as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        if (typeof rec[k] === 'string') return ((rec[k] = `${rec[k]} ${credential}`), true);
        if (visit(rec[k])) return true;
      }
    }
    return false;
  };
  if (!visit(props)) props.Description = credential;
  return props;
}

const without = (type: string, keys: readonly string[]): Properties => {
  const p = base(type);
  for (const k of keys) delete p[k];
  return p;
};

const PIPELINE = 'AWS::CodePipeline::Pipeline';
const PROJECT = 'AWS::CodeBuild::Project';
const SECRET = 'AWS::SecretsManager::Secret';
const FUNCTION = 'AWS::Lambda::Function';
const BUCKET = 'AWS::S3::Bucket';
const SSM = 'AWS::SSM::Parameter';
const CONNECTION = 'AWS::Events::Connection';
const LAUNCH = 'AWS::EC2::LaunchTemplate';
const TASK = 'AWS::ECS::TaskDefinition';

const pipelineWith = (variables: unknown[]): Properties => ({ ...base(PIPELINE), Variables: variables });
const secretWith = (template: string): Properties => {
  const p = base(SECRET);
  (p.GenerateSecretString as Record<string, unknown>).SecretStringTemplate = template;
  return p;
};
const ssm = (name: string | undefined, value: string, type = 'String'): Properties => ({ ...(name !== undefined ? { Name: name } : {}), Type: type, Value: value });
const connection = (auth: Record<string, unknown>, type = 'API_KEY', extra: Properties = {}): Properties => ({ Name: 'deploy-notifier', AuthorizationType: type, AuthParameters: auth, ...extra });
const launch = (script: string): Properties => {
  const p = base(LAUNCH);
  (p.LaunchTemplateData as Record<string, unknown>).UserData = b64(script);
  return p;
};
const task = (environment: unknown[], extra: Record<string, unknown> = {}): Properties => {
  const p = base(TASK);
  const c = (p.ContainerDefinitions as Array<Record<string, unknown>>)[0];
  c.Environment = environment;
  Object.assign(c, extra);
  return p;
};

/** One PASS, one FAIL and one missing-block case on every type the control targets. */
const everyType: ControlCase[] = [
  { name: 'the compliant contract resource', properties: (t) => base(t), expect: 'PASS' },
  {
    name: 'an AWS access key ID appended to the first string property',
    properties: (t) => withCredential(t, AKID),
    expect: 'FAIL',
    messageIncludes: 'an AWS access key ID',
    neverEcho: [AKID],
  },
  { name: 'no Description and no Tags (the usual hiding places absent)', properties: (t) => without(t, ['Description', 'Tags']), absent: ['Description', 'Tags'], expect: 'PASS' },
];

/** A role trusted by an OIDC provider with the given condition block (web-identity federation, as CI systems use it). */
const oidcRole = (provider: string, condition: Record<string, unknown>): Properties => ({
  AssumeRolePolicyDocument: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${provider}` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
  },
});
const GITHUB = 'token.actions.githubusercontent.com';
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

function oidcTrustCases(): ControlCase[] {
  const ROLE = 'AWS::IAM::Role';
  return [
    { name: 'a GitHub Actions OIDC trust pinned to a repository and branch', resourceType: ROLE, properties: oidcRole(GITHUB, { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:example-org/example-app:ref:refs/heads/main' } }), expect: 'PASS' },
    { name: 'an OIDC trust given as a JSON string (the provider host is no secret word there either)', resourceType: ROLE, properties: { AssumeRolePolicyDocument: JSON.stringify(oidcRole(GITHUB, { StringLike: { [`${GITHUB}:sub`]: 'repo:example-org/example-app:environment:Prod9x' } }).AssumeRolePolicyDocument) }, expect: 'PASS' },
    { name: 'an EKS service-account trust (provider host with a path)', resourceType: ROLE, properties: oidcRole(EKS, { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:ci:deployer-7f9c', [`${EKS}:aud`]: 'sts.amazonaws.com' } }), expect: 'PASS' },
    { name: 'a principal-tag condition named like a secret (a compared value, not a stored one)', resourceType: ROLE, properties: oidcRole(GITHUB, { StringEquals: { 'aws:PrincipalTag/token-team': 'Platform-CI-7', [`${GITHUB}:sub`]: 'repo:example-org/example-app:ref:refs/heads/main' } }), expect: 'PASS' },
    { name: 'a GitHub token as a condition value (credential formats are still found)', resourceType: ROLE, properties: oidcRole(GITHUB, { StringEquals: { [`${GITHUB}:sub`]: GH } }), expect: 'FAIL', messageIncludes: 'a GitHub token', neverEcho: [GH] },
    { name: 'a tag named host:claim where the claim is secret-looking', resourceType: BUCKET, properties: { ...base(BUCKET), Tags: [{ Key: 'auth.example.com:client_secret', Value: PW }] }, expect: 'FAIL', messageIncludes: 'Tags[0].Value', neverEcho: [PW] },
  ];
}

const specific: ControlCase[] = [
  // descriptions and tag values
  { name: 'a GitHub token in the description', resourceType: PROJECT, properties: { ...base(PROJECT), Description: `Builds with ${GH}` }, expect: 'FAIL', messageIncludes: ['Description', 'a GitHub token'], neverEcho: [GH] },
  { name: 'a tag named like a secret with a literal value', resourceType: BUCKET, properties: { ...base(BUCKET), Tags: [{ Key: 'team', Value: 'ci' }, { Key: 'Deploy-Api-Key', Value: PW }] }, expect: 'FAIL', messageIncludes: ['Tags[1].Value', 'Deploy-Api-Key'], neverEcho: [PW] },
  { name: 'a hex-encoded token in a tag value', resourceType: FUNCTION, properties: { ...base(FUNCTION), Tags: [{ Key: 'build', Value: hex(GH) }] }, expect: 'FAIL', messageIncludes: ['Tags[0].Value', 'hex-encoded'], neverEcho: [GH, hex(GH)] },
  { name: 'harmless tags', resourceType: BUCKET, properties: { ...base(BUCKET), Tags: [{ Key: 'token-rotation', Value: 'monthly' }, { Key: 'cdk-hash', Value: '4e2f1ab7c9d0e8f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2' }] }, expect: 'PASS' },
  // pipeline-level variables
  { name: 'a pipeline variable default holding a password', resourceType: PIPELINE, properties: pipelineWith([{ Name: 'DbPassword', DefaultValue: PW, Description: 'db' }]), expect: 'FAIL', messageIncludes: ['Variables[0].DefaultValue', 'DbPassword'], neverEcho: [PW] },
  { name: 'a pipeline variable default: a URL with a password in its user-info', resourceType: PIPELINE, properties: pipelineWith([{ Name: 'RepoUrl', DefaultValue: `https://ci:${PW}@git.example.com/org/repo.git` }]), expect: 'FAIL', messageIncludes: "user-info", neverEcho: [PW] },
  { name: 'a pipeline variable default: a token after a dynamic reference', resourceType: PIPELINE, properties: pipelineWith([{ Name: 'Notify', DefaultValue: `{{resolve:secretsmanager:ci/slack:SecretString:url}}${GH}` }]), expect: 'FAIL', neverEcho: [GH] },
  { name: 'pipeline variables that name secrets', resourceType: PIPELINE, properties: pipelineWith([{ Name: 'DB_SECRET_ARN', DefaultValue: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/db-AbCdEf' }, { Name: 'TOKEN_PARAMETER_NAME', DefaultValue: '/ci/github/token' }, { Name: 'Stage', DefaultValue: 'beta' }]), expect: 'PASS' },
  {
    name: 'action configuration is judged by CICD.CODEPIPELINE.7, not twice',
    resourceType: PIPELINE,
    properties: (() => {
      const p = base(PIPELINE);
      const stages = p.Stages as Array<{ Actions: Array<{ Configuration: Record<string, unknown> }> }>;
      stages[0].Actions[0].Configuration.ParameterOverrides = JSON.stringify({ DbPassword: PW });
      return p;
    })(),
    expect: 'PASS',
  },
  // Secrets Manager secret templates
  { name: 'a password in GenerateSecretString.SecretStringTemplate', resourceType: SECRET, properties: secretWith(JSON.stringify({ username: 'deploy', password: PW })), expect: 'FAIL', messageIncludes: ['GenerateSecretString.SecretStringTemplate', 'password'], neverEcho: [PW] },
  { name: 'an API key nested in the template', resourceType: SECRET, properties: secretWith(JSON.stringify({ username: 'deploy', vendor: { apiKey: PW } })), expect: 'FAIL', messageIncludes: 'apiKey', neverEcho: [PW] },
  { name: 'a template with a user name only', resourceType: SECRET, properties: secretWith(JSON.stringify({ username: 'deploy', host: 'db.internal.example.com' })), expect: 'PASS' },
  { name: 'SecretString is CICD.SECRETS.2\'s (not reported twice)', resourceType: SECRET, properties: { Name: 'ci/db', SecretString: JSON.stringify({ password: PW }) }, expect: 'PASS' },
  // SSM parameters
  { name: 'a plain String parameter named like a token', resourceType: SSM, properties: ssm('/ci/npm/token', PW), expect: 'FAIL', messageIncludes: ['Value', '/ci/npm/token'], neverEcho: [PW] },
  { name: 'a StringList parameter holding a GitHub token under a harmless name', resourceType: SSM, properties: ssm('/ci/settings', `eu-west-1,${GH}`, 'StringList'), expect: 'FAIL', messageIncludes: 'a GitHub token', neverEcho: [GH] },
  { name: 'an unnamed parameter holding a base64-encoded access key', resourceType: SSM, properties: ssm(undefined, b64(`aws_access_key_id=${AKID}`)), absent: ['Name'], expect: 'FAIL', neverEcho: [AKID] },
  { name: 'a parameter that names the secret', resourceType: SSM, properties: ssm('/ci/github/token-secret-arn', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ci/github-AbCdEf'), expect: 'PASS' },
  { name: 'update puts a token into a parameter', resourceType: SSM, properties: ssm('/ci/npm/token', PW), previous: ssm('/ci/npm/token', '{{resolve:ssm:/ci/npm/token-placeholder}}'), actions: ['UPDATE'], expect: 'FAIL', weakened: true, neverEcho: [PW] },
  // EventBridge connections
  { name: 'a literal API key value', resourceType: CONNECTION, properties: connection({ ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'short' } }), expect: 'FAIL', messageIncludes: 'AuthParameters.ApiKeyAuthParameters.ApiKeyValue', neverEcho: ['short'] },
  { name: 'a literal OAuth client secret', resourceType: CONNECTION, properties: connection({ OAuthParameters: { AuthorizationEndpoint: 'https://auth.example.com/token', HttpMethod: 'POST', ClientParameters: { ClientID: 'ci', ClientSecret: PW } } }, 'OAUTH_CLIENT_CREDENTIALS'), expect: 'FAIL', messageIncludes: 'ClientParameters.ClientSecret', neverEcho: [PW] },
  { name: 'a basic-auth password from a plain SSM parameter', resourceType: CONNECTION, properties: connection({ BasicAuthParameters: { Username: 'ci', Password: '{{resolve:ssm:/ci/notifier/password}}' } }, 'BASIC'), expect: 'FAIL', messageIncludes: 'BasicAuthParameters.Password' },
  { name: 'a Secrets Manager reference with text appended', resourceType: CONNECTION, properties: connection({ BasicAuthParameters: { Username: 'ci', Password: '{{resolve:secretsmanager:ci/notifier:SecretString:password}}-2024' } }, 'BASIC'), expect: 'FAIL', messageIncludes: 'BasicAuthParameters.Password' },
  { name: 'every credential from Secrets Manager', resourceType: CONNECTION, properties: connection({ OAuthParameters: { AuthorizationEndpoint: 'https://auth.example.com/token', HttpMethod: 'POST', ClientParameters: { ClientID: 'ci', ClientSecret: '{{resolve:secretsmanager:ci/oauth:SecretString:secret}}' } } }, 'OAUTH_CLIENT_CREDENTIALS'), expect: 'PASS' },
  { name: 'a literal secret header in the invocation parameters', resourceType: CONNECTION, properties: connection({ ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:ci/notifier:SecretString:apiKey}}' }, InvocationHttpParameters: { HeaderParameters: [{ Key: 'X-Auth-Token', Value: PW, IsValueSecret: true }] } }), expect: 'FAIL', messageIncludes: 'X-Auth-Token', neverEcho: [PW] },
  // launch template user data
  { name: 'user data exporting a literal token', resourceType: LAUNCH, properties: launch(`#!/bin/bash\nexport RUNNER_TOKEN=${PW}\n/opt/runner/run.sh\n`), expect: 'FAIL', messageIncludes: ['LaunchTemplateData.UserData', 'RUNNER_TOKEN', 'base64-encoded'], neverEcho: [PW] },
  { name: 'user data with a GitHub token on a command line', resourceType: LAUNCH, properties: launch(`#!/bin/bash\n./config.sh --url https://github.com/org --pat ${GH}\n`), expect: 'FAIL', messageIncludes: 'a GitHub token', neverEcho: [GH] },
  { name: 'user data with a password option', resourceType: LAUNCH, properties: launch(`#!/bin/bash\nmysql --host db --password=${PW} < init.sql\n`), expect: 'FAIL', messageIncludes: '--password', neverEcho: [PW] },
  { name: 'launch template without user data', resourceType: LAUNCH, properties: { LaunchTemplateName: 'ci-runner', LaunchTemplateData: { ImageId: 'ami-0abcdef1234567890' } }, absent: ['LaunchTemplateData.UserData'], expect: 'PASS' },
  // ECS task definitions
  { name: 'a container environment variable with a literal password', resourceType: TASK, properties: task([{ Name: 'db_password', Value: PW }]), expect: 'FAIL', messageIncludes: ['ContainerDefinitions[0].Environment[0].Value', 'db_password'], neverEcho: [PW] },
  { name: 'a container environment variable holding a Slack token under a harmless name', resourceType: TASK, properties: task([{ Name: 'NOTIFY', Value: 'xoxb-1234567890-abcdefghij' }]), expect: 'FAIL', neverEcho: ['xoxb-1234567890-abcdefghij'] },
  { name: 'a container command carrying a literal token', resourceType: TASK, properties: task([], { Command: ['sh', '-c', `NPM_TOKEN=${PW} npm publish`] }), expect: 'FAIL', messageIncludes: 'NPM_TOKEN', neverEcho: [PW] },
  { name: 'secrets passed with valueFrom', resourceType: TASK, properties: task([{ Name: 'DB_PASSWORD_SECRET_ARN', Value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' }], { Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::' }] }), expect: 'PASS' },
  // ownership: CodeBuild and Lambda environment variables are reported by their own controls
  {
    name: 'a StackSet parameter value holding a password (the inline template is CICD.CFN.1\'s)',
    resourceType: 'AWS::CloudFormation::StackSet',
    properties: { ...base('AWS::CloudFormation::StackSet'), Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: PW }] },
    expect: 'FAIL',
    messageIncludes: ['Parameters[0].ParameterValue', 'DbPassword'],
    neverEcho: [PW],
  },
  // policy condition keys are compared values, not names bound to secrets; an OIDC provider's host is not a secret word
  ...oidcTrustCases(),
  { name: 'CodeBuild environment variables are CICD.CODEBUILD.2\'s', resourceType: PROJECT, properties: (() => { const p = clone(base(PROJECT)); (p.Environment as Record<string, unknown>).EnvironmentVariables = [{ Name: 'DB_PASSWORD', Value: PW }]; return p; })(), expect: 'PASS' },
];

export default defineCases({
  controlId: 'CICD.SECRETS.4',
  resourceTypes: CONTROL.resourceTypes,
  cases: [...everyType, ...specific],
});
