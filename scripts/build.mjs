// Bundles the deployable handler (dist/handlers.js) and the CLI (dist/cli.js) with esbuild.
// AWS SDK v3 (@aws-sdk/*, @smithy/*) is provided by the Lambda nodejs22.x runtime and loaded lazily,
// so it stays external; everything else, including the Encryption SDK, is in the one bundle file.
//
// Cold start: the Encryption SDK (@aws-crypto/client-node with asn1.js, bn.js, readable-stream, …) is
// ~370 KB of minified code that is needed only when credentials arrive encrypted AND logs are delivered.
// esbuild already wraps it in lazy init functions, but V8 still has to pre-parse all of it when the
// bundle is loaded (measured: ~10 ms of a ~25 ms require). So it is bundled separately by esbuild and
// embedded in dist/handlers.js as deflated base64 text, which V8 scans as one string literal; it is
// inflated and compiled on first use (see lazyModulePlugin). No node_modules.
//
// Data: the generated data sets (IAM action catalogue, AWS managed policy documents; ~260 KiB brotli) are not
// code. They are copied from src/predicates/generated/*.br to `<bundle directory>/generated/` (dist/generated/
// for dist/handlers.js and dist/cli.js), where src/predicates/data-file.ts reads them on first use, relative to
// the bundle's __dirname — the same relative path as from src/predicates/ under ts-jest. scripts/package.mjs
// ships them in ResourceProvider.zip next to dist/handlers.js.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

/** Packages that the Lambda runtime provides; everything else must be in the bundle. */
export const RUNTIME_PROVIDED = ['@aws-sdk/*', '@smithy/*'];
/** Packages compiled on first use instead of at load (see the header). */
/** yaml is needed only for inline buildspecs (and by the CLI once it reads a template). */
export const LAZY_MODULES = ['@aws-crypto/client-node', 'yaml'];

/** Where the generators write the data files, and the directory next to a bundle they are copied to. */
export const DATA_SOURCE_DIR = 'src/predicates/generated';
export const DATA_DIR = 'generated';

/** The generated data files (names), as the generators wrote them. */
export function dataFiles() {
  return readdirSync(DATA_SOURCE_DIR).filter((f) => f.endsWith('.br')).sort();
}

/**
 * Puts the current data files into `<outDir>/generated/` (each through a rename, so that a process reading
 * dist/ meanwhile — a jest worker running dist/cli.js — never sees half a file) and removes any other; returns
 * their names.
 */
export function copyDataFiles(outDir) {
  const dir = join(outDir, DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const files = dataFiles();
  for (const f of files) {
    const tmp = join(dir, `.${f}.${process.pid}.tmp`);
    copyFileSync(join(DATA_SOURCE_DIR, f), tmp);
    renameSync(tmp, join(dir, f));
  }
  for (const f of readdirSync(dir)) if (!f.startsWith('.') && !files.includes(f)) rmSync(join(dir, f), { force: true });
  return files;
}

export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20', // runs on nodejs22.x in Lambda and on Node 20 locally (tests, CLI)
  format: 'cjs',
  minify: true,
  // No keepNames: it adds a __name() call per function at load. Error classes set their name explicitly.
  legalComments: 'none',
  external: RUNTIME_PROVIDED,
  logLevel: 'warning',
  metafile: true,
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Own property names of a module as Node loads it here (build time): the names a lazy stub must forward. */
function exportNames(specifier) {
  const mod = createRequire(join(process.cwd(), 'package.json'))(specifier);
  return Object.getOwnPropertyNames(mod).filter((k) => k !== '__esModule' && k !== 'default' && k !== 'module.exports');
}

/**
 * A module whose exports are getters that load the real module on first access. esbuild turns
 * `import { x } from 'm'` into `var import_m = __toESM(require_m())` at the importer's module init and
 * `(0, import_m.x)(...)` at each use, and __toESM copies exports as getters: so an `import` at the top of a
 * source file no longer loads `m` when the bundle loads, only when `x` is first used.
 */
function lazyStub(names, loadExpression, { esModule = false } = {}) {
  return [
    'let loaded;',
    `const load = () => (loaded === undefined ? (loaded = ${loadExpression}) : loaded);`,
    esModule ? "Object.defineProperty(module.exports, '__esModule', { value: true });" : '',
    `for (const k of ${JSON.stringify(names)}) Object.defineProperty(module.exports, k, { enumerable: true, get: () => load()[k] });`,
  ].join('\n');
}

/**
 * `import('<specifier>')` / `require('<specifier>')` / `import … from '<specifier>'` resolve to a stub module
 * that carries the package's own esbuild bundle as deflated base64 text and compiles it with the bundle's
 * `require` (so node builtins and runtime-provided @aws-sdk/* still resolve) the first time one of its exports
 * is read (see lazyStub: a top-level `import { parseDocument } from 'yaml'` compiles nothing at load).
 */
export function lazyModulePlugin(specifiers, { external = RUNTIME_PROVIDED, onChunk } = {}) {
  const filter = new RegExp(`^(${specifiers.map(escapeRe).join('|')})$`);
  return {
    name: 'lazy-module',
    setup(b) {
      b.onResolve({ filter }, (args) => (args.namespace === 'lazy-module' ? undefined : { path: args.path, namespace: 'lazy-module' }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, async (args) => {
        const chunk = await build({
          stdin: { contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: process.cwd(), sourcefile: args.path },
          bundle: true,
          platform: 'node',
          target: ESBUILD_OPTIONS.target,
          format: 'cjs',
          minify: true,
          legalComments: 'none',
          external,
          write: false,
          logLevel: 'warning',
        });
        const code = chunk.outputFiles[0].text;
        onChunk?.(args.path, code);
        const packed = deflateRawSync(Buffer.from(code, 'utf8'), { level: 9 }).toString('base64');
        const compile = [
          '(() => {',
          `  const packed = ${JSON.stringify(packed)};`,
          `  const code = require('node:zlib').inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8');`,
          `  const fn = require('node:vm').compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: __filename + '#' + ${JSON.stringify(args.path)} });`,
          '  const m = { exports: {} };',
          '  fn.call(m.exports, m.exports, require, m, __filename, __dirname);',
          '  return m.exports;',
          '})()',
        ].join('\n');
        const esModule = createRequire(join(process.cwd(), 'package.json'))(args.path).__esModule === true;
        return { contents: lazyStub(exportNames(args.path), compile, { esModule }), loader: 'js', resolveDir: process.cwd() };
      });
    },
  };
}

/**
 * Node builtins that are not loaded at startup and cost milliseconds to load (node:crypto ~4 ms, node:https
 * with tls and net ~4 ms on the bench machine), imported at the top of modules the first CodeBuild request
 * never uses (template resolution, stack payload fetch): loaded on first use instead (lazyStub).
 */
export const LAZY_BUILTINS = ['crypto', 'https', 'http', 'tls', 'net', 'zlib', 'child_process'];

export function lazyBuiltinsPlugin(names = LAZY_BUILTINS) {
  const filter = new RegExp(`^(node:)?(${names.map(escapeRe).join('|')})$`);
  return {
    name: 'lazy-builtin',
    setup(b) {
      b.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'lazy-builtin' }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: lazyStub(exportNames(args.path), `require(${JSON.stringify(args.path)})`),
        loader: 'js',
      }));
    },
  };
}

/** Builds dist/handlers.js and dist/cli.js (tests may build the handler alone, elsewhere). */
export async function buildAll({ quiet = process.env.PIPELINE_GUARD_BUILD_QUIET === '1', handlerOutfile = 'dist/handlers.js', cli = true } = {}) {
  mkdirSync(dirname(handlerOutfile), { recursive: true });
  const chunks = {};
  const handler = await build({
    ...ESBUILD_OPTIONS,
    entryPoints: ['src/handlers.ts'],
    outfile: handlerOutfile,
    plugins: [lazyModulePlugin(LAZY_MODULES, { onChunk: (spec, code) => (chunks[spec] = { bytes: code.length }) }), lazyBuiltinsPlugin()],
  });
  const data = copyDataFiles(dirname(handlerOutfile));
  if (cli) {
    await build({
      ...ESBUILD_OPTIONS,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
      plugins: [lazyModulePlugin(LAZY_MODULES), lazyBuiltinsPlugin()],
    });
    chmodSync('dist/cli.js', 0o755);
    if (dirname(handlerOutfile) !== 'dist') copyDataFiles('dist');
  }
  const bytes = Object.values(handler.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  if (!quiet) {
    const lazy = Object.entries(chunks).map(([s, c]) => `${s} ${(c.bytes / 1024).toFixed(0)} KiB, compiled on first use`).join('; ');
    console.error(
      `built ${handlerOutfile} (${(bytes / 1024).toFixed(0)} KiB; embedded: ${lazy}; data read on first use: ${data.map((f) => `${DATA_DIR}/${f}`).join(', ')})${cli ? ' and dist/cli.js' : ''}`,
    );
  }
  return { bytes, chunks, data };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildAll();
