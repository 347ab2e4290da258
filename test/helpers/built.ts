/**
 * `npm test` builds dist/ before jest starts, so tests that spawn dist/cli.js must not rebuild it (another
 * worker could be running it mid-write). Running a single test file by hand, the build is refreshed only
 * when dist/ is missing or older than the sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const outputs = ['dist/cli.js', 'dist/handlers.js'].map((f) => join(ROOT, f));
  const built = outputs.every((f) => existsSync(f)) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const sources = Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'pipelineguard-cicd-hook.json')).mtimeMs, statSync(join(ROOT, 'scripts', 'build.mjs')).mtimeMs);
  if (built >= sources) return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, env: { ...process.env, PIPELINE_GUARD_BUILD_QUIET: '1' }, stdio: 'pipe' });
}
