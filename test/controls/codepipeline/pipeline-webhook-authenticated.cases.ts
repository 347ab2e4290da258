import { defineCases } from '../../helpers/cases';

const webhook = (auth: unknown, config?: Record<string, unknown>) => ({
  Name: 'svc-pipeline-webhook',
  TargetPipeline: 'svc-pipeline',
  TargetPipelineVersion: 1,
  TargetAction: 'Source',
  ...(auth === undefined ? {} : { Authentication: auth }),
  ...(config === undefined ? {} : { AuthenticationConfiguration: config }),
  Filters: [{ JsonPath: '$.ref', MatchEquals: 'refs/heads/{Branch}' }],
});
const ref = { SecretToken: '{{resolve:secretsmanager:ci/github-webhook:SecretString:token}}' };

export default defineCases({
  controlId: 'CICD.CODEPIPELINE.9',
  resourceType: 'AWS::CodePipeline::Webhook',
  cases: [
    { name: 'GITHUB_HMAC', properties: webhook('GITHUB_HMAC', ref), expect: 'PASS' },
    { name: "IP with GitHub's /22 hook range", properties: webhook('IP', { AllowedIPRange: '192.30.252.0/22' }), expect: 'PASS' },
    { name: 'IP with an IPv6 /32', properties: webhook('IP', { AllowedIPRange: '2606:50c0::/32' }), expect: 'PASS' },
    { name: 'UNAUTHENTICATED', properties: webhook('UNAUTHENTICATED', {}), expect: 'FAIL', messageIncludes: ['Authentication', 'UNAUTHENTICATED'] },
    { name: 'unauthenticated in lower case', properties: webhook('unauthenticated'), expect: 'FAIL' },
    { name: 'Authentication missing', absent: ['Authentication'], properties: webhook(undefined, ref), expect: 'FAIL', messageIncludes: 'Authentication is missing' },
    { name: 'IP with the whole internet', properties: webhook('IP', { AllowedIPRange: '0.0.0.0/0' }), expect: 'FAIL', messageIncludes: 'AuthenticationConfiguration.AllowedIPRange' },
    { name: 'IP with a /8', properties: webhook('IP', { AllowedIPRange: '10.0.0.0/8' }), expect: 'FAIL', messageIncludes: 'wider than /16' },
    { name: 'IP without AllowedIPRange', absent: ['AuthenticationConfiguration.AllowedIPRange'], properties: webhook('IP', {}), expect: 'FAIL', messageIncludes: 'missing' },
    { name: 'IP with a range that is not a CIDR', properties: webhook('IP', { AllowedIPRange: 'github.com' }), expect: 'FAIL', messageIncludes: 'not a CIDR' },
    { name: 'unknown authentication type', properties: webhook('BASIC'), expect: 'FAIL' },
    { name: 'update switches GITHUB_HMAC to UNAUTHENTICATED', properties: webhook('UNAUTHENTICATED'), previous: webhook('GITHUB_HMAC', ref), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
    { name: 'Authentication unresolved Ref (local check only)', properties: webhook({ Ref: 'Auth' }), expect: 'UNKNOWN', typedOnly: true },
  ],
});
