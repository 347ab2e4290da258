/**
 * .ci/run fails loudly, first, when moto_server is missing (the live-lookup tests need it; they never skip).
 * Run with a PATH that holds only node, bash and dirname, so nothing after the check (npm ci) can run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function which(cmd: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.stdout.trim();
}

it('without moto_server on PATH: exit 1 with the pip install instruction, before npm runs', () => {
  const bin = mkdtempSync(join(tmpdir(), 'pg-ci-path-'));
  try {
    symlinkSync(process.execPath, join(bin, 'node'));
    for (const cmd of ['bash', 'dirname']) symlinkSync(which(cmd), join(bin, cmd));
    const r = spawnSync(join(bin, 'bash'), [join(ROOT, '.ci', 'run')], { env: { PATH: bin, HOME: bin }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("moto_server is not installed; the live-lookup tests need it: pip install 'moto[server]'");
    expect(r.stdout).not.toMatch(/npm|added \d+ packages/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
