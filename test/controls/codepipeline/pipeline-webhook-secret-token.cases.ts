import { defineCases } from '../../helpers/cases';

const SECRET = 'wh-5ecr3t-Value-That-Is-Long-9f8e7d';
const webhook = (auth: string, config: Record<string, unknown> | undefined) => ({
  Name: 'svc-pipeline-webhook',
  TargetPipeline: 'svc-pipeline',
  TargetPipelineVersion: 1,
  TargetAction: 'Source',
  Authentication: auth,
  ...(config === undefined ? {} : { AuthenticationConfiguration: config }),
  Filters: [{ JsonPath: '$.ref', MatchEquals: 'refs/heads/{Branch}' }],
  RegisterWithThirdParty: true,
});
const ref = '{{resolve:secretsmanager:ci/github-webhook:SecretString:token}}';

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.8',
  resourceType: 'AWS::CodePipeline::Webhook',
  cases: [
    { name: 'GITHUB_HMAC with a Secrets Manager reference', properties: webhook('GITHUB_HMAC', { SecretToken: ref }), expect: 'PASS' },
    { name: 'IP webhook without a secret token', properties: webhook('IP', { AllowedIPRange: '192.30.252.0/22' }), expect: 'PASS' },
    { name: 'literal secret token', properties: webhook('GITHUB_HMAC', { SecretToken: SECRET }), expect: 'FAIL', messageIncludes: ['AuthenticationConfiguration.SecretToken', 'literal'], neverEcho: [SECRET] },
    { name: 'literal secret token on an IP webhook is still a plaintext secret', properties: webhook('IP', { AllowedIPRange: '192.30.252.0/22', SecretToken: SECRET }), expect: 'FAIL', neverEcho: [SECRET] },
    { name: 'SSM SecureString reference is not supported for webhooks', properties: webhook('GITHUB_HMAC', { SecretToken: '{{resolve:ssm-secure:/ci/webhook}}' }), expect: 'FAIL', messageIncludes: 'only {{resolve:secretsmanager:' },
    { name: 'GITHUB_HMAC with AuthenticationConfiguration missing', absent: ['AuthenticationConfiguration'], properties: webhook('GITHUB_HMAC', undefined), expect: 'FAIL', messageIncludes: 'missing' },
    { name: 'GITHUB_HMAC with an empty SecretToken', properties: webhook('GITHUB_HMAC', { SecretToken: '' }), expect: 'FAIL', messageIncludes: 'missing' },
    { name: 'github_hmac in lower case without a token', properties: webhook('github_hmac', {}), expect: 'FAIL' },
    { name: 'update replaces the reference by a literal', properties: webhook('GITHUB_HMAC', { SecretToken: SECRET }), previous: webhook('GITHUB_HMAC', { SecretToken: ref }), actions: ['UPDATE'], expect: 'FAIL', weakened: true, neverEcho: [SECRET] },
    { name: 'secret token unresolved Ref (local check only)', properties: webhook('GITHUB_HMAC', { SecretToken: { Ref: 'WebhookSecret' } }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
