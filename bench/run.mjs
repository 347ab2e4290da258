// `npm run bench` (builds first): cold start, warm evaluation, `check` throughput, bundle size and memory of
// the hook, printed as a table and written to bench/results.md with the machine it ran on. Informational:
// it never fails on a missed target and is not part of CI.
//
// Cold starts are fresh `node` processes, interleaved with the floor (`node -e 0`) so that machine noise
// hits both alike; the ratio is of medians. Warm numbers are per request through `entrypoint`, in-process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyDataFiles, ESBUILD_OPTIONS, LAZY_MODULES, lazyBuiltinsPlugin, lazyModulePlugin } from '../scripts/build.mjs';
import { buildPackage } from '../scripts/package.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'bench/out');
const FIX = join(ROOT, 'bench/fixtures');
const require = createRequire(import.meta.url);
const QUICK = process.argv.includes('--quick');
const COLD_RUNS = QUICK ? 8 : 25;
const VARIANT_RUNS = QUICK ? 5 : 12;
const WARM_REQUESTS = QUICK ? 1000 : 5000;
const WARM_BUDGET_MS = QUICK ? 2000 : 8000; // per case; slow cases stop early (the request count is reported)
const LIB = '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
const TARGETS = { coldRatio: 1.3, warmP99Ms: 1, checkSeconds: 1, zipKiB: 300, stackMedianMs: 20 };
/** `--only=stack` / `--only=cold`: run one section (printed, bench/results.md untouched) — e.g. on a shared machine. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
mkdirSync(OUT, { recursive: true });

// ---------------------------------------------------------------- helpers
const sorted = (a) => [...a].sort((x, y) => x - y);
const q = (a, p) => {
  const s = sorted(a);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const median = (a) => q(a, 50);
const f1 = (n) => (n === undefined ? 'n/a' : n.toFixed(1));
const f2 = (n) => (n === undefined ? 'n/a' : n.toFixed(2));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const verdict = (ok) => (ok ? 'met' : '**missed**');

function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

/** A realistic CodeBuild CREATE request, as CloudFormation sends it (strings for primitives, JSON credentials). */
function codebuildRequest(props, { token = 'bench-0001', action = 'CREATE', previous, type = 'AWS::CodeBuild::Project', logicalId = 'BuildProject' } = {}) {
  const targetModel = { resourceProperties: props };
  if (action === 'UPDATE') targetModel.previousResourceProperties = previous ?? props;
  return {
    clientRequestToken: token,
    awsAccountId: '111111111111',
    stackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/PipelineStack/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f',
    changeSetId: null,
    hookTypeName: 'PipelineGuard::CICD::Hook',
    hookTypeVersion: '00000001',
    hookModel: null,
    actionInvocationPoint: `${action}_PRE_PROVISION`,
    requestData: {
      targetName: type,
      targetType: 'RESOURCE',
      targetLogicalId: logicalId,
      targetModel,
      callerCredentials: JSON.stringify({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'bench/secret/key/value/not/real/0000000000', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' }),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

const fixture = (f) => JSON.parse(readFileSync(join(FIX, f), 'utf8'));
// the CodeBuild project CDK Pipelines generates (inline buildspec, environment, role): a typical first request
const COLD_BUILD = fixture('cdk-pipeline.json').largest.codebuild;
const COLD_REQUEST = codebuildRequest(COLD_BUILD.properties, { logicalId: COLD_BUILD.logicalId });

function run(args, env = {}) {
  const t = now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, PIPELINE_GUARD_LOG: 'off', ...env } });
  return { ms: now() - t, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Child program: load a handler bundle, answer one request, report timings and peak RSS. */
const coldChild = (file, request = COLD_REQUEST) =>
  `const t0=process.hrtime.bigint();const h=require(${JSON.stringify(file)});const t1=process.hrtime.bigint();` +
  `h.entrypoint(${JSON.stringify(request)}).then((r)=>{const t2=process.hrtime.bigint();` +
  `require('fs').writeSync(1,JSON.stringify({load:Number(t1-t0)/1e6,first:Number(t2-t1)/1e6,rss:process.resourceUsage().maxRSS,status:r.hookStatus}))})`;

// ---------------------------------------------------------------- variants for comparison (bench/out only)
async function buildVariant(name, { lazy = true, plugins = [] } = {}) {
  const outfile = join(OUT, `${name}.js`);
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(ROOT, 'src/handlers.ts')],
    outfile,
    metafile: false,
    logLevel: 'silent',
    plugins: [...plugins, ...(lazy ? [lazyModulePlugin(LAZY_MODULES)] : []), lazyBuiltinsPlugin()],
  });
  copyDataFiles(OUT); // the data sets are read from <bundle dir>/generated/ (scripts/build.mjs)
  return outfile;
}

/**
 * What-if: the same handler without the plugin library at run time. Its `dist/interface` (which requires
 * reflect-metadata and class-transformer at import) and class-transformer are replaced by minimal stubs
 * with the same exports, so the difference to the shipped bundle is exactly the library's load cost.
 */
const LIB_INTERFACE = '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib/dist/interface';
const LIB_ERROR_CODES = ['NotUpdatable', 'InvalidRequest', 'AccessDenied', 'InvalidCredentials', 'AlreadyExists', 'NotFound', 'ResourceConflict', 'Throttling', 'ServiceLimitExceeded', 'NotStabilized', 'GeneralServiceException', 'ServiceInternalError', 'NetworkFailure', 'InternalFailure', 'InvalidTypeConfiguration'];
const STUBS = {
  'class-transformer': 'exports.Expose = () => () => undefined;',
  [LIB_INTERFACE]: [
    "exports.OperationStatus = { Pending: 'PENDING', InProgress: 'IN_PROGRESS', Success: 'SUCCESS', Failed: 'FAILED' };",
    `exports.HandlerErrorCode = ${JSON.stringify(Object.fromEntries(LIB_ERROR_CODES.map((c) => [c, c])))};`,
    'exports.BaseDto = class BaseDto { constructor(partial) { if (partial) Object.assign(this, partial); } };',
  ].join('\n'),
};
const plainWire = {
  name: 'no-plugin-library',
  setup(b) {
    b.onResolve({ filter: /^(class-transformer|@amazon-web-services-cloudformation\/cloudformation-cli-typescript-lib\/dist\/interface)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
};

// ---------------------------------------------------------------- 1. package and bundle size
async function sizes() {
  const pkg = await buildPackage({ root: ROOT, outFile: join(OUT, 'pipelineguard-cicd-hook.zip') });
  return pkg;
}

// ---------------------------------------------------------------- 2. cold start
async function coldStart() {
  const handler = join(ROOT, 'dist/handlers.js');
  const variants = {};
  const notes = [];
  try {
    variants['eager Encryption SDK (previous build)'] = await buildVariant('variant-eager-crypto', { lazy: false });
  } catch (e) {
    notes.push(`eager variant not built: ${e.message.split('\n')[0]}`);
  }
  try {
    variants['what-if: without the plugin library at run time (its dist/interface and class-transformer stubbed; not shipped)'] = await buildVariant('variant-plain-wire', { plugins: [plainWire] });
  } catch (e) {
    notes.push(`what-if variant not built (wire.ts changed?): ${e.message.split('\n')[0]}`);
  }

  // the same request without callerCredentials: no live lookup (issue 14) can run, so this is the bundle's own
  // cost (load + evaluation); the shipped row includes what the first lookup costs (SDK client load, network)
  const { callerCredentials: _omit, ...noCredentials } = COLD_REQUEST.requestData;
  variants['dist/handlers.js, same request without callerCredentials (no live lookups)'] = { file: handler, request: { ...COLD_REQUEST, requestData: noCredentials } };

  const floor = [];
  const hand = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const order = i % 2 === 0 ? ['floor', 'hand'] : ['hand', 'floor'];
    for (const which of order) {
      if (which === 'floor') floor.push(run(['-e', '0']).ms);
      else {
        const r = run(['-e', coldChild(handler)]);
        if (r.status !== 0) throw new Error(`cold-start child failed: ${r.stderr}`);
        hand.push({ ms: r.ms, ...JSON.parse(r.stdout) });
      }
    }
  }
  const floorRss = sorted(Array.from({ length: 3 }, () => Number(run(['-e', "require('fs').writeSync(1,String(process.resourceUsage().maxRSS))"]).stdout)))[1];

  // library paths: the root (fails without aws-sdk v2) and the dist/interface path wire.ts uses
  const root = run(['-e', `require(${JSON.stringify(LIB)})`]);
  const rootError = (root.stderr.match(/Error: [^\n]+/) ?? ['(loaded)'])[0];
  const awsSdkV2 = run(['-e', "require.resolve('aws-sdk')"]).status === 0;
  const libPaths = {
    [`require('${LIB}/dist/interface') (unbundled, from node_modules)`]: `require(${JSON.stringify(`${LIB}/dist/interface`)})`,
    "require('reflect-metadata') + require('class-transformer') (unbundled)": "require('reflect-metadata');require('class-transformer')",
  };
  const rows = [];
  const vfloor = [];
  const vres = Object.fromEntries([...Object.keys(variants), ...Object.keys(libPaths)].map((k) => [k, []]));
  for (let i = 0; i < VARIANT_RUNS; i++) {
    vfloor.push(run(['-e', '0']).ms);
    for (const [k, v] of Object.entries(variants)) {
      const r = run(['-e', typeof v === 'string' ? coldChild(v) : coldChild(v.file, v.request)]);
      if (r.status === 0) vres[k].push({ ms: r.ms, ...JSON.parse(r.stdout) });
    }
    for (const [k, code] of Object.entries(libPaths)) {
      const r = run(['-e', code]);
      if (r.status === 0) vres[k].push({ ms: r.ms });
    }
  }
  const vf = median(vfloor);
  for (const [k, a] of Object.entries(vres)) {
    if (a.length === 0) {
      rows.push({ name: k, note: 'failed to run' });
      continue;
    }
    const ms = a.map((x) => x.ms);
    rows.push({
      name: k,
      median: median(ms),
      p10: q(ms, 10),
      p90: q(ms, 90),
      ratio: median(ms) / vf,
      load: a[0].load !== undefined ? median(a.map((x) => x.load)) : undefined,
      first: a[0].first !== undefined ? median(a.map((x) => x.first)) : undefined,
    });
  }
  const hms = hand.map((x) => x.ms);
  return {
    runs: COLD_RUNS,
    floor: { median: median(floor), p10: q(floor, 10), p90: q(floor, 90), rss: floorRss },
    handler: {
      median: median(hms),
      p10: q(hms, 10),
      p90: q(hms, 90),
      load: median(hand.map((x) => x.load)),
      first: median(hand.map((x) => x.first)),
      rss: median(hand.map((x) => x.rss)),
      rssMax: Math.max(...hand.map((x) => x.rss)),
      status: hand[0].status,
    },
    ratio: median(hms) / median(floor),
    variantFloor: vf,
    variantRuns: VARIANT_RUNS,
    variants: rows,
    rootError,
    awsSdkV2,
    notes,
  };
}

// ---------------------------------------------------------------- 3. warm evaluation
function warm() {
  process.env.PIPELINE_GUARD_LOG = 'off';
  const h = require(join(ROOT, 'dist/handlers.js'));
  const cdkFix = fixture('cdk-pipeline.json');
  const cb = fixture('codebuild-long-buildspec.json');
  const pol = fixture('iam-policy-50.json');
  const stress = fixture('codebuild-stress-buildspec.json');
  const p = cdkFix.largest.pipeline;
  const cases = [
    ['CDK Pipelines AWS::CodePipeline::Pipeline, CREATE', codebuildRequest(p.properties, { type: p.type, logicalId: p.logicalId })],
    ['same pipeline, UPDATE (previous state too)', codebuildRequest(p.properties, { type: p.type, logicalId: p.logicalId, action: 'UPDATE' })],
    ['CodeBuild project, 120-command inline buildspec, CREATE', codebuildRequest(cb.properties, { type: cb.type, logicalId: cb.logicalId })],
    ['stress: CodeBuild project, 400-command (40 KB) inline buildspec, CREATE', codebuildRequest(stress.properties, { type: stress.type, logicalId: stress.logicalId })],
    ['AWS::IAM::Policy with 50 statements, CREATE', codebuildRequest(pol.properties, { type: pol.type, logicalId: pol.logicalId })],
  ];
  return (async () => {
    const out = [];
    for (const [name, req] of cases) {
      const sizeKiB = JSON.stringify(req.requestData.targetModel).length / 1024;
      let last;
      for (let i = 0, end = now() + WARM_BUDGET_MS / 4; i < 300 && (i < 20 || now() < end); i++) last = await h.entrypoint(req);
      const t = [];
      const deadline = now() + WARM_BUDGET_MS;
      for (let i = 0; i < WARM_REQUESTS && (i < 200 || now() < deadline); i++) {
        const a = process.hrtime.bigint();
        last = await h.entrypoint(req);
        t.push(Number(process.hrtime.bigint() - a) / 1e6);
      }
      out.push({
        name,
        n: t.length,
        sizeKiB,
        median: median(t),
        p99: q(t, 99),
        max: Math.max(...t),
        status: `${last.hookStatus}${last.errorCode ? ` ${last.errorCode}` : ''}, ${last.annotations?.length ?? 0} annotations`,
      });
    }
    return out;
  })();
}

// ---------------------------------------------------------------- 4. check throughput
function template5000() {
  const cdkFix = fixture('cdk-pipeline.json');
  const pool = [
    ...Object.values(cdkFix.template.Resources).map((r) => ({ Type: r.Type, Properties: r.Properties ?? {} })),
    { Type: 'AWS::CodeBuild::Project', Properties: fixture('codebuild-long-buildspec.json').properties },
    { Type: 'AWS::IAM::Policy', Properties: fixture('iam-policy-50.json').properties },
    { Type: 'AWS::CodePipeline::Pipeline', Properties: cdkFix.largest.pipeline.properties },
  ];
  const Resources = {};
  for (let i = 0; i < 5000; i++) Resources[`Resource${String(i).padStart(4, '0')}`] = pool[i % pool.length];
  const file = join(OUT, 'template-5000.json');
  writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources }));
  return { file, types: [...new Set(pool.map((r) => r.Type))].length, Resources };
}

/** A copy of a resource with every reference to a logical ID of its template renamed (Ref, Fn::GetAtt, ${…} in Fn::Sub, DependsOn). */
function renamed(value, rename) {
  if (Array.isArray(value)) return value.map((v) => renamed(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string') return { Ref: rename(value.Ref) };
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const a = value['Fn::GetAtt'];
    if (typeof a === 'string') return { 'Fn::GetAtt': a.replace(/^[^.]+/, (id) => rename(id)) };
    if (Array.isArray(a) && typeof a[0] === 'string') return { 'Fn::GetAtt': [rename(a[0]), ...a.slice(1).map((v) => renamed(v, rename))] };
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const sub = (text) => text.replace(/\$\{([^!}][^}.]*)(\.[^}]*)?\}/g, (_m, id, attr = '') => `\${${rename(id.trim())}${attr}}`);
    const a = value['Fn::Sub'];
    if (typeof a === 'string') return { 'Fn::Sub': sub(a) };
    if (Array.isArray(a) && typeof a[0] === 'string') return { 'Fn::Sub': [sub(a[0]), renamed(a[1], rename)] };
  }
  const out = {};
  for (const k of keys) out[k] = renamed(value[k], rename);
  return out;
}

/** The logical IDs a resource refers to (Ref, Fn::GetAtt, ${…}, DependsOn), among `ids`. */
function refsOf(resource, ids) {
  const found = new Set();
  renamed(resource, (id) => {
    if (ids.has(id)) found.add(id);
    return id;
  });
  for (const d of [resource.DependsOn ?? []].flat()) if (ids.has(d)) found.add(d);
  return found;
}

/**
 * A realistic mix: the hardened example's synthesized resources (every stack) copied until `count`
 * resources, each copy of a template under renamed logical IDs (`<id>T<template>N<copy>`) with its
 * references renamed alike, so relations stay whole (a copied pipeline uses its own copied bucket and
 * role). The last, partial copy takes whole reference closures only.
 */
function templateHardened(count = 5000, name = `template-${count}-hardened.json`) {
  const dir = join(ROOT, 'examples/hardened/cdk.out');
  if (!existsSync(dir)) return undefined;
  const files = [];
  (function walk(d) {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(d, f.name));
      else if (f.name.endsWith('.template.json')) files.push(join(d, f.name));
    }
  })(dir);
  const templates = files.sort().map((f) => JSON.parse(readFileSync(f, 'utf8')).Resources ?? {});
  const Resources = {};
  let total = 0;
  for (let n = 0; total < count; n++) {
    const before = total;
    templates.forEach((resources, t) => {
      const ids = new Set(Object.keys(resources));
      const rename = (id) => (ids.has(id) ? `${id}T${t}N${n}` : id);
      for (const id of ids) {
        if (total >= count) return;
        if (rename(id) in Resources) continue;
        // the closure of `id` (itself and what it refers to, transitively) goes in whole or not at all
        const closure = new Set();
        const walk = (x) => {
          if (closure.has(x) || rename(x) in Resources) return;
          closure.add(x);
          for (const dep of refsOf(resources[x], ids)) walk(dep);
        };
        walk(id);
        if (total + closure.size > count) continue;
        for (const x of closure) {
          const r = resources[x];
          const copy = renamed(r, rename);
          if (r.DependsOn !== undefined) copy.DependsOn = [r.DependsOn].flat().map(rename);
          Resources[rename(x)] = copy;
          total++;
        }
      }
    });
    if (total === before) break; // nothing fits any more
  }
  const file = join(OUT, name);
  writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources }));
  return { file, resources: total };
}

function templateHardened5000() {
  return templateHardened(5000)?.file;
}

// ---------------------------------------------------------------- 5. stack-level evaluation
/**
 * STACK evaluation of a 500-resource template (the hardened mix with consistent references), payload
 * already fetched: the hook entry with `fetchPayload` serving the text from memory, so what is timed is
 * parsing the payload and the template, the relation graph and every stack control.
 */
async function stackLevel() {
  const made = templateHardened(500, 'template-500-hardened.json');
  if (!made) return undefined;
  const text = JSON.stringify({ template: readFileSync(made.file, 'utf8'), previousTemplate: '' });
  const bundle = join(OUT, 'stack-hook.cjs');
  await build({ entryPoints: [join(ROOT, 'src/protocol/hook.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
  const { handleHookEvent } = require(bundle);
  const event = {
    clientRequestToken: 'bench-stack-0001',
    awsAccountId: '123456789012',
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/bench/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f',
    hookTypeName: 'PipelineGuard::CICD::Hook',
    hookTypeVersion: '00000001',
    hookModel: null,
    actionInvocationPoint: 'CREATE_PRE_PROVISION',
    requestData: { targetName: 'STACK', targetType: 'STACK', targetLogicalId: 'bench', targetModel: {}, payload: 'https://bench.invalid/payload.json' },
    requestContext: { invocation: 1, callbackContext: null },
  };
  const deps = { sink: { enabled: () => false, write: () => undefined }, deliver: undefined, fetchPayload: async () => text };
  let last;
  for (let i = 0; i < 10; i++) last = await handleHookEvent(event, deps);
  const t = [];
  for (let i = 0, end = now() + (QUICK ? 3000 : 10000); i < 200 && (i < 30 || now() < end); i++) {
    const a = process.hrtime.bigint();
    last = await handleHookEvent(event, deps);
    t.push(Number(process.hrtime.bigint() - a) / 1e6);
  }
  const cli = join(ROOT, 'dist/cli.js');
  const hardened5000 = templateHardened5000();
  const check5000 = hardened5000 && existsSync(cli) ? run([cli, 'check', hardened5000]) : undefined;
  return {
    resources: made.resources,
    payloadKiB: text.length / 1024,
    n: t.length,
    median: median(t),
    p99: q(t, 99),
    min: Math.min(...t),
    status: `${last.hookStatus}${last.errorCode ? ` ${last.errorCode}` : ''}, ${last.annotations?.length ?? 0} annotations`,
    check5000: check5000 ? { ms: check5000.ms, exit: check5000.status, stdout: check5000.stdout } : undefined,
  };
}

function stackReport(st) {
  if (!st) return ['## Stack level', '', '- examples/hardened/cdk.out not found: not measured.', ''];
  return [
    '## Stack level',
    '',
    `STACK evaluation of a ${st.resources}-resource template (the hardened example's resources copied under renamed logical IDs, references kept consistent), payload already fetched (${st.payloadKiB.toFixed(1)} KiB served from memory by \`fetchPayload\`), through the hook entry (\`handleHookEvent\`) in one warm process: ${st.n} requests.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| STACK, 500 resources, warm median | ${f2(st.median)} ms (best ${f2(st.min)} ms, p99 ${f2(st.p99)} ms; ${st.status}; load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) | ≤ ${TARGETS.stackMedianMs} ms | ${verdict(st.median <= TARGETS.stackMedianMs)} |`,
    ...(st.check5000 ? [`| \`check\` on the realistic 5,000-resource template exits 0 | exit ${st.check5000.exit} (${f1(st.check5000.ms)} ms) | 0 | ${verdict(st.check5000.exit === 0)} |`] : []),
    '',
  ];
}

async function throughput() {
  const { file, types, Resources } = template5000();
  const result = { resources: 5000, types, cli: undefined, realistic: undefined, cdk: [], engine: undefined, notes: [] };
  const cli = join(ROOT, 'dist/cli.js');
  const probe = run([cli, 'check', file]);
  const unavailable = /not implemented|not available|unknown command/i.test(probe.stderr) || probe.status === 2;
  if (unavailable) {
    result.notes.push(`\`pipeline-guard check\` is not available in this build (${(probe.stderr.split('\n')[0] || `exit ${probe.status}`).trim()}); the engine over 5,000 requests through \`entrypoint\` is measured as a proxy.`);
  } else {
    const t = [probe.ms];
    if (probe.ms < 5000) for (let i = 0; i < (QUICK ? 1 : 4); i++) t.push(run([cli, 'check', file]).ms);
    result.cli = { median: median(t), min: Math.min(...t), exit: probe.status };
    const hardened = templateHardened5000();
    if (hardened) {
      const t3 = Array.from({ length: QUICK ? 2 : 5 }, () => run([cli, 'check', hardened]));
      result.realistic = { median: median(t3.map((x) => x.ms)), min: Math.min(...t3.map((x) => x.ms)), exit: t3[0].status };
    }
    const cdkOut = ['examples/insecure/cdk.out', 'examples/hardened/cdk.out'].filter((d) => existsSync(join(ROOT, d)));
    for (const d of cdkOut) {
      const t2 = Array.from({ length: 3 }, () => run([cli, 'check', d]));
      const templates = readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.template.json')).length;
      result.cdk.push({ dir: d, templates, median: median(t2.map((x) => x.ms)), exit: t2[0].status });
    }
    if (cdkOut.length === 0) result.notes.push('examples/*/cdk.out not found (synthesize the examples first) — CDK examples not measured.');
  }
  // the engine alone: 5,000 requests through entrypoint, in-process (a warm Lambda answering the same stack)
  process.env.PIPELINE_GUARD_LOG = 'off';
  const h = require(join(ROOT, 'dist/handlers.js'));
  const reqs = Object.entries(Resources).map(([id, r], i) => codebuildRequest(r.Properties, { type: r.Type, logicalId: id, token: `t-${i}` }));
  const t0 = now();
  let unsupported = 0;
  for (const r of reqs) {
    const res = await h.entrypoint(r);
    if (res.errorCode === 'UnsupportedTarget') unsupported++;
  }
  result.engine = { ms: now() - t0, unsupported };
  return result;
}

// ---------------------------------------------------------------- report
function report(m, size, cold, warmRows, tp) {
  const L = [];
  const zipOk = size.handlerZipBytes <= TARGETS.zipKiB * 1024;
  const coldOk = cold.ratio <= TARGETS.coldRatio;
  const warmOk = warmRows.every((r) => r.p99 <= TARGETS.warmP99Ms);
  const checkMs = tp.cli ? tp.cli.median : tp.engine.ms;
  const checkOk = checkMs <= TARGETS.checkSeconds * 1000;
  L.push('# pipeline-guard benchmarks', '');
  L.push(`Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Informational only — not a CI gate.`, '');
  L.push('## Machine', '');
  L.push(`- OS: ${m.os}`, `- CPU: ${m.cpu}, ${m.cores} cores`, `- Memory: ${m.memory}`, `- Node.js: ${m.node} (Lambda runs nodejs22.x)`);
  L.push(`- Load average (1/5/15 min) at start: ${m.load}; at the end: ${machine().load}. A load above the core count means other work shared the CPUs and every number here is inflated by it.`, '');
  L.push('## Summary', '');
  L.push('| measure | result | target | |', '|---|---|---|---|');
  L.push(`| cold start (load + first CodeBuild CREATE request, ${COLD_BUILD.logicalId}) vs \`node -e 0\` | ${f1(cold.handler.median)} ms vs ${f1(cold.floor.median)} ms = **${f2(cold.ratio)}×** | ≤ ${TARGETS.coldRatio}× | ${verdict(coldOk)} |`);
  L.push(`| warm evaluation p99, worst of the large resources (incl. the stress case) | ${f2(Math.max(...warmRows.map((r) => r.p99)))} ms | ≤ ${TARGETS.warmP99Ms} ms | ${verdict(warmOk)} |`);
  L.push(
    tp.cli
      ? `| \`pipeline-guard check\` on a 5,000-resource template (whole process) | ${f1(tp.cli.median)} ms | ≤ ${TARGETS.checkSeconds} s | ${verdict(checkOk)} |`
      : `| engine over 5,000 requests (proxy: \`check\` not available) | ${f1(tp.engine.ms)} ms | ≤ ${TARGETS.checkSeconds} s | ${verdict(checkOk)} |`,
  );
  L.push(`| deployable handler zip (ResourceProvider.zip) | ${kib(size.handlerZipBytes)} (handlers.js ${kib(size.handlerBytes)}) | ≤ ${TARGETS.zipKiB} KiB | ${verdict(zipOk)} |`);
  L.push(`| peak RSS, cold start | ${(cold.handler.rss / 1024).toFixed(1)} MiB (floor ${(cold.floor.rss / 1024).toFixed(1)} MiB) | — | |`, '');

  L.push('## Cold start', '');
  L.push(
    `${cold.runs} fresh processes each, handler and floor interleaved. Wall time from spawn to exit, measured by the parent; ` +
      `"load" is \`require('dist/handlers.js')\` and "first" the first request, both measured inside the child. Spread is p10–p90.`,
    '',
  );
  L.push('| process | median ms | p10–p90 ms | load ms | first request ms | peak RSS |', '|---|---|---|---|---|---|');
  L.push(`| \`node -e 0\` (floor) | ${f1(cold.floor.median)} | ${f1(cold.floor.p10)}–${f1(cold.floor.p90)} | | | ${(cold.floor.rss / 1024).toFixed(1)} MiB |`);
  L.push(
    `| dist/handlers.js + one CodeBuild CREATE (${cold.handler.status}) | ${f1(cold.handler.median)} | ${f1(cold.handler.p10)}–${f1(cold.handler.p90)} | ${f2(cold.handler.load)} | ${f2(cold.handler.first)} | ${(cold.handler.rss / 1024).toFixed(1)} MiB (max ${(cold.handler.rssMax / 1024).toFixed(1)}) |`,
  );
  L.push('', `Ratio: **${f2(cold.ratio)}×** the floor (target ≤ ${TARGETS.coldRatio}×: ${verdict(coldOk)}).`, '');
  L.push(`Comparisons (${cold.variantRuns} runs each; ratio against a floor of ${f1(cold.variantFloor)} ms measured in the same loop):`, '');
  L.push('| variant | median ms | p10–p90 ms | ratio | load ms | first request ms |', '|---|---|---|---|---|---|');
  for (const r of cold.variants) {
    L.push(r.note ? `| ${r.name} | ${r.note} | | | | |` : `| ${r.name} | ${f1(r.median)} | ${f1(r.p10)}–${f1(r.p90)} | ${f2(r.ratio)}× | ${r.load !== undefined ? f2(r.load) : ''} | ${r.first !== undefined ? f2(r.first) : ''} |`);
  }
  L.push('');
  L.push(`- \`require('${LIB}')\` (the package root): \`${cold.rootError}\` — the root needs AWS SDK v2 (\`aws-sdk\`), which is ${cold.awsSdkV2 ? 'installed' : 'not installed (and not bundled: end-of-support, not in the nodejs22.x runtime)'}; the hook uses only \`dist/interface\`.`);
  for (const n of cold.notes) L.push(`- ${n}`);
  L.push('');

  L.push('## Warm evaluation', '');
  L.push(`Up to ${WARM_REQUESTS} requests per case (at least 200; a case stops after ${WARM_BUDGET_MS / 1000} s) through \`entrypoint\` after 300 warm-up requests, in one process, log lines built but not written (PIPELINE_GUARD_LOG=off).`, '');
  L.push('| request | targetModel size | requests | median ms | p99 ms | max ms | answer |', '|---|---|---|---|---|---|---|');
  for (const r of warmRows) L.push(`| ${r.name} | ${r.sizeKiB.toFixed(1)} KiB | ${r.n} | ${f2(r.median)} | ${f2(r.p99)} | ${f2(r.max)} | ${r.status} |`);
  L.push('', `p99 target ≤ ${TARGETS.warmP99Ms} ms: ${verdict(warmOk)}.`, '');

  L.push('## Throughput', '');
  L.push(`A generated template of ${tp.resources} resources (${tp.types} resource types cycled from the CDK Pipelines fixture and the large resources above).`, '');
  if (tp.cli) L.push(`- \`pipeline-guard check\` (fresh process, whole run): median ${f1(tp.cli.median)} ms, best ${f1(tp.cli.min)} ms, exit ${tp.cli.exit}. This mix is a stress case: 1 in 8 resources is the 120-command-buildspec project, 1 in 8 the 50-statement policy.`);
  if (tp.realistic) L.push(`- \`pipeline-guard check\` over a realistic 5,000-resource template (the hardened example's synthesized resources, every stack, cycled; fresh process, whole run): median ${f1(tp.realistic.median)} ms, best ${f1(tp.realistic.min)} ms, exit ${tp.realistic.exit} — target ${tp.realistic.median <= TARGETS.checkSeconds * 1000 ? 'met' : 'missed'}.`);
  for (const c of tp.cdk) L.push(`- \`pipeline-guard check ${c.dir}\` (${c.templates} templates): median ${f1(c.median)} ms, exit ${c.exit}.`);
  L.push(`- Engine only: 5,000 requests through \`entrypoint\` in one warm process: ${f1(tp.engine.ms)} ms (${tp.engine.unsupported} of them answered UnsupportedTarget — types no control targets).`);
  for (const n of tp.notes) L.push(`- ${n}`);
  L.push('', `Target ≤ ${TARGETS.checkSeconds} s: ${verdict(checkOk)}${tp.cli ? '' : ' (proxy)'}.`, '');

  L.push('## Bundle', '');
  L.push(
    `- ResourceProvider.zip: ${kib(size.handlerZipBytes)} — dist/handlers.js ${kib(size.handlerBytes)} (one esbuild bundle; the Encryption SDK and yaml inside it as deflated text, compiled on first use) + the data sets dist/generated/*.br ${kib(size.dataBytes ?? 0)} (brotli, stored; read on first use) + package.json.`,
  );
  L.push(`- Registry package (build/pipelineguard-cicd-hook.zip): ${kib(size.bytes)}.`);
  L.push(`- Left to the Lambda runtime: ${size.externals.map((e) => `\`${e}\``).join(', ')}.`, '');
  return L.join('\n');
}

const m = machine();
console.error(`bench: ${m.cpu} x${m.cores}, ${m.memory}, node ${m.node}, load ${m.load}${QUICK ? ' (quick)' : ''}`);
if (ONLY === 'stack') {
  const st = await stackLevel();
  process.stdout.write(`${stackReport(st).join('\n')}\n`);
  if (st?.check5000 && st.check5000.exit !== 0) process.stdout.write(`${st.check5000.stdout.split('\n').filter((l) => /FAIL|UNKNOWN/.test(l)).slice(0, 20).join('\n')}\n`);
  process.exit(0);
} else if (ONLY === 'cold') {
  const size = await sizes();
  const cold = await coldStart();
  const out = [
    `load ${m.load} → ${machine().load}`,
    `ResourceProvider.zip ${kib(size.handlerZipBytes)} (handlers.js ${kib(size.handlerBytes)}, data ${kib(size.dataBytes ?? 0)}; target ≤ ${TARGETS.zipKiB} KiB)`,
    `cold start (${cold.runs} runs, interleaved): ${f1(cold.handler.median)} ms vs floor ${f1(cold.floor.median)} ms = ${f2(cold.ratio)}× (target ≤ ${TARGETS.coldRatio}×); load ${f2(cold.handler.load)} ms, first request ${f2(cold.handler.first)} ms (${cold.handler.status})`,
    ...cold.variants.map((r) => (r.note ? `${r.name}: ${r.note}` : `${r.name}: ${f2(r.ratio)}× (load ${r.load !== undefined ? f2(r.load) : '-'}, first ${r.first !== undefined ? f2(r.first) : '-'})`)),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(0);
} else if (ONLY !== undefined) {
  console.error(`bench: unknown section ${ONLY} (known: stack, cold)`);
  process.exit(2);
}
const t0 = now();
const size = await sizes();
console.error(`bench: package done (${f1((now() - t0) / 1000)} s)`);
const cold = await coldStart();
console.error(`bench: cold start done (${f1((now() - t0) / 1000)} s)`);
const warmRows = await warm();
console.error(`bench: warm evaluation done (${f1((now() - t0) / 1000)} s)`);
const tp = await throughput();
console.error(`bench: throughput done (${f1((now() - t0) / 1000)} s)`);
const st = await stackLevel();
console.error(`bench: stack level done (${f1((now() - t0) / 1000)} s)`);
const md = `${report(m, size, cold, warmRows, tp)}\n${stackReport(st).join('\n')}`;
writeFileSync(join(ROOT, 'bench/results.md'), `${md}\n`);
process.stdout.write(`${md}\n`);
console.error(`bench: wrote bench/results.md (${f1((now() - t0) / 1000)} s total)`);
