#!/usr/bin/env node
/**
 * Synthesize the example CDK apps (examples/cdk/*.ts) into examples/<name>/cdk.out, the cloud
 * assemblies that `pipeline-guard check` and the README use. The TypeScript is bundled with esbuild
 * (packages stay external) into .cache/, then run in this process; asset directories are not kept.
 *
 *   node scripts/synth-examples.mjs [--out DIR]     (default DIR: examples)
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outRoot = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, 'examples'));

const bundle = join(root, '.cache', 'synth-examples', 'index.cjs');
await build({
  entryPoints: [join(root, 'examples', 'cdk', 'index.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { SHIPPED_EXAMPLES } = createRequire(import.meta.url)(bundle);

const TRACE_KEYS = new Set(['trace', 'stackTraces', 'acknowledgedStackTrace']);

function withoutTraces(v) {
  if (Array.isArray(v)) return v.map(withoutTraces);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !TRACE_KEYS.has(k)).map(([k, x]) => [k, withoutTraces(x)]));
}

/**
 * Make an assembly tree shippable: remove asset staging (asset.* files and directories) and the
 * construction stack traces CDK writes into metadata and the validation report (they carry local paths).
 */
function tidy(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.name.startsWith('asset.')) rmSync(p, { recursive: true, force: true });
    else if (entry.isDirectory()) tidy(p);
    else if (entry.name.endsWith('.metadata.json') || entry.name === 'validation-report.json') {
      writeFileSync(p, `${JSON.stringify(withoutTraces(JSON.parse(readFileSync(p, 'utf8'))), null, 2)}\n`);
    }
  }
}

for (const [name, synth] of Object.entries(SHIPPED_EXAMPLES)) {
  const outdir = join(outRoot, name, 'cdk.out');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  synth({ outdir });
  tidy(outdir);
  process.stdout.write(`${name}: ${outdir}\n`);
}
