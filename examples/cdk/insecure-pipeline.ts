/**
 * A hand-built `aws-codepipeline` pipeline with the mistakes pipeline-guard exists to stop. Every
 * problem is deliberate and listed in INSECURE_PROBLEMS; the credentials are fake (well-formed, never
 * valid) so that the secret detectors have something real-looking to find.
 *
 * DO NOT DEPLOY THIS.
 */
import { SecretValue, Stack, type StackProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { newApp, TOOLING_ENV, type CloudAssembly, type SynthOptions } from './common';

/** Fake credentials (right shape, not real). */
export const FAKE_GITHUB_TOKEN = 'ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake0123';
export const FAKE_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
export const FAKE_DB_PASSWORD = 'correct-horse-battery-staple-42';
export const FAKE_ACTION_API_TOKEN = 'not-a-real-api-token-7f3a9c';

/** Logical-ID-independent construct paths of the problems, for tests and documentation. */
export const INSECURE_PROBLEMS = [
  'GitHub (version 1) source action with a plaintext OAuth token (Source/GitHub: Configuration.OAuthToken)',
  'Build project in privileged mode (Build project: Environment.PrivilegedMode)',
  'Plaintext secret by name in the project environment (DB_PASSWORD)',
  'Plaintext AWS access key id under an innocent name in the project environment (DEPLOY_CONFIG)',
  'Plaintext secret in the CodeBuild action environment (API_TOKEN, Configuration.EnvironmentVariables)',
  '`curl ... | bash` in the inline buildspec',
  'AdministratorAccess on the build role',
  'Artifact bucket without KMS encryption, versioning, access logging, TLS-only policy',
  'Pipeline artifact store without a customer-managed key',
  'Production deploy without a manual approval before it',
] as const;

export class InsecurePipelineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // A bare bucket: no KMS key, no versioning, no access logs, no TLS-only policy.
    const artifactBucket = new s3.Bucket(this, 'ArtifactBucket');

    const buildRole = new iam.Role(this, 'BuildRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });

    const project = new codebuild.PipelineProject(this, 'BuildProject', {
      role: buildRole,
      environment: {
        buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
        privileged: true,
      },
      environmentVariables: {
        DB_PASSWORD: { value: FAKE_DB_PASSWORD },
        DEPLOY_CONFIG: { value: FAKE_ACCESS_KEY_ID },
      },
      buildSpec: codebuild.BuildSpec.fromObject({
        version: '0.2',
        phases: {
          install: { commands: ['curl -sSL https://get.example.com/install.sh | bash'] },
          build: { commands: ['npm install', 'npm run build', 'npx cdk synth'] },
        },
        artifacts: { 'base-directory': 'cdk.out', files: ['**/*'] },
      }),
    });

    const sourceOutput = new codepipeline.Artifact('Source');
    const buildOutput = new codepipeline.Artifact('Build');

    new codepipeline.Pipeline(this, 'Pipeline', {
      artifactBucket,
      pipelineType: codepipeline.PipelineType.V2,
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.GitHubSourceAction({
              actionName: 'GitHub',
              owner: 'example-org',
              repo: 'example-app',
              branch: 'main',
              oauthToken: SecretValue.unsafePlainText(FAKE_GITHUB_TOKEN),
              output: sourceOutput,
            }),
          ],
        },
        {
          stageName: 'Build',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'Build',
              project,
              input: sourceOutput,
              outputs: [buildOutput],
              environmentVariables: {
                API_TOKEN: { value: FAKE_ACTION_API_TOKEN },
              },
            }),
          ],
        },
        {
          stageName: 'Production',
          actions: [
            new actions.CloudFormationCreateUpdateStackAction({
              actionName: 'Deploy',
              stackName: 'example-app-production',
              templatePath: buildOutput.atPath('App.template.json'),
              adminPermissions: true,
            }),
          ],
        },
      ],
    });
  }
}

export function synthInsecurePipeline(options: SynthOptions = {}): CloudAssembly {
  const app = newApp(options);
  new InsecurePipelineStack(app, 'InsecurePipeline', { env: TOOLING_ENV });
  return app.synth();
}
