import { defineCases } from '../../helpers/cases';

const rule = (url?: string, extra: Record<string, unknown> = {}) => ({ EcrRepositoryPrefix: 'mirror', ...(url !== undefined ? { UpstreamRegistryUrl: url } : {}), ...extra });
const DOCKER = { AllowedPullThroughCacheUpstreams: ['public.ecr.aws', 'registry-1.docker.io'] };

export default defineCases({
  controlId: 'CICD.ECR.5',
  resourceType: 'AWS::ECR::PullThroughCacheRule',
  cases: [
    { name: 'ECR Public (default allow-list)', properties: rule('public.ecr.aws'), expect: 'PASS' },
    { name: 'ECR Public with scheme and trailing slash', properties: rule('https://public.ecr.aws/'), expect: 'PASS' },
    { name: 'ECR Public in upper case', properties: rule('PUBLIC.ECR.AWS'), expect: 'PASS' },
    { name: 'Docker Hub not allowed by default', properties: rule('registry-1.docker.io', { UpstreamRegistry: 'docker-hub', CredentialArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker' }), expect: 'FAIL', messageIncludes: ['UpstreamRegistryUrl', 'registry-1.docker.io', 'AllowedPullThroughCacheUpstreams'] },
    { name: 'Docker Hub allowed by the platform', properties: rule('registry-1.docker.io'), config: DOCKER, expect: 'PASS' },
    { name: 'quay not allowed even when Docker Hub is', properties: rule('quay.io'), config: DOCKER, expect: 'FAIL' },
    { name: 'glob allow-list', properties: rule('myregistry.azurecr.io'), config: { AllowedPullThroughCacheUpstreams: ['*.azurecr.io'] }, expect: 'PASS' },
    { name: 'lookalike host does not match', properties: rule('public.ecr.aws.evil.example'), expect: 'FAIL' },
    { name: 'credentials in the URL never match and are not echoed', properties: rule('https://user:hunter2secret@public.ecr.aws'), expect: 'FAIL', neverEcho: ['hunter2secret'] },
    { name: 'a token in place of the URL is not echoed', properties: rule('Zq8vR2mK4tLp9sXw7yBn3cHdQ1'), expect: 'FAIL', neverEcho: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1', 'zq8vr2mk4tlp9sxw7ybn3chdq1'] },
    { name: 'a token as a host label is not echoed', properties: rule('https://Zq8vR2mK4tLp9sXw7yBn3cHdQ1.example.com'), expect: 'FAIL', neverEcho: ['Zq8vR2mK4tLp9sXw7yBn3cHdQ1', 'zq8vr2mk4tlp9sxw7ybn3chdq1'] },
    { name: 'UpstreamRegistryUrl missing', absent: ['UpstreamRegistryUrl'], properties: rule(), expect: 'FAIL', messageIncludes: 'UpstreamRegistryUrl is not set' },
    { name: 'UpstreamRegistryUrl empty', properties: rule(''), expect: 'FAIL' },
    { name: 'update moves the rule to an unapproved registry', properties: rule('ghcr.io'), previous: rule('public.ecr.aws'), actions: ['UPDATE'], expect: 'FAIL', weakened: true },
  ],
});
