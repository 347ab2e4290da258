import { defineCases } from '../../helpers/cases';
import { withBuildSpec, withEnv } from './project';

const image = (Image: unknown, extra: Record<string, unknown> = {}) => withEnv({ Image, ...extra });

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
  ],
});
