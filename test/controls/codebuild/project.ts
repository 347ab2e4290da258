/** A CodeBuild project that passes every CICD.CODEBUILD control: the base the cases vary one property of. */
export const ACCOUNT = '123456789012';
export const CMK = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const CODEARTIFACT_NPM = `https://acme-${ACCOUNT}.d.codeartifact.eu-west-1.amazonaws.com/npm/internal/`;

export function project(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'ci-build',
    ServiceRole: `arn:aws:iam::${ACCOUNT}:role/ci-build`,
    EncryptionKey: CMK,
    Artifacts: { Type: 'CODEPIPELINE' },
    Source: { Type: 'CODEPIPELINE', BuildSpec: 'buildspec.yml' },
    Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', PrivilegedMode: false },
    VpcConfig: { VpcId: 'vpc-0a1b2c3d4e5f67890', Subnets: ['subnet-0a1b2c3d4e5f67890'], SecurityGroupIds: ['sg-0a1b2c3d4e5f67890'] },
    LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: '/ci/builds' } },
    ...overrides,
  };
}

/** The project with Environment fields replaced. */
export function withEnv(extra: Record<string, unknown>): Record<string, unknown> {
  return project({ Environment: { ...(project().Environment as Record<string, unknown>), ...extra } });
}

/** The project with an inline buildspec (object → JSON text as CDK emits it; string → as is). */
export function withBuildSpec(spec: Record<string, unknown> | string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const text = typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2);
  return project({ Source: { Type: 'CODEPIPELINE', BuildSpec: text }, ...extra });
}

export function spec(phases: Record<string, string[]>, env?: Record<string, unknown>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const [k, commands] of Object.entries(phases)) p[k] = { commands };
  return { version: '0.2', ...(env ? { env } : {}), phases: p };
}
