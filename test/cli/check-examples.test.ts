/**
 * `pipeline-guard check` over the synthesized example apps shipped in examples/<name>/cdk.out (written by
 * scripts/synth-examples.mjs from real CDK code): real CDK Pipelines output, nested stage assemblies included,
 * evaluated under the embedded default configuration (no --config), as the README's main command runs them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';
import { HOOK_ERROR_ID } from '../../src/cli/check/run';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const assemblies = existsSync(EXAMPLES)
  ? readdirSync(EXAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES, d.name, 'cdk.out', 'manifest.json')))
      .map((d) => d.name)
  : [];

async function check(dir: string) {
  // no --config: the embedded secure default, as in the README's main command
  const outcome = await runCheckCommand(parseCheckArgs([join(EXAMPLES, dir, 'cdk.out'), '--format', 'json']), {
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutTty: false,
    stderrTty: false,
    env: {},
  });
  return { code: outcome.code, result: outcome.result! };
}

describe('examples/*/cdk.out', () => {
  it('the synthesized example assemblies are present (a missing folder fails, it does not skip)', () => {
    expect(assemblies).toEqual(expect.arrayContaining(['hardened', 'insecure']));
  });

  it.each(assemblies)('%s: every stack of the assembly is evaluated without a hook error', async (name) => {
    const { code, result } = await check(name);
    expect(result.summary.stacks).toBeGreaterThanOrEqual(1);
    expect(result.summary.resources).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.controlId === HOOK_ERROR_ID)).toEqual([]);
    if (name === 'hardened') {
      // the hardened app is compliant under the embedded default, and the template determines every value the controls read
      expect(result.findings.filter((f) => f.status === 'FAIL' || f.status === 'UNKNOWN').map((f) => `${f.stack}/${f.logicalId} ${f.controlId}: ${f.message}`)).toEqual([]);
      expect(code).toBe(0);
    }
    if (name === 'insecure') {
      expect(result.summary.fail).toBeGreaterThan(0);
      expect(result.findings.some((f) => f.controlId === 'CICD.CODEBUILD.5' && f.status === 'FAIL')).toBe(true);
      expect(code).toBe(1);
    }
  });

  it('CDK Pipelines stage stacks are found through the nested assemblies', async () => {
    const withStages = assemblies.filter((name) => readdirSync(join(EXAMPLES, name, 'cdk.out')).some((f) => f.startsWith('assembly-')));
    expect(withStages.length).toBeGreaterThan(0); // not vacuous: at least one example has nested stage assemblies
    for (const name of withStages) {
      const { result } = await check(name);
      expect(result.findings.some((f) => f.file.includes('/assembly-'))).toBe(true);
    }
  });
});
