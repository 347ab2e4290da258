/**
 * The synthesized examples shipped in examples/<name>/cdk.out are up to date with the CDK code, and
 * `pipeline-guard check` gives the verdict the README promises under the EMBEDDED DEFAULT configuration (no
 * --config, as the README's main command runs it): the insecure assembly fails, the hardened one passes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { SHIPPED_EXAMPLES } from '../../examples/cdk';
import { PROD_ACCOUNT, TOOLING_ACCOUNT, UAT_ACCOUNT } from '../../examples/cdk/common';
import { synthHardenedPipeline } from '../../examples/cdk/hardened-pipeline';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { failedLines, runAssembly, stacksOf } from '../helpers/cdk';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

let fresh: string;

beforeAll(() => {
  fresh = mkdtempSync(join(tmpdir(), 'pipeline-guard-examples-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'synth-examples.mjs'), '--out', fresh], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
});

afterAll(() => {
  if (fresh) rmSync(fresh, { recursive: true, force: true });
});

test.each(Object.keys(SHIPPED_EXAMPLES))('examples/%s/cdk.out is what the CDK code synthesizes (run `node scripts/synth-examples.mjs`)', (name) => {
  const shipped = join(ROOT, 'examples', name, 'cdk.out');
  const regenerated = join(fresh, name, 'cdk.out');
  expect(files(shipped)).toEqual(files(regenerated));
  expect(files(shipped).some((f) => f.endsWith('.template.json'))).toBe(true);
  for (const f of files(regenerated)) {
    expect({ file: f, same: readFileSync(join(shipped, f), 'utf8') === readFileSync(join(regenerated, f), 'utf8') }).toEqual({ file: f, same: true });
  }
});

test('the shipped assemblies carry no local paths or stack traces', () => {
  for (const name of Object.keys(SHIPPED_EXAMPLES)) {
    const dir = join(ROOT, 'examples', name, 'cdk.out');
    for (const f of files(dir)) expect({ file: f, local: /\/(work|tmp|home|Users)\/|node internals/.test(readFileSync(join(dir, f), 'utf8')) }).toEqual({ file: f, local: false });
  }
});

describe('pipeline-guard check on the shipped examples', () => {
  async function check(paths: string[]): Promise<{ code: number; report: string }> {
    // no --config: the embedded secure default, as in the README's main command
    const options = parseCheckArgs([...paths, '--fail-on-unknown', '--format', 'json']);
    const out: string[] = [];
    const env: NodeJS.ProcessEnv = {};
    const outcome = await runCheckCommand(options, { stdout: (t) => out.push(t), stderr: () => undefined, stdoutTty: false, stderrTty: false, env });
    return { code: outcome.code, report: out.join('') };
  }

  type Row = { controlId: string; status: string; stack: string; logicalId: string; message: string };
  const rows = (report: string): Row[] => (JSON.parse(report) as { findings: Row[] }).findings;
  const notPassing = (report: string) => rows(report).filter((f) => f.status === 'FAIL' || f.status === 'UNKNOWN').map((f) => `${f.stack}/${f.logicalId} ${f.controlId}: ${f.message}`);

  test('examples/hardened/cdk.out passes under the embedded default: no FAIL, no UNKNOWN (exit 0 with --fail-on-unknown)', async () => {
    const { code, report } = await check([join(ROOT, 'examples', 'hardened', 'cdk.out')]);
    expect(notPassing(report)).toEqual([]);
    expect(code).toBe(0);
    // not vacuous: the trusted-account controls judged the artifact key and bucket policy and passed them
    const judged = (prefix: string) => rows(report).filter((f) => f.stack === 'HardenedPipeline' && f.logicalId.startsWith(prefix) && f.controlId === 'CICD.ACCOUNTS.1').map((f) => f.status);
    expect({ key: judged('ArtifactKey'), bucketPolicy: judged('ArtifactsPolicy') }).toEqual({ key: ['PASS'], bucketPolicy: ['PASS'] });
  });

  test('examples/insecure/cdk.out fails under the embedded default (exit 1)', async () => {
    const { code, report } = await check([join(ROOT, 'examples', 'insecure', 'cdk.out')]);
    expect(code).toBe(1);
    expect(rows(report).some((f) => f.controlId === 'CICD.CODEBUILD.5' && f.status === 'FAIL')).toBe(true);
  });

  test('both together (the README command) fail (exit 1)', async () => {
    const { code } = await check([join(ROOT, 'examples', 'insecure', 'cdk.out'), join(ROOT, 'examples', 'hardened', 'cdk.out')]);
    expect(code).toBe(1);
  });
});

describe('the hardened example is single-account; its cross-account variant needs the platform to trust the stage accounts', () => {
  test('every stack of the shipped hardened assembly deploys into the pipeline account', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'examples', 'hardened', 'cdk.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; environment?: string }> };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map((a) => a.environment)).toEqual([`aws://${TOOLING_ACCOUNT}/eu-west-1`]);
    const stages = stacksOf(synthHardenedPipeline() as CloudAssembly);
    expect(stages.map((st) => `${st.path} ${st.account}`)).toEqual([
      `HardenedPipeline ${TOOLING_ACCOUNT}`,
      `HardenedPipeline/Prod/App ${TOOLING_ACCOUNT}`,
      `HardenedPipeline/UAT/App ${TOOLING_ACCOUNT}`,
    ]);
  });

  test('the same pipeline with cross-account stages fails CICD.ACCOUNTS.1 and .4 under the embedded default (the stage accounts are not trusted by default)', async () => {
    const results = await runAssembly(stacksOf(synthHardenedPipeline({ stages: 'stage-accounts' }) as CloudAssembly));
    // only the artifact key and the artifact bucket policy, which name the stage accounts' deploy roles (ACCOUNTS.1),
    // and the pipeline and its role's policy, which run actions with and assume those roles (ACCOUNTS.4)
    expect([...new Set(failedLines(results))].sort()).toEqual([
      expect.stringMatching(/^HardenedPipeline\/ArtifactKey[0-9A-F]{8} CICD\.ACCOUNTS\.1$/),
      expect.stringMatching(/^HardenedPipeline\/ArtifactsPolicy[0-9A-F]{8} CICD\.ACCOUNTS\.1$/),
      expect.stringMatching(/^HardenedPipeline\/Pipeline[0-9A-F]{8} CICD\.ACCOUNTS\.4$/),
      expect.stringMatching(/^HardenedPipeline\/PipelineRoleDefaultPolicy[0-9A-F]{8} CICD\.ACCOUNTS\.4$/),
    ]);
    const messages = results.flatMap((r) => (r.response.annotations ?? []).filter((a) => a.status === 'FAILED').map((a) => a.statusMessage ?? ''));
    for (const account of [UAT_ACCOUNT, PROD_ACCOUNT]) expect(messages.some((m) => m.includes(`account ${account}`))).toBe(true);
    // and passes once the platform trusts them (test/e2e/cdk-pipelines.test.ts covers the full platform configuration)
    expect(failedLines(await runAssembly(stacksOf(synthHardenedPipeline({ stages: 'stage-accounts' }) as CloudAssembly), { TrustedAccountIds: [UAT_ACCOUNT, PROD_ACCOUNT] }))).toEqual([]);
  });
});
