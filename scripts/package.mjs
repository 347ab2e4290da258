// Builds the registry package for `aws cloudformation register-type --type HOOK` — the zip `cfn submit`
// would upload (hook-protocol notes §5.7) — from dist/handlers.js (run `npm run build` first):
//
//   schema.json                 the hook schema (<hyphenated-type-name>.json at the root, byte for byte)
//   configuration-schema.json   typeConfiguration + top-level definitions + typeName, as `cfn generate` derives it
//   .rpdk-config                project settings (runtime, entrypoint, testEntrypoint)
//   inputs/*                    contract-test inputs
//   ResourceProvider.zip        the Lambda code: dist/handlers.js, the data files it reads on first use
//                               (dist/generated/*.br, stored: already brotli) + a minimal package.json, no node_modules
//   .cfn_metadata.json          tool information
//
// Deterministic: fixed DOS timestamps, fixed modes, entries sorted by name — the same inputs give the
// same bytes. Outer entries are stored (as `cfn submit` does); the handler zip is deflated.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import yazl from 'yazl';

/** Local-time constructor on purpose: yazl writes DOS date/time from local fields, so this is TZ-independent. */
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;
export const PACKAGE_NAME = 'pipelineguard-cicd-hook.zip';

/** `PipelineGuard::CICD::Hook` → `pipelineguard-cicd-hook` (the CLI's file naming). */
export function hyphenatedName(typeName) {
  return typeName.split('::').map((s) => s.toLowerCase()).join('-');
}

/** What `cfn generate` writes as the configuration schema: typeConfiguration, then definitions, then typeName. */
export function configurationSchema(schema) {
  if (!schema.typeConfiguration) throw new Error('the hook schema has no typeConfiguration');
  return { ...schema.typeConfiguration, definitions: schema.definitions ?? {}, typeName: schema.typeName };
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Module specifiers the bundle leaves to the runtime; only node builtins and the runtime's AWS SDK v3 are allowed. */
export function checkExternals(specifiers) {
  const bad = specifiers.filter((s) => !BUILTINS.has(s) && !/^@aws-sdk\/[a-z0-9-]+$/.test(s));
  if (bad.length > 0) {
    throw new Error(`dist/handlers.js leaves ${bad.join(', ')} to the runtime, which the Lambda nodejs22.x runtime does not provide; bundle it`);
  }
  return specifiers;
}

/**
 * `require("x")` and `import("x")` calls in a bundle, including those of the chunks that scripts/build.mjs embeds as
 * deflated base64 text (compiled on first use), so that the check covers what actually ships.
 */
export function requiredSpecifiers(code) {
  const out = new Set();
  for (const m of code.matchAll(/\b(?:require|import)\(["']([^"']+)["']\)/g)) out.add(m[1]);
  for (const m of code.matchAll(/"([A-Za-z0-9+/]{1024,}={0,2})"/g)) {
    let chunk;
    try {
      chunk = inflateRawSync(Buffer.from(m[1], 'base64')).toString('utf8');
    } catch {
      continue; // not an embedded chunk
    }
    for (const s of requiredSpecifiers(chunk)) out.add(s);
  }
  return [...out].sort();
}

/** Data files a bundle reads at run time (src/predicates/data-file.ts): the `"<name>.br"` string literals in it. */
export function requiredDataFiles(code) {
  return [...new Set([...code.matchAll(/"([A-Za-z0-9_-]+\.br)"/g)].map((m) => m[1]))].sort();
}

/**
 * The data files next to the bundle (`<bundle dir>/generated/<name>`), each checked against the bundle: it must
 * exist and its SHA-256 must be the one the bundle pins (else the hook would fail every IAM request at run time).
 */
export function dataFilesFor(handlerRoot, handlerPath, code) {
  return requiredDataFiles(code).map((name) => {
    const rel = posix.join(posix.dirname(handlerPath), 'generated', name);
    const file = join(handlerRoot, rel);
    if (!existsSync(file)) throw new Error(`${handlerPath} reads ${rel}, which is missing: run \`npm run build\``);
    const bytes = readFileSync(file);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (!code.includes(`"${hash}"`)) throw new Error(`${rel} is not the data file ${handlerPath} was built with (SHA-256 differs): run \`npm run build\``);
    return [rel, bytes];
  });
}

/** Already-compressed entries (brotli data files) are stored; everything else is deflated when `compress`. */
function zipToBuffer(entries, compress) {
  return new Promise((resolvePromise, reject) => {
    const zip = new yazl.ZipFile();
    for (const [name, data] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      zip.addBuffer(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), name, {
        mtime: FIXED_MTIME,
        mode: FILE_MODE,
        compressionLevel: compress && !name.endsWith('.br') ? 9 : 0,
        forceDosTimestamp: true,
      });
    }
    zip.end();
    const chunks = [];
    zip.outputStream.on('data', (c) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
  });
}

/**
 * The Lambda code of the hook — what ResourceProvider.zip holds and what `cfn submit` zips from build/TypeFunction
 * (scripts/cfn-build.mjs): the bundle named by .rpdk-config's entrypoint, the data files it reads on first use and a
 * minimal package.json, no node_modules.
 */
export function resourceProviderFiles({ root = process.cwd(), handlerRoot = root } = {}) {
  const read = (p) => readFileSync(join(root, p));
  const settings = JSON.parse(read('.rpdk-config').toString('utf8'));
  const name = hyphenatedName(settings.typeName);
  // The Lambda handler strings are "<file without .js>.<export>" relative to the handler zip's root.
  const handlerFiles = new Set();
  for (const key of ['entrypoint', 'testEntrypoint']) {
    const m = /^(.+)\.([A-Za-z_$][\w$]*)$/.exec(settings[key] ?? '');
    if (!m) throw new Error(`.rpdk-config: ${key} must be "<path>.<export>"`);
    handlerFiles.add(`${m[1]}.js`);
  }
  if (handlerFiles.size !== 1) throw new Error('.rpdk-config: entrypoint and testEntrypoint must live in the same bundle');
  const [handlerPath] = handlerFiles;
  if (!existsSync(join(handlerRoot, handlerPath))) throw new Error(`${handlerPath} is missing: run \`npm run build\` first`);
  const handlerCode = readFileSync(join(handlerRoot, handlerPath));
  const externals = checkExternals(requiredSpecifiers(handlerCode.toString('utf8')));
  const data = dataFilesFor(handlerRoot, handlerPath, handlerCode.toString('utf8'));

  const pkg = JSON.parse(read('package.json').toString('utf8'));
  const runtimePackageJson = `${JSON.stringify(
    { name, version: pkg.version, private: true, description: pkg.description, license: pkg.license, main: handlerPath },
    null,
    2,
  )}\n`;
  return {
    files: [[handlerPath, handlerCode], ...data, ['package.json', runtimePackageJson]],
    handlerCode,
    dataBytes: data.reduce((n, [, b]) => n + b.length, 0),
    externals,
  };
}

/**
 * Writes the registry package to `outFile` (relative to `root`) and returns what it contains.
 * `root` must hold .rpdk-config, package.json, <name>.json and optionally inputs/; the bundle named
 * by .rpdk-config's entrypoint (dist/handlers.js) is read from `handlerRoot` (default: `root`).
 */
export async function buildPackage({ root = process.cwd(), outFile = join('build', PACKAGE_NAME), handlerRoot = root } = {}) {
  const read = (p) => readFileSync(join(root, p));
  const rpdkConfig = read('.rpdk-config');
  const settings = JSON.parse(rpdkConfig.toString('utf8'));
  if (settings.artifact_type !== 'HOOK') throw new Error('.rpdk-config: artifact_type must be HOOK');
  const name = hyphenatedName(settings.typeName);
  const schemaBytes = read(`${name}.json`);
  const schema = JSON.parse(schemaBytes.toString('utf8'));
  if (schema.typeName !== settings.typeName) throw new Error(`schema typeName ${schema.typeName} differs from .rpdk-config ${settings.typeName}`);

  const pkg = JSON.parse(read('package.json').toString('utf8'));
  const { files, handlerCode, dataBytes, externals } = resourceProviderFiles({ root, handlerRoot });
  const resourceProvider = await zipToBuffer(files, true);

  const entries = [
    ['schema.json', schemaBytes],
    ['configuration-schema.json', JSON.stringify(configurationSchema(schema), null, 4)],
    ['.rpdk-config', rpdkConfig],
    ['ResourceProvider.zip', resourceProvider],
    ['.cfn_metadata.json', JSON.stringify({ 'cli-version': 'n/a', 'plugin-tool': 'pipeline-guard', 'plugin-tool-version': pkg.version })],
  ];
  const inputsDir = join(root, 'inputs');
  if (existsSync(inputsDir)) {
    for (const f of readdirSync(inputsDir).sort()) if (f.endsWith('.json')) entries.push([`inputs/${f}`, readFileSync(join(inputsDir, f))]);
  }
  const zip = await zipToBuffer(entries, false);
  const out = resolve(root, outFile);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  return {
    path: out,
    bytes: zip.length,
    entries: entries.map(([n]) => n).sort(),
    handlerZipBytes: resourceProvider.length,
    handlerBytes: handlerCode.length,
    dataBytes,
    resourceProviderEntries: files.map(([n]) => n).sort(),
    externals,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await buildPackage();
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.error(
    `wrote ${r.path} (${kib(r.bytes)}): ${r.entries.join(', ')}\n` +
      `ResourceProvider.zip ${kib(r.handlerZipBytes)} (handlers.js ${kib(r.handlerBytes)}, data files ${kib(r.dataBytes)}); left to the runtime: ${r.externals.join(', ')}`,
  );
}
