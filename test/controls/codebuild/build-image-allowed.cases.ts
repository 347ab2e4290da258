import { defineCases } from '../../helpers/cases';
import { withBuildSpec, withEnv } from './project';

const image = (Image: unknown, extra: Record<string, unknown> = {}) => withEnv({ Image, ...extra });
const ACCOUNT = '123456789012';
const OWN = (repo: string) => `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/${repo}`;
/** The registry's pull-through-cache rules: Docker Hub (not an approved upstream) and public.ecr.aws (approved by default). */
const PTC = {
  [`ecr.pullThroughCache ${ACCOUNT}:eu-west-1`]: {
    rules: [
      { prefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' },
      { prefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' },
    ],
  },
};

export default defineCases({
  controlId: 'CICD.CODEBUILD.9',
  resourceType: 'AWS::CodeBuild::Project',
  cases: [
    { name: 'CodeBuild curated image', properties: image('aws/codebuild/standard:7.0'), expect: 'PASS' },
    { name: 'batch build-list task with an image from Docker Hub', properties: withBuildSpec('version: 0.2\nbatch:\n  build-list:\n    - identifier: ok\n      env:\n        image: aws/codebuild/standard:7.0\n    - identifier: hub\n      env:\n        image: docker.io/library/node:20\n'), expect: 'FAIL', messageIncludes: 'batch.build-list[1].env.image' },
    { name: 'batch build-graph task with an image from another account', properties: withBuildSpec('version: 0.2\nbatch:\n  build-graph:\n    - identifier: x\n      env: {image: 999999999999.dkr.ecr.eu-west-1.amazonaws.com/tools:latest}\n'), expect: 'FAIL', messageIncludes: 'batch.build-graph[0].env.image' },
    { name: 'build-matrix dynamic image list with one public image', properties: withBuildSpec({ version: '0.2', batch: { 'build-matrix': { dynamic: { env: { image: ['aws/codebuild/standard:7.0', 'ghcr.io/someone/builder:1'] } } } } }), expect: 'FAIL', messageIncludes: 'batch.build-matrix.dynamic.env.image[1]' },
    { name: 'batch image from a variable resolved at build time', properties: withBuildSpec('version: 0.2\nbatch:\n  build-list:\n    - identifier: x\n      env:\n        image: $BUILDER_IMAGE\n'), expect: 'FAIL', messageIncludes: 'resolved at build time' },
    { name: 'batch tasks with curated images only', properties: withBuildSpec('version: 0.2\nbatch:\n  build-matrix:\n    static:\n      env:\n        image: aws/codebuild/standard:7.0\n    dynamic:\n      env:\n        image:\n          - aws/codebuild/amazonlinux2-x86_64-standard:5.0\n          - aws/codebuild/standard:7.0\n'), expect: 'PASS' },

    { name: 'private ECR of the same account', properties: image('123456789012.dkr.ecr.eu-west-1.amazonaws.com/build/node:20', { ImagePullCredentialsType: 'SERVICE_ROLE' }), expect: 'PASS' },
    { name: 'Docker Hub image', properties: image('node:20'), expect: 'FAIL', messageIncludes: 'AllowedBuildImages' },
    { name: 'public ECR', properties: image('public.ecr.aws/docker/library/node:20'), expect: 'FAIL' },
    { name: 'ECR of another account', properties: image('999999999999.dkr.ecr.eu-west-1.amazonaws.com/build/node:20'), expect: 'FAIL' },
    { name: 'look-alike registry host', properties: image('123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example/build/node:20'), expect: 'FAIL' },
    { name: 'dynamic reference as image', properties: image('{{resolve:ssm:/ci/build-image}}'), expect: 'FAIL', messageIncludes: 'dynamic reference' },
    { name: 'Image missing', absent: ['Environment.Image'], properties: withEnv({ Image: undefined }), expect: 'FAIL', messageIncludes: 'Environment.Image is missing' },
    {
      name: 'registry credential for an outside registry',
      properties: image('ghcr.io/acme/builder:1', { RegistryCredential: { Credential: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ghcr-AbCdEf', CredentialProvider: 'SECRETS_MANAGER' } }),
      expect: 'FAIL',
      messageIncludes: 'Environment.RegistryCredential',
    },
    {
      name: 'platform allows an internal registry',
      properties: image('registry.acme.example/ci/builder:3'),
      config: { AllowedBuildImages: ['aws/codebuild/*', 'registry.acme.example/ci/*'] },
      expect: 'PASS',
    },
    {
      name: 'update moves from a curated image to Docker Hub',
      properties: image('node:20'),
      previous: image('aws/codebuild/standard:7.0'),
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
    // live lookups (issue 14): an image of the account's own ECR registry under a pull-through-cache prefix
    // really comes from the rule's upstream registry
    { name: 'lookup: a private repository outside every pull-through prefix', properties: image(OWN('build/node:20')), facts: PTC, expect: 'PASS' },
    { name: 'lookup: a pull-through cache of Docker Hub (upstream not approved) fails, naming the property, the prefix and the host', properties: image(OWN('docker-hub/library/node:20')), facts: PTC, expect: 'FAIL', messageIncludes: ['Environment.Image', 'docker-hub', 'registry-1.docker.io', 'AllowedPullThroughCacheUpstreams'] },
    { name: 'lookup: a pull-through cache of public.ecr.aws (approved upstream) whose upstream image is not in AllowedBuildImages', properties: image(OWN('ecr-public/docker/library/node:20')), facts: PTC, expect: 'FAIL', messageIncludes: ['ecr-public', 'public.ecr.aws', 'not in AllowedBuildImages'] },
    {
      name: 'lookup: the platform allows the upstream image by its upstream name',
      properties: image(OWN('ecr-public/docker/library/node@sha256:0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6')),
      config: { AllowedBuildImages: ['aws/codebuild/*', '${AWS::AccountId}.dkr.ecr.*.amazonaws.com/*', 'public.ecr.aws/docker/library/*'] },
      facts: PTC,
      expect: 'PASS',
    },
    { name: 'lookup: the prefix must be a whole path segment (docker-hubby is not docker-hub)', properties: image(OWN('docker-hubby/node:20')), facts: PTC, expect: 'PASS' },
    { name: 'lookup: a registry without pull-through-cache rules', properties: image(OWN('docker-hub/library/node:20')), facts: { [`ecr.pullThroughCache ${ACCOUNT}:eu-west-1`]: { rules: [] } }, expect: 'PASS' },
    {
      name: 'lookup: a batch build-list image under a pull-through prefix',
      properties: withBuildSpec(`version: 0.2\nbatch:\n  build-list:\n    - identifier: hub\n      env:\n        image: ${OWN('docker-hub/library/python:3.12')}\n`),
      facts: PTC,
      expect: 'FAIL',
      messageIncludes: ['batch.build-list[0].env.image', 'registry-1.docker.io'],
    },
    { name: 'lookup denied: fails closed naming the property and the permission', properties: image(OWN('build/node:20')), facts: { [`ecr.pullThroughCache ${ACCOUNT}:eu-west-1`]: { $error: "access denied: the hook's role needs ecr:DescribePullThroughCacheRules" } }, expect: 'FAIL', messageIncludes: ['Environment.Image', 'ecr:DescribePullThroughCacheRules'] },
    { name: 'lookup denied with LookupFailureMode UNKNOWN: reported, not decided', properties: image(OWN('build/node:20')), config: { LookupFailureMode: 'UNKNOWN' }, facts: { [`ecr.pullThroughCache ${ACCOUNT}:eu-west-1`]: { $error: 'throttled on ecr:DescribePullThroughCacheRules' } }, expect: 'UNKNOWN' },
    { name: 'lookup: another account\'s registry is not looked up (AllowedBuildImages judges it)', properties: image('999999999999.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/node:20'), config: { AllowedBuildImages: ['aws/codebuild/*', '999999999999.dkr.ecr.*.amazonaws.com/*'] }, facts: {}, expect: 'PASS' },
    { name: 'lookup: a curated image needs no lookup', properties: image('aws/codebuild/standard:7.0'), facts: {}, expect: 'PASS' },
    {
      name: 'lookup: an update from a private repository to a pull-through cache of Docker Hub is a weakening',
      properties: image(OWN('docker-hub/library/node:20')),
      previous: image(OWN('build/node:20')),
      facts: PTC,
      actions: ['UPDATE'],
      expect: 'FAIL',
      weakened: true,
    },
  ],
});
