/**
 * The CodeBuild controls against real CDK synth output, delivered as CloudFormation would (intrinsics
 * resolved, primitives stringified):
 * - a single-account CDK Pipeline with default settings and a file asset (synth, self-mutation and asset
 *   publishing projects, inline JSON buildspecs, EncryptionKey alias/aws/s3): fails exactly the key,
 *   VPC and logging controls, nothing else;
 * - the hardened example pipeline: passes every CodeBuild control;
 * - the insecure example pipeline: the planted CodeBuild problems are found and never echoed.
 */
import { App, Stack, Stage, type StageProps } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTION_ARN, REPOSITORY, TOOLING_ENV, newApp } from '../../../examples/cdk/common';
import { synthHardenedPipeline } from '../../../examples/cdk/hardened-pipeline';
import { FAKE_ACCESS_KEY_ID, FAKE_DB_PASSWORD, synthInsecurePipeline } from '../../../examples/cdk/insecure-pipeline';
import { ALL_CONTROLS } from '../../../src/controls';
import { runAssembly, stacksOf, type ResourceInvocation } from '../../helpers/cdk';

const CODEBUILD_IDS = ALL_CONTROLS.filter((c) => c.id.startsWith('CICD.CODEBUILD.')).map((c) => c.id);

class AssetStage extends Stage {
  constructor(scope: Construct, id: string, props: StageProps & { assetDir: string }) {
    super(scope, id, props);
    const stack = new Stack(this, 'App');
    new s3.Bucket(stack, 'Data');
    new s3assets.Asset(stack, 'Content', { path: props.assetDir });
  }
}

function synthSingleAccountDefault(): CloudAssembly {
  const assetDir = mkdtempSync(join(tmpdir(), 'cb-asset-'));
  writeFileSync(join(assetDir, 'index.html'), '<h1>hello</h1>');
  const app: App = newApp();
  const stack = new Stack(app, 'SimplePipeline', { env: TOOLING_ENV });
  const pipeline = new pipelines.CodePipeline(stack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection(REPOSITORY, 'main', { connectionArn: CONNECTION_ARN }),
      commands: ['npm ci', 'npm run build', 'npx cdk synth'],
    }),
  });
  pipeline.addStage(new AssetStage(stack, 'Prod', { env: TOOLING_ENV, assetDir }));
  return app.synth();
}

function codebuildOutcomes(results: ResourceInvocation[]): Array<{ where: string; id: string; status: string; message: string }> {
  const out: Array<{ where: string; id: string; status: string; message: string }> = [];
  for (const r of results.filter((x) => x.type.startsWith('AWS::CodeBuild::'))) {
    for (const a of r.response.annotations ?? []) {
      if (a.annotationName.startsWith('CICD.CODEBUILD.')) out.push({ where: r.logicalId, id: a.annotationName, status: a.status, message: a.statusMessage ?? '' });
    }
  }
  return out;
}

describe('single-account CDK Pipeline with defaults', () => {
  let results: ResourceInvocation[];
  beforeAll(async () => {
    results = await runAssembly(stacksOf(synthSingleAccountDefault()));
  });

  test('has synth, self-mutation and asset projects with inline JSON buildspecs and alias/aws/s3', () => {
    const projects = results.filter((r) => r.type === 'AWS::CodeBuild::Project');
    expect(projects.map((p) => p.logicalId).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/Synth/), expect.stringMatching(/SelfMutation/), expect.stringMatching(/Asset/)]));
    for (const p of projects) {
      expect(p.properties.EncryptionKey).toBe('alias/aws/s3');
      expect(String((p.properties.Source as Record<string, unknown>).BuildSpec)).toMatch(/^\{/);
    }
  });

  test('fails only the key, VPC and logging controls, on every project', () => {
    const failed = codebuildOutcomes(results).filter((o) => o.status === 'FAILED');
    expect([...new Set(failed.map((o) => o.id))].sort()).toEqual(['CICD.CODEBUILD.3', 'CICD.CODEBUILD.7', 'CICD.CODEBUILD.8']);
    const projects = results.filter((r) => r.type === 'AWS::CodeBuild::Project').length;
    expect(failed.length).toBe(projects * 3);
    for (const o of failed.filter((x) => x.id === 'CICD.CODEBUILD.7')) expect(o.message).toContain('alias/aws/s3');
    for (const o of failed) expect(o.message.startsWith('UNKNOWN')).toBe(false);
  });
});

describe('hardened example pipeline', () => {
  test('passes every CodeBuild control', async () => {
    const results = await runAssembly(stacksOf(synthHardenedPipeline() as CloudAssembly));
    const outcomes = codebuildOutcomes(results);
    expect(new Set(outcomes.map((o) => o.id))).toEqual(new Set(CODEBUILD_IDS.filter((id) => ALL_CONTROLS.find((c) => c.id === id)?.resourceTypes.includes('AWS::CodeBuild::Project'))));
    expect(outcomes.filter((o) => o.status !== 'PASSED')).toEqual([]);
  });
});

describe('insecure example pipeline', () => {
  let results: ResourceInvocation[];
  beforeAll(async () => {
    results = await runAssembly(stacksOf(synthInsecurePipeline() as CloudAssembly));
  });

  test('finds the plaintext secrets, the curl | bash and privileged mode', () => {
    const failed = codebuildOutcomes(results).filter((o) => o.status === 'FAILED');
    const byId = (id: string) => failed.filter((o) => o.id === id).map((o) => o.message).join('\n');
    expect(byId('CICD.CODEBUILD.2')).toContain('DB_PASSWORD');
    expect(byId('CICD.CODEBUILD.2')).toContain('DEPLOY_CONFIG');
    expect(byId('CICD.CODEBUILD.13')).toContain('phases.install.commands[0]');
    expect(byId('CICD.CODEBUILD.5')).toContain('Environment.PrivilegedMode');
  });

  test('never echoes the planted secrets', () => {
    const everything = JSON.stringify(results.map((r) => [r.response, r.logs]));
    for (const s of [FAKE_DB_PASSWORD, FAKE_ACCESS_KEY_ID]) expect(everything.includes(s)).toBe(false);
  });
});
