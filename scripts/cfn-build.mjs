// `cfn submit` build step (.rpdk-config settings.buildCommand): the TypeScript plugin runs the build command with
// the function name appended ("... TypeFunction") in place of `npm install && sam build`, then zips
// build/TypeFunction/ as ResourceProvider.zip. This writes there exactly what `npm run package` puts into
// ResourceProvider.zip (scripts/package.mjs resourceProviderFiles): no SAM, no Docker, no node_modules.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resourceProviderFiles } from './package.mjs';

const fn = process.argv[2] ?? 'TypeFunction';
if (!/^[A-Za-z0-9]+$/.test(fn)) throw new Error(`unexpected function name ${JSON.stringify(fn)}`);
const out = join('build', fn);
rmSync(out, { recursive: true, force: true });
const { files } = resourceProviderFiles();
for (const [name, data] of files) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), data);
}
console.error(`wrote ${out}: ${files.map(([n]) => n).join(', ')}`);
