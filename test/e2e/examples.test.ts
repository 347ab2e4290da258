/**
 * The synthesized examples shipped in examples/<name>/cdk.out are up to date with the CDK code, and
 * `pipeline-guard check` gives the verdict the README promises: the insecure assembly fails, the
 * hardened one passes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SHIPPED_EXAMPLES } from '../../examples/cdk';
import { parseCheckArgs, runCheckCommand } from '../../src/cli/check';

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
    // the examples' stage accounts are trusted accounts (CICD.ACCOUNTS.1): the README command passes the same file
    const options = parseCheckArgs([...paths, '--fail-on-unknown', '--config', join(ROOT, 'examples', 'hook-config.json')]);
    const out: string[] = [];
    const env: NodeJS.ProcessEnv = {};
    const outcome = await runCheckCommand(options, { stdout: (t) => out.push(t), stderr: () => undefined, stdoutTty: false, stderrTty: false, env });
    return { code: outcome.code, report: out.join('') };
  }

  test('examples/hardened/cdk.out passes (exit 0)', async () => {
    const { code, report } = await check([join(ROOT, 'examples', 'hardened', 'cdk.out')]);
    expect({ code, report }).toMatchObject({ code: 0 });
  });

  test('examples/insecure/cdk.out fails (exit 1)', async () => {
    const { code, report } = await check([join(ROOT, 'examples', 'insecure', 'cdk.out')]);
    expect(code).toBe(1);
    expect(report).toContain('CICD.CODEBUILD.5');
  });

  test('both together (the README command) fail (exit 1)', async () => {
    const { code } = await check([join(ROOT, 'examples', 'insecure', 'cdk.out'), join(ROOT, 'examples', 'hardened', 'cdk.out')]);
    expect(code).toBe(1);
  });
});
