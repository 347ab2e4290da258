// Bundles the deployable handler (dist/handlers.js) and the CLI (dist/cli.js) with esbuild.
// AWS SDK v3 (@aws-sdk/*, @smithy/*) is provided by the Lambda nodejs22.x runtime and loaded lazily,
// so it stays external; everything else, including the Encryption SDK, is in the one bundle.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  external: ['@aws-sdk/*', '@smithy/*'],
  logLevel: 'warning',
  metafile: true,
};

mkdirSync('dist', { recursive: true });
const handler = await build({ ...common, entryPoints: ['src/handlers.ts'], outfile: 'dist/handlers.js' });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } });
chmodSync('dist/cli.js', 0o755);
const bytes = Object.values(handler.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
if (process.env.PIPELINE_GUARD_BUILD_QUIET !== '1') console.error(`built dist/handlers.js (${(bytes / 1024).toFixed(0)} KiB) and dist/cli.js`);
