/**
 * Real CDK Pipelines, synthesized in-process and delivered to the hook resource by resource exactly as
 * CloudFormation would (intrinsics resolved, primitives stringified, only targeted types):
 *
 * - the pipeline from the CDK documentation: its findings are pinned in a snapshot that changes only on
 *   purpose (`${stack}/${logicalId} ${controlId}` for every FAILED annotation);
 * - the hardened pipeline: passes every control, with no exemption, under the default configuration and
 *   under the platform configuration. A finding there is either missing hardening in
 *   examples/cdk/hardened-pipeline.ts or a false positive in a control.
 */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { PROD_ACCOUNT, UAT_ACCOUNT } from '../../examples/cdk/common';
import { synthDefaultPipeline } from '../../examples/cdk/default-pipeline';
import { synthHardenedPipeline } from '../../examples/cdk/hardened-pipeline';
import { targetNamesFor } from '../../src/engine/schema';
import { failedLines, failureDetail, hookTargets, resolvedResources, runAssembly, stacksOf, type ResourceInvocation, type SynthStack } from '../helpers/cdk';
import { ctl, PLATFORM_CONFIG } from './platform';

let defaultStacks: SynthStack[];
let hardenedStacks: SynthStack[];

beforeAll(() => {
  defaultStacks = stacksOf(synthDefaultPipeline() as CloudAssembly);
  // the cross-account variant (UAT and Prod in their own accounts); the shipped example is single-account
  hardenedStacks = stacksOf(synthHardenedPipeline({ stages: 'stage-accounts' }) as CloudAssembly);
});

function hasIntrinsic(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasIntrinsic);
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  if (keys.some((k) => k === 'Ref' || k.startsWith('Fn::'))) return true;
  return Object.values(v).some(hasIntrinsic);
}

describe('the CDK-to-hook bridge', () => {
  test('every stack of the pipelines is found, including the nested stage assemblies', () => {
    expect(defaultStacks.map((s) => `${s.path} ${s.account}`)).toEqual([
      'DefaultPipeline 123456789012',
      'DefaultPipeline/Prod/App 222222222222',
      'DefaultPipeline/UAT/App 111111111111',
    ]);
    expect(hardenedStacks.map((s) => `${s.path} ${s.account}`)).toEqual([
      'HardenedPipeline 123456789012',
      'HardenedPipeline/Prod/App 222222222222',
      'HardenedPipeline/UAT/App 111111111111',
    ]);
  });

  test('the resolver leaves no intrinsic function in any resource of any stack', () => {
    for (const s of [...defaultStacks, ...hardenedStacks]) {
      for (const r of resolvedResources(s)) expect({ id: r.logicalId, intrinsic: hasIntrinsic(r.properties) }).toEqual({ id: r.logicalId, intrinsic: false });
    }
  });

  test('KMS key references resolve to key ARNs in the stack account, as CloudFormation returns them', () => {
    const [pipeline] = defaultStacks;
    const project = hookTargets(pipeline).find((t) => t.type === 'AWS::CodePipeline::Pipeline');
    const store = (project?.properties.ArtifactStore ?? {}) as { EncryptionKey?: { Id?: string } };
    // the shipped resolver names a template key by its logical ID (CloudFormation: a UUID)
    expect(store.EncryptionKey?.Id).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/PipelineArtifactsBucketEncryptionKey[0-9A-F]{8}$/);
  });

  test('primitives arrive as strings', () => {
    const projects = hookTargets(hardenedStacks[0]).filter((t) => t.type === 'AWS::CodeBuild::Project');
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) expect((p.properties.Environment as Record<string, unknown>).PrivilegedMode).toBe('false');
  });
});

describe('the pipeline from the CDK documentation', () => {
  let results: ResourceInvocation[];
  let platform: ResourceInvocation[];
  beforeAll(async () => {
    results = await runAssembly(defaultStacks);
    platform = await runAssembly(defaultStacks, PLATFORM_CONFIG);
  });

  test('findings with the default configuration (snapshot: changes only on purpose)', () => {
    expect(failedLines(results)).toMatchSnapshot();
  });

  test('findings with the platform configuration (snapshot: changes only on purpose)', () => {
    expect(failedLines(platform)).toMatchSnapshot();
  });

  test('every answer is a compliance verdict, never an error or an UNKNOWN left by unresolved values', () => {
    for (const r of results) {
      expect({ where: `${r.stack.path}/${r.logicalId}`, code: r.response.errorCode ?? 'none' }).toEqual({
        where: `${r.stack.path}/${r.logicalId}`,
        code: r.response.hookStatus === 'FAILED' ? 'NonCompliant' : 'none',
      });
      for (const a of r.response.annotations ?? []) expect(a.statusMessage ?? '').not.toMatch(/^UNKNOWN: /);
    }
  });

  test.each([
    ['the CodeBuild projects run outside a VPC', 'AWS::CodeBuild::Project', 'CICD.CODEBUILD.8', 'project-runs-in-vpc'],
    ['the CodeBuild projects log to a log group nobody configured', 'AWS::CodeBuild::Project', 'CICD.CODEBUILD.3', 'project-logging-enabled'],
    ['no manual approval before Prod', 'AWS::CodePipeline::Pipeline', 'CICD.CODEPIPELINE.2', 'pipeline-approval-before-production'],
    ['the artifact key has no rotation', 'AWS::KMS::Key', 'CICD.KMS.1', 'kms-key-rotation'],
    ['the application bucket has no CMK', 'AWS::S3::Bucket', 'CICD.S3.1', 's3-bucket-kms-encryption'],
  ])('expected finding: %s', (_what, type, id, slug) => {
    ctl(id, slug);
    const hits = results.filter((r) => r.type === type && (r.response.annotations ?? []).some((a) => a.annotationName === id && a.status === 'FAILED'));
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe('the hardened pipeline', () => {
  test.each([
    // a cross-account pipeline hands its artifact key and bucket to the stage accounts: only the platform can trust them
    ['the default configuration with the stage accounts trusted', { TrustedAccountIds: [UAT_ACCOUNT, PROD_ACCOUNT] }],
    ['the platform configuration', PLATFORM_CONFIG],
  ])('passes every control with %s and no exemption', async (_name, config) => {
    const results = await runAssembly(hardenedStacks, config);
    // not vacuous: every targeted type in the stacks was evaluated by at least one control
    const types = new Set(results.map((r) => r.type));
    for (const t of ['AWS::CodeBuild::Project', 'AWS::CodePipeline::Pipeline', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::KMS::Key', 'AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::Logs::LogGroup']) {
      expect(types.has(t) && targetNamesFor('CREATE').includes(t)).toBe(true);
    }
    expect(results.every((r) => (r.response.annotations ?? []).some((a) => a.status === 'PASSED'))).toBe(true);
    expect(failureDetail(results).split('\n').filter(Boolean)).toEqual([]);
  });

  test('also passes on UPDATE (a no-op update of every resource)', async () => {
    const results = await runAssembly(hardenedStacks, PLATFORM_CONFIG, 'UPDATE');
    expect(failedLines(results)).toEqual([]);
  });
});
