/**
 * Shared settings of the example CDK apps: fixed accounts and region, no lookups, no AWS account needed.
 * Every app is synthesized in-process (tests, scripts/synth-examples.mjs) with these environments.
 */
import { App, type Environment } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

export const REGION = 'eu-west-1';
/** Pipeline/tooling account. */
export const TOOLING_ACCOUNT = '123456789012';
export const UAT_ACCOUNT = '111111111111';
export const PROD_ACCOUNT = '222222222222';

export const TOOLING_ENV: Environment = { account: TOOLING_ACCOUNT, region: REGION };
export const UAT_ENV: Environment = { account: UAT_ACCOUNT, region: REGION };
export const PROD_ENV: Environment = { account: PROD_ACCOUNT, region: REGION };

/** The CodeConnections connection of the examples (a made-up but well-formed ARN). */
export const CONNECTION_ARN = `arn:aws:codeconnections:${REGION}:${TOOLING_ACCOUNT}:connection/6a1c2b3d-4e5f-4a6b-9c8d-0e1f2a3b4c5d`;
export const REPOSITORY = 'example-org/example-app';

export interface SynthOptions {
  /** Directory for the cloud assembly (default: a fresh temporary directory chosen by the CDK). */
  outdir?: string;
}

/** An App that never looks anything up and writes no version reporting / analytics metadata. */
export function newApp(options: SynthOptions = {}): App {
  return new App({
    outdir: options.outdir,
    analyticsReporting: false,
    context: {
      // deterministic output: no CDK metadata resources, no asset staging outside the assembly
      'aws:cdk:version-reporting': false,
      // no construction stack traces (local paths) in the assembly metadata
      'aws:cdk:disable-stack-trace': true,
      'aws:cdk:disable-creation-stack-traces': true,
      '@aws-cdk/core:newStyleStackSynthesis': true,
      // as in the cdk.json of `cdk init`: access-log delivery through a bucket policy, not an ACL
      '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
    },
  });
}

export type { CloudAssembly };
