/**
 * CDK Pipelines as the documentation shows it: a connection source, a ShellStep synth, UAT and Prod
 * stages deployed one after the other. No hardening at all — this is what most teams start from.
 */
import { Stack, Stage, type StackProps, type StageProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { CONNECTION_ARN, newApp, PROD_ENV, REPOSITORY, TOOLING_ENV, UAT_ENV, type CloudAssembly, type SynthOptions } from './common';

/** The application: a bucket and a small function. */
export class DefaultAppStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Data');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      environment: { BUCKET_NAME: bucket.bucketName },
    });
    bucket.grantRead(fn);
  }
}

export class DefaultAppStage extends Stage {
  constructor(scope: Construct, id: string, props?: StageProps) {
    super(scope, id, props);
    new DefaultAppStack(this, 'App');
  }
}

export class DefaultPipelineStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const pipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      // required by the CDK as soon as a stage deploys to another account (the documented cross-account setup)
      crossAccountKeys: true,
      synth: new pipelines.ShellStep('Synth', {
        input: pipelines.CodePipelineSource.connection(REPOSITORY, 'main', { connectionArn: CONNECTION_ARN }),
        commands: ['npm ci', 'npm run build', 'npx cdk synth'],
      }),
    });
    pipeline.addStage(new DefaultAppStage(this, 'UAT', { env: UAT_ENV }));
    pipeline.addStage(new DefaultAppStage(this, 'Prod', { env: PROD_ENV }));
  }
}

export function synthDefaultPipeline(options: SynthOptions = {}): CloudAssembly {
  const app = newApp(options);
  new DefaultPipelineStack(app, 'DefaultPipeline', { env: TOOLING_ENV });
  return app.synth();
}
