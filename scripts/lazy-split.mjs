// EXPERIMENT, NOT USED BY THE BUILD (scripts/build.mjs does not call it): measured slower. See bench/NOTES.md,
// "2026-12-02 (issues 11/14, part 2)". Kept so that the measurement can be repeated:
//   node scripts/lazy-split.mjs <out dir> [--controls=files|groups|none] [--cjs-chunks]
// writes <out dir>/handlers.js (+ generated/) next to nothing else; compare it with dist/handlers.js using
// bench/cold-ab.mjs.
//
// The idea (issues 11/14): code the first request does not run should not be compiled at load. V8 pre-parses
// every function of a script when it is compiled, so "not run" is not enough: the code must not be script text.
// This splits the handler bundle into a main part (compiled at load) and chunks held as string literals, each
// compiled with `vm.compileFunction` on first use.
//
// What is lazy:
// - every control file (src/controls/<service>/<control>.ts): the bundle's `src/controls/index.ts` is replaced by
//   a generated catalogue of *proxies* — each control's metadata, evaluated at build time from the real
//   catalogue, as a frozen literal, and a `check`/`checkStack` that compiles the control's chunk on first call
//   and delegates to the real control. The registry, the engine and the control files are unchanged; the
//   controls the catalogue builds itself (CICD.SECRETS.4, CICD.STACK.5: factories given the other controls'
//   resource types) delegate to the real src/controls/index.ts, compiled in a chunk over the proxies (so
//   computing their arguments loads no other control);
// - LAZY_SRC_ROOTS below (stack evaluation, Lambda-hook mode, template parse/resolve): imported from main through
//   stubs whose exports are getters (see lazyStub in build.mjs), compiled on first use. A root whose export main
//   reads while it initialises (src/protocol/payload.ts: protocol/hook.ts's default deps) cannot be one: its
//   chunk would be compiled at load, before the host module has handed main's namespaces to the runtime.
//
// No module is duplicated: every module lives in exactly one place. Main holds what the entry point reaches
// without crossing a lazy edge; every other module goes to the chunk of its *signature* (the set of lazy roots
// that reach it), as esbuild's own code splitting does — so chunks never import each other in a cycle. A chunk
// imports a module of main or of another chunk through `require('lazy-chunk:<module>')`, answered by the
// runtime from main's module namespaces (a generated host module) or by compiling the other chunk. With ESM
// chunks (default) those imports are destructured once at chunk init (direct bindings, no getter per call).
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

/** Modules the first resource request does not need, imported by main through lazy stubs. */
export const LAZY_SRC_ROOTS = [
  'src/lambda-hook.ts',
  'src/protocol/lambda-hook.ts',
  'src/protocol/stack-response.ts',
  'src/facts/template.ts',
  'src/engine/stack-view.ts',
  'src/engine/imports.ts',
  'src/engine/nested.ts',
  'src/template/resolve.ts',
  'src/template/parse.ts',
  'src/template/stack.ts',
];

const CONTROLS_DIR = 'src/controls';
const INDEX = 'src/controls/index.ts';
const RUNTIME = 'lazy-runtime';
const HOST = 'lazy-host';
const CATALOGUE = 'lazy-proxy:catalogue';
const CHUNK_PREFIX = 'lazy-chunk:';
/** Marks the chunk texts in the bundle (scripts/package.mjs reads them back to check what they require). */
export const CHUNK_MARKER = '/*lazy-chunks*/';

const posixRel = (abs) => relative(process.cwd(), abs).split(sep).join('/');
/** The key of a resolved module, as esbuild's metafile names it. */
const keyOf = (r) => (r.namespace === 'file' ? posixRel(r.path) : `${r.namespace}:${r.path}`);

/** Control files (not index.ts, not types.ts) and group modules (<service>/index.ts). */
function controlFiles() {
  const files = [];
  const groups = [];
  for (const svc of readdirSync(CONTROLS_DIR, { withFileTypes: true })) {
    if (!svc.isDirectory()) continue;
    for (const f of readdirSync(join(CONTROLS_DIR, svc.name)).sort()) {
      if (!f.endsWith('.ts')) continue;
      (f === 'index.ts' ? groups : files).push(`${CONTROLS_DIR}/${svc.name}/${f}`);
    }
  }
  return { files: files.sort(), groups: groups.sort() };
}

/** Evaluates the real catalogue at build time (one bundle: object identity across modules holds). */
async function evaluateCatalogue(base, files, groups) {
  const dir = mkdtempSync(join(tmpdir(), 'pg-catalogue-'));
  try {
    const mods = [...files, ...groups];
    const entry = [`export * as index from ${JSON.stringify(resolve(INDEX))};`, ...mods.map((f, i) => `export * as m${i} from ${JSON.stringify(resolve(f))};`)].join('\n');
    const out = join(dir, 'catalogue.cjs');
    await build({ ...base, minify: false, metafile: false, plugins: [], external: ['@aws-sdk/*', '@smithy/*'], stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'catalogue-entry.ts', loader: 'ts' }, outfile: out });
    const ns = createRequire(out)(out);
    return { index: ns.index, modules: Object.fromEntries(mods.map((f, i) => [f, ns[`m${i}`]])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A JS literal for a metadata value (strings, numbers, booleans, arrays, plain objects). */
function literal(v, where) {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, where)).join(',')}]`;
  if (Object.getPrototypeOf(v) === Object.prototype) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${literal(x, where)}`).join(',')}}`;
  throw new Error(`lazy-split: ${where} holds a value that cannot be written as a literal (${typeof v})`);
}

/**
 * The generated modules: the catalogue of proxies, the replacement of src/controls/index.ts (main) and of each
 * group module (for the real index.ts in its chunk).
 */
function proxyModules(cat, files, groups) {
  const all = [...cat.index.ALL_CONTROLS, ...cat.index.STACK_CONTROLS];
  const extra = Object.keys(cat.index).filter((k) => k !== 'ALL_CONTROLS' && k !== 'STACK_CONTROLS');
  if (extra.length > 0) throw new Error(`lazy-split: src/controls/index.ts exports ${extra.join(', ')}; only ALL_CONTROLS and STACK_CONTROLS are proxied`);
  const home = new Map(); // control -> [file, export]
  for (const f of files) for (const [name, v] of Object.entries(cat.modules[f])) if (all.includes(v) && !home.has(v)) home.set(v, [f, name]);
  const proxies = all.map((c) => {
    const h = home.get(c);
    const target = h ? `R(${JSON.stringify(h[0])})[${JSON.stringify(h[1])}]` : `R(${JSON.stringify(INDEX)}).${cat.index.ALL_CONTROLS.includes(c) ? 'ALL_CONTROLS' : 'STACK_CONTROLS'}[${(cat.index.ALL_CONTROLS.includes(c) ? cat.index.ALL_CONTROLS : cat.index.STACK_CONTROLS).indexOf(c)}]`;
    const props = Object.keys(c).map((k) => {
      if (typeof c[k] === 'function') return `${JSON.stringify(k)}:function(){const c=${target};return c[${JSON.stringify(k)}].apply(c,arguments)}`;
      return `${JSON.stringify(k)}:${literal(c[k], `${c.id}.${k}`)}`;
    });
    return `Object.freeze({${props.join(',')}})`;
  });
  const catalogue = [`import { chunkRequire as R } from ${JSON.stringify(RUNTIME)};`, `export const P = [\n${proxies.join(',\n')}\n];`].join('\n');
  const at = (c) => `P[${all.indexOf(c)}]`;
  const index = [
    `import { P } from ${JSON.stringify(CATALOGUE)};`,
    `export const ALL_CONTROLS = [${cat.index.ALL_CONTROLS.map(at).join(',')}];`,
    `export const STACK_CONTROLS = [${cat.index.STACK_CONTROLS.map(at).join(',')}];`,
  ].join('\n');
  const group = {};
  for (const g of groups) {
    const lines = [`import { P } from ${JSON.stringify(CATALOGUE)};`];
    for (const [name, v] of Object.entries(cat.modules[g])) {
      if (!Array.isArray(v) || !v.every((c) => all.includes(c))) throw new Error(`lazy-split: ${g} exports ${name}, which is not a list of catalogue controls`);
      lines.push(`export const ${name} = [${v.map(at).join(',')}];`);
    }
    group[g] = lines.join('\n');
  }
  return { catalogue, index, group };
}

/** The lazy-runtime module: chunk texts, the module → chunk table, and the loader. */
function runtimeModule(chunks, owner) {
  return [
    `const code = ${CHUNK_MARKER}[${chunks.map((c) => JSON.stringify(c)).join(',\n')}];`,
    `const owner = ${JSON.stringify(owner)};`,
    'const loaded = [];',
    'let host;',
    'exports.setHost = (h) => { host = h; };',
    `const req = (id) => (id.startsWith(${JSON.stringify(CHUNK_PREFIX)}) ? exports.chunkRequire(id.slice(${CHUNK_PREFIX.length})) : require(id));`,
    'function load(i) {',
    '  if (loaded[i] !== undefined) return loaded[i];',
    "  const fn = require('node:vm').compileFunction(code[i], ['exports', 'require', 'module', '__filename', '__dirname'], { filename: __filename + '#chunk' + i });",
    '  const m = { exports: {} };',
    '  fn.call(m.exports, m.exports, req, m, __filename, __dirname);',
    '  return (loaded[i] = m.exports.modules);',
    '}',
    'let hosted;',
    'exports.chunkRequire = (key) => {',
    '  const i = owner[key];',
    '  if (i !== undefined) return load(i)[key];',
    '  hosted ??= host();',
    '  if (key in hosted) return hosted[key];',
    "  throw new Error('lazy chunk: no module ' + key);",
    '};',
  ].join('\n');
}

/**
 * A chunk bundled as ESM, turned into a function body: each import from another part becomes a destructuring of
 * that module's namespace at chunk init (direct bindings: no getter per call), the export a `module.exports`.
 */
function esmToFunctionBody(code) {
  const load = (s) => (s.startsWith(CHUNK_PREFIX) ? `__lazy(${JSON.stringify(s.slice(CHUNK_PREFIX.length))})` : `require(${JSON.stringify(s)})`);
  let out = code.replace(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)";?/g, (_, names, s) => {
    const pairs = names.split(',').map((n) => n.trim()).filter(Boolean).map((n) => { const [a, b] = n.split(/\s+as\s+/); return b ? `${a}:${b}` : a; });
    return `const{${pairs.join(',')}}=${load(s)};`;
  });
  out = out.replace(/import\s*\*\s*as\s*([\w$]+)\s*from\s*"([^"]+)";?/g, (_, n, s) => `const ${n}=${load(s)};`);
  out = out.replace(/import\s+([\w$]+)\s*from\s*"([^"]+)";?/g, (_, n, s) => `const ${n}=${load(s)}.default;`);
  out = out.replace(/import\s*"([^"]+)";?/g, (_, s) => `${load(s)};`);
  out = out.replace(/export\s*\{\s*([\w$]+)\s+as\s+modules\s*\};?\s*$/, (_, n) => `module.exports.modules=${n};`).replace(/export\s*\{\s*modules\s*\};?\s*$/, 'module.exports.modules=modules;');
  const stripped = out.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
  const leftover = /(^|[;}\s])(import|export)\s*[{*"]/.exec(stripped);
  if (leftover) throw new Error(`lazy-split: a chunk kept an import or export statement: ${stripped.slice(leftover.index, leftover.index + 120)}`);
  return `const __lazy=(k)=>require(${JSON.stringify(CHUNK_PREFIX)}+k);\n${out}`;
}

/** ESM view of a namespace for a chunk's `__toESM` (named and default imports read through it). */
const ESM_VIEW = "const esm = (ns) => Object.defineProperty(Object.create(ns), '__esModule', { value: true });";

/**
 * Bundles `entryPoints` (handler entry: src/handlers.ts) split as described in the header. `base` is the esbuild
 * options of the bundle, `plugins` its other plugins (lazy npm modules, lazy builtins). Returns the esbuild
 * result of the main build and the chunks ({ modules, bytes }).
 */
export async function buildSplit({ base, entry, outfile, plugins, extraRoots = LAZY_SRC_ROOTS, controls = 'files', esmChunks = true }) {
  const lazyControls = controls !== 'none';
  const { files, groups } = lazyControls ? controlFiles() : { files: [], groups: [] };
  const gen = lazyControls ? proxyModules(await evaluateCatalogue(base, files, groups), files, groups) : { group: {} };
  const groupSet = new Set(groups);
  const rootList = lazyControls ? [...files, INDEX, ...extraRoots] : [...extraRoots];
  const roots = new Set(rootList);

  /**
   * Resolution shared by all builds. mode: 'graph' (everything resolved, for the metafile), 'main' (roots
   * become stubs), 'chunk' (modules outside `inChunk` become `lazy-chunk:` externals). `virtual` supplies the
   * contents of the generated modules.
   */
  const splitPlugin = (mode, { inChunk, virtual }) => ({
    name: 'lazy-split',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.lazySplit) return undefined;
        if ([RUNTIME, HOST, CATALOGUE].includes(args.path) || args.path.startsWith('lazy-proxy:')) {
          if (mode === 'chunk' && !inChunk.has(args.path)) return { path: CHUNK_PREFIX + args.path, external: true };
          return { path: args.path, namespace: 'lazy-virtual' };
        }
        if (args.path.startsWith('lazy-entry:')) {
          // a chunk's entry names its modules by key: as they are (the real index.ts too)
          const key = args.path.slice('lazy-entry:'.length);
          if (key.startsWith('lazy-proxy:')) return { path: key, namespace: 'lazy-virtual' };
          if (key.startsWith('lazy-module:')) return b.resolve(key.slice('lazy-module:'.length), { kind: 'import-statement', resolveDir: process.cwd() });
          return { path: resolve(key) };
        }
        if (args.kind === 'entry-point') return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { lazySplit: true } });
        if (r.errors.length > 0 || r.external) return r.errors.length > 0 ? { errors: r.errors } : { path: r.path, external: true };
        let key = keyOf(r);
        // the real index.ts is only a chunk root; everywhere it is imported, the proxies stand in; its group
        // modules are read (by the real index.ts) as proxy lists
        if (key === INDEX && lazyControls) key = 'lazy-proxy:index';
        else if (groupSet.has(key)) key = `lazy-proxy:${key}`;
        if (key.startsWith('lazy-proxy:')) return mode === 'chunk' && !inChunk.has(key) ? { path: CHUNK_PREFIX + key, external: true } : { path: key, namespace: 'lazy-virtual' };
        // (tiny stubs, forwarding to node's own module: one per chunk is fine)
        if (key.startsWith('lazy-builtin:')) return undefined;
        if (mode === 'main' && roots.has(key)) return { path: key, namespace: 'lazy-stub' };
        if (mode === 'chunk' && !inChunk.has(key)) return { path: CHUNK_PREFIX + key, external: true };
        // resolved again by esbuild itself: returning `r` (from b.resolve, with another plugin present) lost the
        // tsconfig of the file (src/protocol/wire.ts was compiled with standard, not experimental, decorators)
        return undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-virtual' }, (args) => ({ contents: virtual(args.path), loader: 'js', resolveDir: process.cwd() }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-stub' }, (args) => ({ contents: virtual(`stub:${args.path}`), loader: 'js', resolveDir: process.cwd() }));
    },
  });
  const proxyContents = (key) => {
    if (key === CATALOGUE) return gen.catalogue;
    if (key === 'lazy-proxy:index') return gen.index;
    if (key.startsWith('lazy-proxy:')) return gen.group[key.slice('lazy-proxy:'.length)];
    return undefined;
  };

  // 1. the module graph (every root an entry point; esm + splitting only to get each entry's export names)
  const graph = await build({
    ...base,
    entryPoints: [entry, ...rootList.map((r) => resolve(r))],
    outfile: undefined,
    outdir: join(tmpdir(), 'lazy-split-graph'),
    format: 'esm',
    splitting: true,
    write: false,
    metafile: true,
    minify: false,
    logLevel: 'silent',
    plugins: [splitPlugin('graph', { virtual: (k) => proxyContents(k) ?? (k === RUNTIME ? 'exports.chunkRequire = () => undefined; exports.setHost = () => undefined;' : '') }), ...plugins],
  });
  const inputs = graph.metafile.inputs;
  const exportsOf = {};
  for (const o of Object.values(graph.metafile.outputs)) if (o.entryPoint) exportsOf[o.entryPoint.replace(/^lazy-virtual:/, '')] = o.exports;
  const edges = (k) => (inputs[k.startsWith('lazy-proxy:') || k === RUNTIME || k === HOST || k === CATALOGUE ? `lazy-virtual:${k}` : k]?.imports ?? [])
    .filter((i) => !i.external && !i.path.startsWith('lazy-builtin:'))
    .map((i) => i.path.replace(/^lazy-virtual:/, ''));
  const reach = (start, stop) => {
    const seen = new Set([start]);
    const todo = [start];
    while (todo.length) for (const n of edges(todo.pop())) if (!seen.has(n) && !stop(n)) (seen.add(n), todo.push(n));
    return seen;
  };
  const entryKey = posixRel(resolve(entry));
  const main = reach(entryKey, (n) => roots.has(n));
  const sig = new Map();
  for (const r of rootList) {
    if (main.has(r)) throw new Error(`lazy-split: ${r} is reached from ${entry} without a lazy edge`);
    // 'groups': the control files of one service count as one root (fewer, bigger chunks)
    const label = controls === 'groups' ? r.replace(/^(src\/controls\/[^/]+)\/.*$/, '$1') : r;
    for (const m of reach(r, (n) => (roots.has(n) && n !== r) || main.has(n))) if (!sig.get(m)?.includes(label)) sig.set(m, [...(sig.get(m) ?? []), label]);
  }
  const bySig = new Map();
  for (const [m, s] of sig) {
    const k = s.join('|');
    bySig.set(k, [...(bySig.get(k) ?? []), m]);
  }
  const chunkModules = [...bySig.values()].map((ms) => ms.sort());
  const owner = {};
  chunkModules.forEach((ms, i) => ms.forEach((m) => (owner[m] = i)));

  // 2. the chunks (each module's namespace exported under its key)
  const hosted = new Set();
  const chunkCode = [];
  for (const ms of chunkModules) {
    const inChunk = new Set(ms);
    const spec = (m) => `lazy-entry:${m}`;
    const contents = [...ms.map((m, i) => `import * as n${i} from ${JSON.stringify(spec(m))};`), `export const modules = {${ms.map((m, i) => `${JSON.stringify(m)}: n${i}`).join(', ')}};`].join('\n');
    const r = await build({
      ...base,
      stdin: { contents, resolveDir: process.cwd(), sourcefile: 'lazy-chunk-entry.js', loader: 'js' },
      outfile: undefined,
      write: false,
      metafile: true,
      ...(esmChunks ? { format: 'esm' } : {}),
      plugins: [splitPlugin('chunk', { inChunk, virtual: (k) => proxyContents(k) }), ...plugins],
    });
    for (const i of Object.values(r.metafile.inputs).flatMap((x) => x.imports)) {
      if (!i.path.startsWith(CHUNK_PREFIX)) continue;
      const k = i.path.slice(CHUNK_PREFIX.length);
      if (owner[k] === undefined) hosted.add(k);
    }
    const unexpected = Object.keys(r.metafile.inputs).filter((k) => k !== 'lazy-chunk-entry.js' && !inChunk.has(k.replace(/^lazy-virtual:/, '')) && !k.startsWith('lazy-builtin:'));
    if (unexpected.length > 0) throw new Error(`lazy-split: a chunk bundled modules of another part: ${unexpected.join(', ')}`);
    chunkCode.push(esmChunks ? esmToFunctionBody(r.outputFiles[0].text) : r.outputFiles[0].text);
  }
  for (const k of hosted) if (!main.has(k)) throw new Error(`lazy-split: ${k} is imported by a chunk but is in no part`);

  // 3. main, with the host (main's namespaces that chunks import) and the stubs of the roots it imports
  const hostList = [...hosted].sort();
  const hostModule = [
    `import { setHost } from ${JSON.stringify(RUNTIME)};`,
    ...hostList.map((m, i) => `import * as h${i} from ${JSON.stringify(m.startsWith('lazy-module:') ? m.slice('lazy-module:'.length) : m.startsWith('lazy-') ? m : resolve(m))};`),
    ESM_VIEW,
    `setHost(() => ({${hostList.map((m, i) => `${JSON.stringify(m)}: esm(h${i})`).join(', ')}}));`,
  ].join('\n');
  const stub = (key) => {
    const names = exportsOf[key];
    if (!names) throw new Error(`lazy-split: no export list for ${key}`);
    return [
      `const { chunkRequire } = require(${JSON.stringify(RUNTIME)});`,
      'let loaded;',
      `const load = () => (loaded === undefined ? (loaded = chunkRequire(${JSON.stringify(key)})) : loaded);`,
      "Object.defineProperty(module.exports, '__esModule', { value: true });",
      `for (const k of ${JSON.stringify(names)}) Object.defineProperty(module.exports, k, { enumerable: true, get: () => load()[k] });`,
    ].join('\n');
  };
  // the entry, with the host imported (its namespaces are handed to the runtime when main is initialised)
  const mainEntry = `export * from ${JSON.stringify(resolve(entry))};\nimport ${JSON.stringify(HOST)};`;
  const result = await build({
    ...base,
    stdin: { contents: mainEntry, resolveDir: process.cwd(), sourcefile: 'lazy-main-entry.js', loader: 'js' },
    outfile,
    plugins: [
      splitPlugin('main', {
        virtual: (k) => (k.startsWith('stub:') ? stub(k.slice(5)) : k === HOST ? hostModule : k === RUNTIME ? runtimeModule(chunkCode, owner) : proxyContents(k)),
      }),
      ...plugins,
    ],
  });
  const mainInputs = new Set(Object.keys(result.metafile.inputs).map((k) => k.replace(/^lazy-(virtual|stub):/, '')));
  const dup = Object.keys(owner).filter((k) => mainInputs.has(k) && !roots.has(k));
  if (dup.length > 0) throw new Error(`lazy-split: modules both in main and in a chunk: ${dup.join(', ')}`);
  return { result, chunks: chunkModules.map((modules, i) => ({ modules, bytes: chunkCode[i].length, code: chunkCode[i] })) };
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { ESBUILD_OPTIONS, LAZY_MODULES, copyDataFiles, lazyBuiltinsPlugin, lazyModulePlugin } = await import('./build.mjs');
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node scripts/lazy-split.mjs <out dir> [--controls=files|groups|none] [--cjs-chunks]');
  const controls = process.argv.find((a) => a.startsWith('--controls='))?.slice('--controls='.length) ?? 'files';
  const { result, chunks } = await buildSplit({
    base: ESBUILD_OPTIONS,
    entry: 'src/handlers.ts',
    outfile: join(outDir, 'handlers.js'),
    plugins: [lazyModulePlugin(LAZY_MODULES), lazyBuiltinsPlugin()],
    controls,
    esmChunks: !process.argv.includes('--cjs-chunks'),
  });
  copyDataFiles(outDir);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.error(`${join(outDir, 'handlers.js')}: ${(bytes / 1024).toFixed(0)} KiB, ${chunks.length} chunks (${(chunks.reduce((n, c) => n + c.bytes, 0) / 1024).toFixed(0)} KiB of them)`);
}
