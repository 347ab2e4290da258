/**
 * The hand-built insecure pipeline (examples/cdk/insecure-pipeline.ts): each deliberate problem is
 * caught by the control meant for it, on the resource that carries it, and no fake credential of the
 * example ever appears in an answer or a log line.
 */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  FAKE_ACCESS_KEY_ID,
  FAKE_ACTION_API_TOKEN,
  FAKE_DB_PASSWORD,
  FAKE_GITHUB_TOKEN,
  synthInsecurePipeline,
} from '../../examples/cdk/insecure-pipeline';
import { failedLines, runAssembly, stacksOf, type ResourceInvocation } from '../helpers/cdk';
import { ctl, PLATFORM_CONFIG } from './platform';

let results: ResourceInvocation[];

beforeAll(async () => {
  results = await runAssembly(stacksOf(synthInsecurePipeline() as CloudAssembly), PLATFORM_CONFIG);
});

/** The one resource of `type` whose logical ID starts with `prefix`. */
function resource(prefix: string, type: string): ResourceInvocation {
  const hits = results.filter((r) => r.type === type && r.logicalId.startsWith(prefix));
  if (hits.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${hits.map((h) => h.logicalId).join(', ') || 'none'}`);
  return hits[0];
}

interface Problem {
  problem: string;
  prefix: string;
  type: string;
  id: string;
  slug: string;
  /** Text the FAILED annotation must contain (property path or variable name). */
  mentions?: string;
}

const PROBLEMS: Problem[] = [
  { problem: 'GitHub v1 source action', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.4', slug: 'pipeline-no-github-v1-source' },
  { problem: 'source provider outside the allow-list', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.3', slug: 'pipeline-source-provider-allowed' },
  { problem: 'plaintext OAuth token in the source action configuration', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.7', slug: 'pipeline-action-config-secrets', mentions: 'OAuthToken' },
  { problem: 'plaintext webhook secret (the OAuth token again)', prefix: 'PipelineSourceGitHubWebhookResource', type: 'AWS::CodePipeline::Webhook', id: 'CICD.CODEPIPELINE.8', slug: 'pipeline-webhook-secret-token' },
  { problem: 'privileged build', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.5', slug: 'privileged-mode' },
  { problem: 'plaintext DB_PASSWORD in the project environment', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.2', slug: 'project-env-plaintext-secrets', mentions: 'DB_PASSWORD' },
  { problem: 'AWS access key id as the value of DEPLOY_CONFIG', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.2', slug: 'project-env-plaintext-secrets', mentions: 'DEPLOY_CONFIG' },
  { problem: 'plaintext API_TOKEN in the CodeBuild action environment', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.6', slug: 'pipeline-action-env-secrets', mentions: 'API_TOKEN' },
  { problem: 'curl | bash in the buildspec', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.13', slug: 'buildspec-no-pipe-to-shell' },
  { problem: 'AWS-managed key (alias/aws/s3) on the build project', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.7', slug: 'project-encryption-key-cmk' },
  { problem: 'build outside a VPC', prefix: 'BuildProject', type: 'AWS::CodeBuild::Project', id: 'CICD.CODEBUILD.8', slug: 'project-runs-in-vpc' },
  { problem: 'AdministratorAccess on the build role', prefix: 'BuildRole', type: 'AWS::IAM::Role', id: 'CICD.IAM.2', slug: 'iam-no-admin-managed-policies', mentions: 'AdministratorAccess' },
  { problem: 'admin statement on the production deploy role (adminPermissions)', prefix: 'PipelineProductionDeployRoleDefaultPolicy', type: 'AWS::IAM::Policy', id: 'CICD.IAM.1', slug: 'iam-no-admin-statements' },
  { problem: 'artifact bucket without a KMS key', prefix: 'ArtifactBucket', type: 'AWS::S3::Bucket', id: 'CICD.S3.1', slug: 's3-bucket-kms-encryption' },
  { problem: 'artifact bucket without versioning', prefix: 'ArtifactBucket', type: 'AWS::S3::Bucket', id: 'CICD.S3.2', slug: 's3-bucket-versioning' },
  { problem: 'artifact bucket without access logging', prefix: 'ArtifactBucket', type: 'AWS::S3::Bucket', id: 'CICD.S3.3', slug: 's3-bucket-access-logging' },
  { problem: 'artifact bucket without a public access block', prefix: 'ArtifactBucket', type: 'AWS::S3::Bucket', id: 'CICD.S3.4', slug: 's3-bucket-public-access-block' },
  { problem: 'artifact store without a customer-managed key', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.1', slug: 'pipeline-artifact-store-cmk' },
  { problem: 'Production deploy without a manual approval', prefix: 'Pipeline', type: 'AWS::CodePipeline::Pipeline', id: 'CICD.CODEPIPELINE.2', slug: 'pipeline-approval-before-production', mentions: 'Production' },
  { problem: 'permissions boundary missing on the build role', prefix: 'BuildRole', type: 'AWS::IAM::Role', id: 'CICD.IAM.10', slug: 'iam-permissions-boundary' },
];

test.each(PROBLEMS.map((p) => [p.problem, p] as const))('%s is caught by its control', (_name, p) => {
  ctl(p.id, p.slug);
  const r = resource(p.prefix, p.type);
  const failed = (r.response.annotations ?? []).filter((a) => a.status === 'FAILED' && a.annotationName === p.id);
  expect({ resource: r.logicalId, failed: failed.map((a) => a.annotationName) }).toEqual({ resource: r.logicalId, failed: [p.id] });
  expect(failed[0].statusMessage).not.toMatch(/^UNKNOWN: /);
  if (p.mentions) expect(failed[0].statusMessage).toContain(p.mentions);
  expect(r.response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
});

test('no fake credential of the example appears in any answer or log line', () => {
  const out = results.map((r) => [JSON.stringify(r.response), ...r.logs].join('\n')).join('\n');
  for (const secret of [FAKE_GITHUB_TOKEN, FAKE_ACCESS_KEY_ID, FAKE_DB_PASSWORD, FAKE_ACTION_API_TOKEN]) {
    expect({ secret: secret.slice(0, 6), echoed: out.includes(secret) }).toEqual({ secret: secret.slice(0, 6), echoed: false });
  }
});

test('all findings of the insecure pipeline (snapshot: changes only on purpose)', () => {
  expect(failedLines(results)).toMatchSnapshot();
});
