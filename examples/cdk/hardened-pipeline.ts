/**
 * The same CDK Pipelines delivery flow, hardened the way pipeline-guard expects it — with nothing but
 * ordinary CDK properties, no exemption in the hook configuration:
 *
 * - artifacts in an own bucket: customer-managed KMS key with rotation, versioning, access logs to a
 *   separate log bucket, TLS-only bucket policy, public access blocked;
 * - every CodeBuild project in isolated VPC subnets, logging to an encrypted log group kept for a year,
 *   packages installed only through the internal CodeArtifact registry, pinned CDK CLI version;
 * - a manual approval before production; a V2 pipeline; every role under the platform's permissions
 *   boundary; the application bucket hardened like the artifact bucket;
 * - a single-account pipeline: UAT and Prod deploy into the pipeline's own account, so the artifact key
 *   and bucket are shared with no other account (CICD.ACCOUNTS.1 trusts the hook's own account) and the
 *   example passes the embedded default configuration with no --config.
 *
 * The same pipeline with cross-account stages (`stages: 'stage-accounts'`: UAT in UAT_ACCOUNT, Prod in
 * PROD_ACCOUNT) hands its artifact key and bucket to those two accounts' CDK deploy roles; it passes only
 * under a configuration that trusts them (TrustedAccountIds / ProductionAccountIds, as the platform
 * configuration of the e2e tests does) — the embedded default trusts no other account, by design.
 */
import { Aws, Duration, RemovalPolicy, Stack, Stage, type Environment, type StackProps, type StageProps } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { CONNECTION_ARN, newApp, PROD_ENV, REPOSITORY, TOOLING_ACCOUNT, TOOLING_ENV, UAT_ENV, type CloudAssembly, type SynthOptions } from './common';

/** Name of the permissions boundary the platform team deploys into every account. */
export const BOUNDARY_POLICY_NAME = 'pipeline-boundary';
/** The CDK CLI version the pipeline installs (pinned, never "latest"). */
export const CDK_CLI_VERSION = '2.1031.0';
/** The internal npm registry (CodeArtifact) every build installs from. */
export const CODEARTIFACT_DOMAIN = 'example';
export const CODEARTIFACT_REPOSITORY = 'npm-internal';
export const NPM_REGISTRY = `https://${CODEARTIFACT_DOMAIN}-${TOOLING_ACCOUNT}.d.codeartifact.${TOOLING_ENV.region}.amazonaws.com/npm/${CODEARTIFACT_REPOSITORY}/`;

/** A KMS key with rotation, kept when the stack is deleted. */
function cmk(scope: Construct, id: string, description: string): kms.Key {
  return new kms.Key(scope, id, {
    description,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * A bucket for S3 server access logs. It is marked as a log-delivery target the way pipeline-guard
 * recognises one (the LogDeliveryWrite canned ACL, which needs ObjectWriter ownership), so it is not
 * asked to log into yet another bucket; S3 supports SSE-S3 default encryption on log targets.
 */
function accessLogBucket(scope: Construct, id: string): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    accessControl: s3.BucketAccessControl.LOG_DELIVERY_WRITE,
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** A data bucket: CMK, versioning, access logs, TLS only, no public access, no ACLs. */
function hardenedBucket(scope: Construct, id: string, key: kms.IKey, logBucket: s3.IBucket): s3.Bucket {
  return new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: `${id}/`,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** Every role in `scope` carries the platform's permissions boundary (in its own account). */
function applyBoundary(scope: Construct): void {
  iam.PermissionsBoundary.of(scope).apply(
    iam.ManagedPolicy.fromManagedPolicyArn(scope, 'PlatformBoundary', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${BOUNDARY_POLICY_NAME}`),
  );
}

/** The application: one hardened bucket. */
export class HardenedAppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = cmk(this, 'DataKey', 'Encrypts the application data bucket');
    const logBucket = accessLogBucket(this, 'AccessLogs');
    hardenedBucket(this, 'Data', key, logBucket);
    applyBoundary(this);
  }
}

export class HardenedAppStage extends Stage {
  constructor(scope: Construct, id: string, props?: StageProps) {
    super(scope, id, props);
    new HardenedAppStack(this, 'App');
  }
}

/** Where the UAT and Prod stages deploy: the pipeline's own account (the shipped example) or their own accounts. */
export type HardenedStages = 'pipeline-account' | 'stage-accounts';

export interface HardenedPipelineStackProps extends StackProps {
  /** Default 'pipeline-account': both stages deploy into the pipeline stack's environment. */
  stages?: HardenedStages;
}

export class HardenedPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props: HardenedPipelineStackProps = {}) {
    super(scope, id, props);
    const crossAccount = props.stages === 'stage-accounts';
    const uatEnv: Environment | undefined = crossAccount ? UAT_ENV : props.env;
    const prodEnv: Environment | undefined = crossAccount ? PROD_ENV : props.env;

    const artifactKey = cmk(this, 'ArtifactKey', 'Encrypts pipeline artifacts');
    const logsKey = cmk(this, 'LogsKey', 'Encrypts the build logs');
    logsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
      }),
    );

    const logBucket = accessLogBucket(this, 'AccessLogs');
    const artifactBucket = hardenedBucket(this, 'Artifacts', artifactKey, logBucket);

    const buildLogs = new logs.LogGroup(this, 'BuildLogs', {
      encryptionKey: logsKey,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Builds run in isolated subnets: no internet route; AWS services and CodeArtifact through endpoints.
    const vpc = new ec2.Vpc(this, 'BuildVpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'builds', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    for (const [name, service] of Object.entries({
      CodeArtifactApi: ec2.InterfaceVpcEndpointAwsService.CODEARTIFACT_API,
      CodeArtifactRepositories: ec2.InterfaceVpcEndpointAwsService.CODEARTIFACT_REPOSITORIES,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      CloudFormation: ec2.InterfaceVpcEndpointAwsService.CLOUDFORMATION,
    })) {
      vpc.addInterfaceEndpoint(name, { service, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });
    }
    const buildSecurityGroup = new ec2.SecurityGroup(this, 'BuildSecurityGroup', {
      vpc,
      description: 'CodeBuild projects of the pipeline: HTTPS to the VPC endpoints only',
      allowAllOutbound: false,
    });
    buildSecurityGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'VPC endpoints');

    const pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineType: codepipeline.PipelineType.V2,
      artifactBucket,
      cliVersion: CDK_CLI_VERSION,
      dockerEnabledForSynth: false,
      dockerEnabledForSelfMutation: false,
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection(REPOSITORY, 'main', { connectionArn: CONNECTION_ARN, triggerOnPush: true }),
        installCommands: [`npm install -g aws-cdk@${CDK_CLI_VERSION}`],
        commands: ['npm ci', 'npm run build', 'npx cdk synth'],
      }),
      codeBuildDefaults: {
        vpc,
        subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        securityGroups: [buildSecurityGroup],
        buildEnvironment: {
          buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
          computeType: codebuild.ComputeType.MEDIUM,
          privileged: false,
        },
        timeout: Duration.minutes(30),
        logging: { cloudWatch: { logGroup: buildLogs } },
        partialBuildSpec: codebuild.BuildSpec.fromObject({
          env: { variables: { NPM_CONFIG_REGISTRY: NPM_REGISTRY } },
          phases: {
            install: {
              commands: [
                `aws codeartifact login --tool npm --domain ${CODEARTIFACT_DOMAIN} --domain-owner ${TOOLING_ACCOUNT} --repository ${CODEARTIFACT_REPOSITORY}`,
              ],
            },
          },
        }),
        rolePolicy: [
          new iam.PolicyStatement({
            actions: ['codeartifact:GetAuthorizationToken', 'codeartifact:GetRepositoryEndpoint', 'codeartifact:ReadFromRepository'],
            resources: [
              `arn:${this.partition}:codeartifact:${this.region}:${TOOLING_ACCOUNT}:domain/${CODEARTIFACT_DOMAIN}`,
              `arn:${this.partition}:codeartifact:${this.region}:${TOOLING_ACCOUNT}:repository/${CODEARTIFACT_DOMAIN}/${CODEARTIFACT_REPOSITORY}`,
            ],
          }),
          new iam.PolicyStatement({
            actions: ['sts:GetServiceBearerToken'],
            resources: ['*'],
            conditions: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
          }),
        ],
      },
    });

    pipeline.addStage(new HardenedAppStage(this, 'UAT', { env: uatEnv }));
    pipeline.addStage(new HardenedAppStage(this, 'Prod', { env: prodEnv }), {
      pre: [new pipelines.ManualApprovalStep('PromoteToProd', { comment: 'Promote the release verified in UAT to production' })],
    });
    applyBoundary(this);
  }
}

export interface HardenedSynthOptions extends SynthOptions {
  /** Default 'pipeline-account' (examples/hardened/cdk.out); 'stage-accounts' needs a configuration trusting UAT_ACCOUNT and PROD_ACCOUNT. */
  stages?: HardenedStages;
}

export function synthHardenedPipeline(options: HardenedSynthOptions = {}): CloudAssembly {
  const app = newApp(options);
  new HardenedPipelineStack(app, 'HardenedPipeline', { env: TOOLING_ENV, stages: options.stages });
  return app.synth();
}
