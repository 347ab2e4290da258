// `npm run bench` (builds first): cold start, warm evaluation, `check` throughput, bundle size and memory of
// the hook, printed as a table and written to bench/results.md with the machine it ran on. Informational:
// it never fails on a missed target and is not part of CI.
//
// Cold starts are fresh `node` processes, interleaved with the floor (`node -e 0`) so that machine noise
// hits both alike; the ratio is of medians. Warm numbers are per request through `entrypoint`, in-process.
//
// Live lookups (issue 14): the deployed entry looks up what a request references (keys, roles, buckets, log
// groups ...) in the request's account with its callerCredentials. The bench answers those lookups with a real
// moto_server (python3 moto 5; missing → the bench fails) on 127.0.0.1, seeded with the facts its requests ask
// for, compliant, by the project's test helper test/helpers/seed.ts (compiled by esbuild into bench/out/, the
// AWS SDK external), and stopped by PID at the end. The requests are the fixtures as CloudFormation would send
// them in moto's account (see `deployed`). Warm rows run with warm caches (the steady state of a deployed hook);
// the cold-start ratio is the one of a request without callerCredentials (no lookup); the cold lookup path
// (a fresh process whose facts are not cached) is a row of its own.
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
const TARGETS = { coldRatio: 1.3, warmP99Ms: 1, lookupP99Ms: 1, checkSeconds: 1, zipKiB: 300, stackMedianMs: 20 };
/** `--only=stack` / `--only=cold` / `--only=warm`: run one section (printed, bench/results.md untouched) — e.g. on a shared machine. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
process.chdir(ROOT); // scripts/build.mjs copies the data files from a path relative to the project
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

// moto_server answers as this account (test/helpers/seed.ts SEED_ACCOUNT) and accepts these credentials
// (test/helpers/moto.ts MOTO_CREDENTIALS); both are checked against the compiled helper when it is loaded
const SEED_ACCOUNT = '123456789012';
const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing', sessionToken: 'testing' };
/** The key ID moto gives the first key after its generator is seeded (seed.ts MOTO_SEEDED_KEY_IDS / FIXTURE_KEY_ARN). */
const FIXTURE_KEY_ARN = `arn:aws:kms:eu-west-1:${SEED_ACCOUNT}:key/bdd640fb-0667-4ad1-9c80-317fa3b1799d`;
/** The fixtures' account (bench/fixtures/generate.mjs); 222…–555… are other accounts and stay foreign. */
const FIXTURE_ACCOUNT = '111111111111';
/**
 * The fixtures resolve intrinsics roughly (generate.mjs turns every Fn::GetAtt and Ref into a role ARN, and its
 * CodeBuild key is a made-up key ID). Where the hook looks the value up, it must name something that can exist,
 * as CloudFormation would hand it: the key's ARN for `Fn::GetAtt [Key, Arn]`, the bucket's name for `Ref Bucket`,
 * and the one key ID moto can create. Everything else is unchanged.
 */
const AS_DEPLOYED = [
  [`arn:aws:iam::${FIXTURE_ACCOUNT}:role/PipelineArtifactsBucketEncryptionKeyF5BF0670`, FIXTURE_KEY_ARN],
  [`arn:aws:iam::${FIXTURE_ACCOUNT}:role/PipelineArtifactsBucketAEA9A052`, 'pipelinestack-pipelineartifactsbucketaea9a052-1x2y3z4w5v6u'],
  [`arn:aws:kms:eu-west-1:${FIXTURE_ACCOUNT}:key/11111111-2222-3333-4444-555555555555`, FIXTURE_KEY_ARN],
];
/** A fixture value as deployed in moto's account: the references above, then the fixtures' account → moto's. */
function deployed(value) {
  let text = JSON.stringify(value);
  for (const [from, to] of AS_DEPLOYED) text = text.replaceAll(from, to);
  return JSON.parse(text.replaceAll(FIXTURE_ACCOUNT, SEED_ACCOUNT));
}
/** The stack the requests belong to: replaced by the ID of the stack created in moto (see `startLookups`). */
let STACK_ID = `arn:aws:cloudformation:eu-west-1:${SEED_ACCOUNT}:stack/PipelineStack/2b0c8a30-1c2d-11f0-9d3e-0a1b2c3d4e5f`;

/**
 * A realistic CodeBuild CREATE request, as CloudFormation sends it to a hook with an execution role (strings for
 * primitives, JSON credentials: moto's), in moto's account, the properties as deployed (`deployed`).
 */
function codebuildRequest(props, { token = 'bench-0001', action = 'CREATE', previous, type = 'AWS::CodeBuild::Project', logicalId = 'BuildProject' } = {}) {
  const targetModel = { resourceProperties: deployed(props) };
  if (action === 'UPDATE') targetModel.previousResourceProperties = deployed(previous ?? props);
  return {
    clientRequestToken: token,
    awsAccountId: SEED_ACCOUNT,
    stackId: STACK_ID,
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
      callerCredentials: JSON.stringify(MOTO_CREDENTIALS),
    },
    requestContext: { invocation: 1, callbackContext: null },
  };
}

/** The same request without callerCredentials: no live lookup can run (the hook judges the template alone). */
function withoutCredentials(request) {
  const { callerCredentials: _omit, ...requestData } = request.requestData;
  return { ...request, requestData };
}

const fixture = (f) => JSON.parse(readFileSync(join(FIX, f), 'utf8'));
// the CodeBuild project CDK Pipelines generates (inline buildspec, environment, role): a typical first request
const COLD_BUILD = fixture('cdk-pipeline.json').largest.codebuild;
/** The cold-start request (with credentials: the cold lookup path); the cold-start ratio is of `withoutCredentials(COLD_REQUEST)`. */
const COLD_REQUEST = codebuildRequest(COLD_BUILD.properties, { logicalId: COLD_BUILD.logicalId });
const COLD_REQUEST_NO_LOOKUPS = withoutCredentials(COLD_REQUEST);

function run(args, env = {}) {
  const t = now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, PIPELINE_GUARD_LOG: 'off', ...env } });
  return { ms: now() - t, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Child program: load a handler bundle, answer one request, report timings and peak RSS. */
const coldChild = (file, request = COLD_REQUEST) =>
  `const t0=process.hrtime.bigint();const h=require(${JSON.stringify(file)});const t1=process.hrtime.bigint();` +
  `h.entrypoint(${JSON.stringify(request)}).then((r)=>{const t2=process.hrtime.bigint();` +
  `require('fs').writeSync(1,JSON.stringify({load:Number(t1-t0)/1e6,first:Number(t2-t1)/1e6,rss:process.resourceUsage().maxRSS,status:r.hookStatus,errorCode:r.errorCode,annotations:(r.annotations||[]).length,lookupFailures:(JSON.stringify(r).match(/could not be looked up/g)||[]).length}))})`;
/** Findings of lookups that failed (src/engine/facts.ts: "… could not be looked up (why) …") in an answer. */
const lookupFailures = (r) => (typeof r.lookupFailures === 'number' ? r.lookupFailures : (JSON.stringify(r).match(/could not be looked up/g) ?? []).length);
const answerOf = (r) => `${r.hookStatus ?? r.status}${r.errorCode ? ` ${r.errorCode}` : ''}, ${typeof r.annotations === 'number' ? r.annotations : (r.annotations?.length ?? 0)} annotations`;
/** The bench measures lookups that succeed: an answer with a failed lookup stops it (a fact not seeded, moto down ...). */
function noLookupFailure(r, what) {
  const n = lookupFailures(r);
  if (n > 0) throw new Error(`bench: ${what}: ${n} lookup(s) failed, so the bench would time failing lookups: ${JSON.stringify(r).match(/[^"]*could not be looked up[^"]*/g)?.slice(0, 3).join(' | ')}`);
  return r;
}

// ---------------------------------------------------------------- live lookups: moto_server seeded by test/helpers/seed.ts
const KIT_FILE = join(OUT, 'lookup-kit.cjs');
/**
 * The project's test helpers test/helpers/seed.ts (askedFacts, startSeededMoto) and moto.ts, with the hook's own
 * entry (src/protocol/hook.ts handleHookEvent, whose `lookups` dependency can be turned off) and the warm cache of
 * src/facts/aws.ts, compiled by esbuild into one bench/out file (one module instance for all of them); the AWS SDK
 * stays external (node_modules, as the Lambda runtime provides it). The data files go next to it.
 */
async function lookupKit() {
  const contents = [
    "export * from './test/helpers/seed';",
    "export { startMoto, http, MOTO_CREDENTIALS } from './test/helpers/moto';",
    "export { handleHookEvent, LOOKUP_BUDGET_MS } from './src/protocol/hook';",
    "export { clearLookupCache, CACHE_TTL_MS } from './src/facts/aws';",
  ].join('\n');
  await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'bench-lookup-kit.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: KIT_FILE,
    external: ['@aws-sdk/*', '@smithy/*'],
    logLevel: 'error',
  });
  copyDataFiles(OUT); // src/predicates/data-file.ts reads <bundle dir>/generated/*.br
  const kit = require(KIT_FILE);
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (kit.SEED_ACCOUNT !== SEED_ACCOUNT || kit.FIXTURE_KEY_ARN !== FIXTURE_KEY_ARN || !same(kit.MOTO_CREDENTIALS, MOTO_CREDENTIALS)) {
    throw new Error('bench/run.mjs: SEED_ACCOUNT, FIXTURE_KEY_ARN or MOTO_CREDENTIALS differ from test/helpers/seed.ts / moto.ts — update the bench');
  }
  return kit;
}

/** A template for the requests' stack in moto: read by the hook with cloudformation:GetTemplate (Scope pipeline, generic types). */
function motoStackTemplate() {
  // The IAM::Policy case's relation: its role, assumed by CodeBuild (so the policy is pipeline-related and judged,
  // as it was when the relation was unknown). moto creates what the template declares and its IAM refuses the
  // fixture's region-qualified S3 ARNs (as IAM would), so the template's copy of the policy has one valid
  // statement: only its type and Roles matter for the relation; the request carries the fixture's 50 statements.
  const pol = fixture('iam-policy-50.json');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      ServiceRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: pol.properties.Roles[0],
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': SEED_ACCOUNT } } }] },
        },
      },
      [pol.logicalId]: {
        Type: pol.type,
        DependsOn: 'ServiceRole',
        Properties: { PolicyName: pol.properties.PolicyName, Roles: pol.properties.Roles, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pipeline-guard-seed-artifacts/*' }] } },
      },
    },
  };
}

/**
 * Start moto_server (test/helpers/seed.ts startSeededMoto: free port on 127.0.0.1, stopped by PID), seed the
 * facts `requests` ask for, compliant, create the requests' stack, and point this process's SDK at moto
 * (AWS_ENDPOINT_URL only: the lookups use the requests' callerCredentials). Every asked fact must be seedable,
 * else the bench would measure failing lookups: it stops.
 */
async function startLookups(kit, requests) {
  const t = now();
  const moto = await kit.startSeededMoto(requests);
  const stop = async () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await moto.stop();
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (moto.unsupported.length > 0) throw new Error(`bench: facts moto cannot hold, so their lookups would fail: ${moto.unsupported.map((u) => `${u.fact} (${u.why})`).join('; ')}`);
    const { CloudFormationClient, CreateStackCommand } = require('@aws-sdk/client-cloudformation');
    const cfn = new CloudFormationClient({ region: 'eu-west-1', endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });
    try {
      STACK_ID = (await cfn.send(new CreateStackCommand({ StackName: 'PipelineStack', TemplateBody: JSON.stringify(motoStackTemplate()) }))).StackId;
    } finally {
      cfn.destroy();
    }
  } catch (e) {
    await stop();
    throw e;
  }
  process.env.AWS_ENDPOINT_URL = moto.endpoint;
  /** Requests moto received so far (its recorder, on since the seeding), moto's own API excluded. */
  const calls = async () => {
    const r = await kit.http(`${moto.endpoint}/moto-api/recorder/download-recording`);
    if (r.status !== 200) throw new Error(`moto recorder answered ${r.status}`);
    return r.body.split('\n').filter((l) => l.trim() !== '' && !/"url":\s*"[^"]*\/moto-api\//.test(l)).length;
  };
  return {
    endpoint: moto.endpoint,
    asked: moto.asked,
    seeded: moto.seeded,
    seedSeconds: (now() - t) / 1000,
    calls,
    notLookedUp: () => moto.notLookedUp(),
    stop,
  };
}

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
/**
 * Cold start of a request WITHOUT lookups (issue 14: "cold start of a request without lookups unchanged"):
 * COLD_REQUEST_NO_LOOKUPS, the cold CodeBuild request without callerCredentials, so no lookup can run and the
 * SDK is never loaded. The cold lookup path is measured on its own (`coldLookup`).
 */
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

  const floor = [];
  const hand = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const order = i % 2 === 0 ? ['floor', 'hand'] : ['hand', 'floor'];
    for (const which of order) {
      if (which === 'floor') floor.push(run(['-e', '0']).ms);
      else {
        const r = run(['-e', coldChild(handler, COLD_REQUEST_NO_LOOKUPS)]);
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
      const r = run(['-e', coldChild(v, COLD_REQUEST_NO_LOOKUPS)]);
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
      status: answerOf(hand[0]),
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

/**
 * The cold lookup path: the first request of a fresh process whose facts are not cached (COLD_REQUEST with
 * moto's credentials, its facts seeded in moto): load + first answer, with the lookups it makes, against the
 * hook's deadline for them (LOOKUP_BUDGET_MS in src/protocol/hook.ts; no Lambda context here, so the full budget).
 */
async function coldLookup(kit, lookups) {
  const handler = join(ROOT, 'dist/handlers.js');
  const runs = [];
  for (let i = 0; i < VARIANT_RUNS; i++) {
    const before = await lookups.calls();
    const r = run(['-e', coldChild(handler, COLD_REQUEST)], { AWS_ENDPOINT_URL: lookups.endpoint });
    if (r.status !== 0) throw new Error(`cold lookup child failed: ${r.stderr}`);
    runs.push(noLookupFailure({ ms: r.ms, calls: (await lookups.calls()) - before, ...JSON.parse(r.stdout) }, 'cold lookup path'));
  }
  const first = runs.map((x) => x.first);
  const asked = await kit.askedFacts([COLD_REQUEST]);
  return {
    runs: runs.length,
    budgetMs: kit.LOOKUP_BUDGET_MS,
    facts: asked.length,
    calls: median(runs.map((x) => x.calls)),
    median: median(runs.map((x) => x.ms)),
    p10: q(runs.map((x) => x.ms), 10),
    p90: q(runs.map((x) => x.ms), 90),
    load: median(runs.map((x) => x.load)),
    first: median(first),
    firstMax: Math.max(...first),
    status: answerOf(runs[0]),
    statuses: [...new Set(runs.map(answerOf))],
  };
}

// ---------------------------------------------------------------- 3. warm evaluation
/** The large resources of the warm rows, as requests (built when called: STACK_ID is moto's once it runs). */
function warmCases() {
  const cdkFix = fixture('cdk-pipeline.json');
  const cb = fixture('codebuild-long-buildspec.json');
  const pol = fixture('iam-policy-50.json');
  const stress = fixture('codebuild-stress-buildspec.json');
  const p = cdkFix.largest.pipeline;
  return [
    ['CDK Pipelines AWS::CodePipeline::Pipeline, CREATE', codebuildRequest(p.properties, { type: p.type, logicalId: p.logicalId })],
    ['same pipeline, UPDATE (previous state too)', codebuildRequest(p.properties, { type: p.type, logicalId: p.logicalId, action: 'UPDATE' })],
    ['CodeBuild project, 120-command inline buildspec, CREATE', codebuildRequest(cb.properties, { type: cb.type, logicalId: cb.logicalId })],
    ['stress: CodeBuild project, 400-command (40 KB) inline buildspec, CREATE', codebuildRequest(stress.properties, { type: stress.type, logicalId: stress.logicalId })],
    ['AWS::IAM::Policy with 50 statements, CREATE', codebuildRequest(pol.properties, { type: pol.type, logicalId: pol.logicalId })],
  ];
}

/**
 * Through the deployed entry (dist/handlers.js `entrypoint`), in-process, lookups answered by moto: the warm-up's
 * first request looks the facts up, the rest (and every measured request) find them in the warm cache — the
 * steady state of a deployed hook. `calls` counts the requests moto received while the rows were measured (0 when
 * every fact came from the cache; a TTL expiry, CACHE_TTL_MS, would show as a few).
 */
async function warm(kit, lookups) {
  process.env.PIPELINE_GUARD_LOG = 'off';
  const h = require(join(ROOT, 'dist/handlers.js'));
  const out = [];
  for (const [name, req] of warmCases()) {
    const sizeKiB = JSON.stringify(req.requestData.targetModel).length / 1024;
    const facts = (await kit.askedFacts([req])).length;
    let last;
    for (let i = 0, end = now() + WARM_BUDGET_MS / 4; i < 300 && (i < 20 || now() < end); i++) last = await h.entrypoint(req);
    const before = await lookups.calls();
    const t = [];
    const deadline = now() + WARM_BUDGET_MS;
    for (let i = 0; i < WARM_REQUESTS && (i < 200 || now() < deadline); i++) {
      const a = process.hrtime.bigint();
      last = await h.entrypoint(req);
      t.push(Number(process.hrtime.bigint() - a) / 1e6);
    }
    noLookupFailure(last, name);
    out.push({ name, n: t.length, sizeKiB, facts, calls: (await lookups.calls()) - before, median: median(t), p99: q(t, 99), max: Math.max(...t), status: answerOf(last) });
  }
  return out;
}

/**
 * Issue 14: "with warm caches a lookup-backed evaluation adds <= 1 ms p99". The same request through the hook's
 * entry (handleHookEvent, compiled from src/protocol/hook.ts) with its default lookups (warm cache, moto behind it)
 * and with `lookups: undefined` (judged from the template alone), alternated request by request so that machine
 * noise hits both alike; the difference of p99 and of the median.
 */
async function lookupOverhead(kit, lookups) {
  process.env.PIPELINE_GUARD_LOG = 'off';
  const ON = {};
  const OFF = { lookups: undefined };
  const out = [];
  for (const [name, req] of warmCases()) {
    const facts = (await kit.askedFacts([req])).length;
    let lastOn;
    let lastOff;
    for (let i = 0, end = now() + WARM_BUDGET_MS / 4; i < 300 && (i < 20 || now() < end); i++) {
      lastOn = await kit.handleHookEvent(req, ON);
      lastOff = await kit.handleHookEvent(req, OFF);
    }
    const before = await lookups.calls();
    const on = [];
    const off = [];
    const deadline = now() + WARM_BUDGET_MS;
    for (let i = 0; i < WARM_REQUESTS && (i < 200 || now() < deadline); i++) {
      for (const deps of i % 2 === 0 ? [ON, OFF] : [OFF, ON]) {
        const a = process.hrtime.bigint();
        const r = await kit.handleHookEvent(req, deps);
        const ms = Number(process.hrtime.bigint() - a) / 1e6;
        if (deps === ON) {
          on.push(ms);
          lastOn = r;
        } else {
          off.push(ms);
          lastOff = r;
        }
      }
    }
    noLookupFailure(lastOn, `${name} (handleHookEvent)`);
    out.push({
      name,
      facts,
      n: on.length,
      calls: (await lookups.calls()) - before,
      on: { median: median(on), p99: q(on, 99) },
      off: { median: median(off), p99: q(off, 99) },
      dMedian: median(on) - median(off),
      dP99: q(on, 99) - q(off, 99),
      statusOn: answerOf(lastOn),
      statusOff: answerOf(lastOff),
    });
  }
  return out;
}

// ---------------------------------------------------------------- 4. check throughput
/** The resources the 5,000-resource template cycles through. */
function pool5000() {
  const cdkFix = fixture('cdk-pipeline.json');
  return [
    ...Object.values(cdkFix.template.Resources).map((r) => ({ Type: r.Type, Properties: r.Properties ?? {} })),
    { Type: 'AWS::CodeBuild::Project', Properties: fixture('codebuild-long-buildspec.json').properties },
    { Type: 'AWS::IAM::Policy', Properties: fixture('iam-policy-50.json').properties },
    { Type: 'AWS::CodePipeline::Pipeline', Properties: cdkFix.largest.pipeline.properties },
  ];
}

function template5000() {
  const pool = pool5000();
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
  copyDataFiles(OUT); // the data sets are read from <bundle dir>/generated/ (as scripts/build.mjs puts them next to dist/handlers.js)
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
  // lookups off: the event carries no callerCredentials, so since STACK requests look up what the stack names but
  // does not define (6bac9e1) the default source would fail each such reference closed ("received no credentials")
  // and the row would time that; its facts are not seeded in moto (askedFacts fetches no STACK payload)
  const deps = { sink: { enabled: () => false, write: () => undefined }, deliver: undefined, fetchPayload: async () => text, lookups: undefined };
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
    `STACK evaluation of a ${st.resources}-resource template (the hardened example's resources copied under renamed logical IDs, references kept consistent), payload already fetched (${st.payloadKiB.toFixed(1)} KiB served from memory by \`fetchPayload\`), through the hook entry (\`handleHookEvent\`, bench/out/stack-hook.cjs with the data files next to it) in one warm process, live lookups off (\`lookups: undefined\`: what the stack names but does not define is not looked up here): ${st.n} requests.`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| STACK, 500 resources, warm median | ${f2(st.median)} ms (best ${f2(st.min)} ms, p99 ${f2(st.p99)} ms; ${st.status}; load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) | ≤ ${TARGETS.stackMedianMs} ms | ${verdict(st.median <= TARGETS.stackMedianMs)} |`,
    ...(st.check5000 ? [`| \`check\` on the realistic 5,000-resource template exits 0 | exit ${st.check5000.exit} (${f1(st.check5000.ms)} ms) | 0 | ${verdict(st.check5000.exit === 0)} |`] : []),
    '',
  ];
}

async function throughput(lookups) {
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
  // the engine: 5,000 requests through entrypoint, in-process (a warm Lambda answering the same stack), lookups
  // answered by moto (the pool's facts are seeded; most are in the warm cache from the warm rows already)
  process.env.PIPELINE_GUARD_LOG = 'off';
  const h = require(join(ROOT, 'dist/handlers.js'));
  const reqs = Object.entries(Resources).map(([id, r], i) => codebuildRequest(r.Properties, { type: r.Type, logicalId: id, token: `t-${i}` }));
  const before = await lookups.calls();
  const t0 = now();
  let unsupported = 0;
  const answers = [];
  for (const r of reqs) {
    const res = await h.entrypoint(r);
    if (res.errorCode === 'UnsupportedTarget') unsupported++;
    answers.push(res);
  }
  const ms = now() - t0;
  const failed = answers.filter((a) => lookupFailures(a) > 0).length;
  if (failed > 0) throw new Error(`bench: throughput: ${failed} answers with failed lookups`);
  result.engine = { ms, unsupported, calls: (await lookups.calls()) - before };
  return result;
}

// ---------------------------------------------------------------- report
function report(m, size, cold, coldL, lk, warmRows, overhead, tp) {
  const L = [];
  const zipOk = size.handlerZipBytes <= TARGETS.zipKiB * 1024;
  const coldOk = cold.ratio <= TARGETS.coldRatio;
  const warmOk = warmRows.every((r) => r.p99 <= TARGETS.warmP99Ms);
  const worstD = overhead.reduce((w, r) => (r.dP99 > w.dP99 ? r : w), overhead[0]);
  const overheadOk = overhead.every((r) => r.dP99 <= TARGETS.lookupP99Ms);
  const coldLOk = coldL.firstMax <= coldL.budgetMs;
  const checkMs = tp.cli ? tp.cli.median : tp.engine.ms;
  const checkOk = checkMs <= TARGETS.checkSeconds * 1000;
  L.push('# pipeline-guard benchmarks', '');
  L.push(`Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Informational only — not a CI gate.`, '');
  L.push('## Machine', '');
  L.push(`- OS: ${m.os}`, `- CPU: ${m.cpu}, ${m.cores} cores`, `- Memory: ${m.memory}`, `- Node.js: ${m.node} (Lambda runs nodejs22.x)`);
  L.push(`- Load average (1/5/15 min) at start: ${m.load}; at the end: ${machine().load}. A load above the core count means other work shared the CPUs and every number here is inflated by it.`, '');
  L.push('## Summary', '');
  L.push('| measure | result | target | |', '|---|---|---|---|');
  L.push(`| cold start of a request without lookups (load + first CodeBuild CREATE request, ${COLD_BUILD.logicalId}, without callerCredentials) vs \`node -e 0\` | ${f1(cold.handler.median)} ms vs ${f1(cold.floor.median)} ms = **${f2(cold.ratio)}×** | ≤ ${TARGETS.coldRatio}× | ${verdict(coldOk)} |`);
  L.push(`| warm evaluation p99, worst of the large resources (incl. the stress case; lookups on, warm caches) | ${f2(Math.max(...warmRows.map((r) => r.p99)))} ms | ≤ ${TARGETS.warmP99Ms} ms | ${verdict(warmOk)} |`);
  L.push(`| lookup-backed evaluation adds, p99 with warm caches (same request, lookups on − off; worst case: ${worstD.name}) | ${worstD.dP99 >= 0 ? '+' : ''}${f2(worstD.dP99)} ms (median ${worstD.dMedian >= 0 ? '+' : ''}${f2(worstD.dMedian)} ms) | ≤ ${TARGETS.lookupP99Ms} ms | ${verdict(overheadOk)} |`);
  L.push(`| cold lookup path: first request of a fresh process, ${coldL.facts} facts not cached, looked up in moto_server | ${f1(coldL.first)} ms (max ${f1(coldL.firstMax)} ms) | within the ${coldL.budgetMs / 1000} s lookup deadline | ${verdict(coldLOk)} |`);
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
    `| dist/handlers.js + one CodeBuild CREATE without callerCredentials, no lookups (${cold.handler.status}) | ${f1(cold.handler.median)} | ${f1(cold.handler.p10)}–${f1(cold.handler.p90)} | ${f2(cold.handler.load)} | ${f2(cold.handler.first)} | ${(cold.handler.rss / 1024).toFixed(1)} MiB (max ${(cold.handler.rssMax / 1024).toFixed(1)}) |`,
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

  L.push('## Cold lookup path', '');
  L.push(
    `The same CodeBuild CREATE request with callerCredentials (moto's) and its ${coldL.facts} facts seeded in moto_server: a fresh process each (${coldL.runs} runs), so no fact is cached and the first request loads the SDK clients and looks every fact up (${coldL.calls} requests to moto per process, median). Not part of the cold-start ratio above. The hook's deadline for all lookups of a request is LOOKUP_BUDGET_MS = ${coldL.budgetMs} ms (src/protocol/hook.ts; less when the Lambda context has less time left).`,
    '',
  );
  L.push('| process | median ms | p10–p90 ms | load ms | first request ms (max) | answer |', '|---|---|---|---|---|---|');
  L.push(`| dist/handlers.js + one CodeBuild CREATE with lookups | ${f1(coldL.median)} | ${f1(coldL.p10)}–${f1(coldL.p90)} | ${f2(coldL.load)} | ${f2(coldL.first)} (${f2(coldL.firstMax)}) | ${coldL.statuses.join('; ')} |`);
  L.push('', `First answer within the deadline: ${verdict(coldLOk)} (${((coldL.firstMax / coldL.budgetMs) * 100).toFixed(1)} % of it at worst).`, '');

  L.push('## Live lookups in this bench', '');
  L.push(
    `The warm rows, the cold lookup path and the engine throughput run the deployed entry with live lookups on, answered by a real moto_server (python3 moto 5) on ${lk.endpoint.replace(/:\d+$/, ':<free port>')}, started by the bench and stopped by PID at the end. ` +
      `test/helpers/seed.ts (compiled by esbuild into bench/out/lookup-kit.cjs) recorded the ${lk.asked.length} facts the bench's requests ask for and created them compliant in moto (${lk.seedSeconds.toFixed(1)} s, with moto's start); the requests' stack exists in moto, so \`cloudformation:GetTemplate\` (Scope pipeline, generic types) answers too. ` +
      `The requests are the fixtures in moto's account ${SEED_ACCOUNT} (the fixtures' ${FIXTURE_ACCOUNT} renamed; 222…–555… stay foreign), with the references the fixtures resolve only roughly replaced by what CloudFormation would pass (a key ARN, a bucket name: \`AS_DEPLOYED\` in bench/run.mjs).`,
    '',
  );
  L.push(`- Seeded facts the entry did not look up in moto: ${lk.notLookedUp.length === 0 ? 'none' : lk.notLookedUp.join(', ')}.`, '');

  L.push('## Warm evaluation', '');
  L.push(`Up to ${WARM_REQUESTS} requests per case (at least 200; a case stops after ${WARM_BUDGET_MS / 1000} s) through \`entrypoint\` after 300 warm-up requests, in one process, log lines built but not written (PIPELINE_GUARD_LOG=off).`, '');
  L.push('Lookups on (callerCredentials, moto behind them), caches warm: the warm-up\'s first request looked the facts up; "moto calls" counts the requests moto received while the row was measured (0: every fact came from the warm cache).', '');
  L.push('| request | targetModel size | facts | requests | median ms | p99 ms | max ms | moto calls | answer |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of warmRows) L.push(`| ${r.name} | ${r.sizeKiB.toFixed(1)} KiB | ${r.facts} | ${r.n} | ${f2(r.median)} | ${f2(r.p99)} | ${f2(r.max)} | ${r.calls} | ${r.status} |`);
  L.push('', `p99 target ≤ ${TARGETS.warmP99Ms} ms: ${verdict(warmOk)}.`, '');
  L.push('### What lookups add with warm caches', '');
  L.push(
    `Issue 14: "with warm caches a lookup-backed evaluation adds ≤ ${TARGETS.lookupP99Ms} ms p99". The same request through the hook's entry (\`handleHookEvent\`, compiled from src/protocol/hook.ts into bench/out/lookup-kit.cjs) with its default lookups (warm cache) and with \`lookups: undefined\` (judged from the template alone), alternated request by request after a warm-up; "requests" is per variant.`,
    '',
  );
  L.push('| request | facts | requests | median on / off ms | p99 on / off ms | Δ median | Δ p99 | moto calls | answer on / off |', '|---|---|---|---|---|---|---|---|---|');
  const signed = (n) => `${n >= 0 ? '+' : ''}${f2(n)}`;
  for (const r of overhead) L.push(`| ${r.name} | ${r.facts} | ${r.n} | ${f2(r.on.median)} / ${f2(r.off.median)} | ${f2(r.on.p99)} / ${f2(r.off.p99)} | ${signed(r.dMedian)} ms | ${signed(r.dP99)} ms | ${r.calls} | ${r.statusOn} / ${r.statusOff} |`);
  L.push('', `Δ p99 ≤ ${TARGETS.lookupP99Ms} ms for every request: ${verdict(overheadOk)}.`, '');

  L.push('## Throughput', '');
  L.push(`A generated template of ${tp.resources} resources (${tp.types} resource types cycled from the CDK Pipelines fixture and the large resources above).`, '');
  if (tp.cli) L.push(`- \`pipeline-guard check\` (fresh process, whole run): median ${f1(tp.cli.median)} ms, best ${f1(tp.cli.min)} ms, exit ${tp.cli.exit}. This mix is a stress case: 1 in 8 resources is the 120-command-buildspec project, 1 in 8 the 50-statement policy.`);
  if (tp.realistic) L.push(`- \`pipeline-guard check\` over a realistic 5,000-resource template (the hardened example's synthesized resources, every stack, cycled; fresh process, whole run): median ${f1(tp.realistic.median)} ms, best ${f1(tp.realistic.min)} ms, exit ${tp.realistic.exit} — target ${tp.realistic.median <= TARGETS.checkSeconds * 1000 ? 'met' : 'missed'}.`);
  for (const c of tp.cdk) L.push(`- \`pipeline-guard check ${c.dir}\` (${c.templates} templates): median ${f1(c.median)} ms, exit ${c.exit}.`);
  L.push(`- Engine: 5,000 requests through \`entrypoint\` in one warm process, lookups on (warm caches; ${tp.engine.calls} requests to moto meanwhile): ${f1(tp.engine.ms)} ms (${tp.engine.unsupported} of them answered UnsupportedTarget — types no control targets).`);
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
  const kit = await lookupKit();
  const lookups = await startLookups(kit, [COLD_REQUEST]);
  let cold;
  let coldL;
  try {
    cold = await coldStart();
    coldL = await coldLookup(kit, lookups);
  } finally {
    await lookups.stop();
  }
  const out = [
    `load ${m.load} → ${machine().load}`,
    `ResourceProvider.zip ${kib(size.handlerZipBytes)} (handlers.js ${kib(size.handlerBytes)}, data ${kib(size.dataBytes ?? 0)}; target ≤ ${TARGETS.zipKiB} KiB)`,
    `cold start of a request without lookups (no callerCredentials; ${cold.runs} runs, interleaved): ${f1(cold.handler.median)} ms vs floor ${f1(cold.floor.median)} ms = ${f2(cold.ratio)}× (target ≤ ${TARGETS.coldRatio}×); load ${f2(cold.handler.load)} ms, first request ${f2(cold.handler.first)} ms (${cold.handler.status})`,
    ...cold.variants.map((r) => (r.note ? `${r.name}: ${r.note}` : `${r.name}: ${f2(r.ratio)}× (load ${r.load !== undefined ? f2(r.load) : '-'}, first ${r.first !== undefined ? f2(r.first) : '-'})`)),
    `cold lookup path (${coldL.runs} fresh processes, ${coldL.facts} facts looked up in moto, ${coldL.calls} moto requests each): ${f1(coldL.median)} ms wall, first request ${f2(coldL.first)} ms (max ${f2(coldL.firstMax)}) of the ${coldL.budgetMs} ms lookup deadline (${coldL.statuses.join('; ')})`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(0);
} else if (ONLY === 'warm') {
  const kit = await lookupKit();
  const lookups = await startLookups(kit, warmCases().map(([, r]) => r));
  let warmRows;
  let overhead;
  try {
    warmRows = await warm(kit, lookups);
    overhead = await lookupOverhead(kit, lookups);
  } finally {
    await lookups.stop();
  }
  const out = [
    `load ${m.load} → ${machine().load}`,
    ...warmRows.map((r) => `warm, lookups on (warm caches): ${r.name}: ${r.facts} facts, ${r.n} requests, median ${f2(r.median)} ms, p99 ${f2(r.p99)} ms, max ${f2(r.max)} ms, ${r.calls} moto calls (${r.status})`),
    ...overhead.map((r) => `lookups on − off: ${r.name}: median ${f2(r.on.median)} − ${f2(r.off.median)} = ${f2(r.dMedian)} ms, p99 ${f2(r.on.p99)} − ${f2(r.off.p99)} = ${f2(r.dP99)} ms (${r.n} each, ${r.calls} moto calls; ${r.statusOn} / ${r.statusOff})`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(0);
} else if (ONLY !== undefined) {
  console.error(`bench: unknown section ${ONLY} (known: stack, cold, warm)`);
  process.exit(2);
}
const t0 = now();
const size = await sizes();
console.error(`bench: package done (${f1((now() - t0) / 1000)} s)`);
const kit = await lookupKit();
// every request the bench sends with credentials: the warm rows, the cold lookup path, the throughput pool
const seedRequests = [...warmCases().map(([, r]) => r), COLD_REQUEST, ...pool5000().map((r, i) => codebuildRequest(r.Properties, { type: r.Type, logicalId: `Resource${i}` }))];
const lookups = await startLookups(kit, seedRequests);
console.error(`bench: moto_server on ${lookups.endpoint}, ${lookups.asked.length} facts seeded (${f1((now() - t0) / 1000)} s)`);
let cold;
let coldL;
let warmRows;
let overhead;
let tp;
let st;
let notLookedUp = [];
try {
  cold = await coldStart();
  console.error(`bench: cold start done (${f1((now() - t0) / 1000)} s)`);
  coldL = await coldLookup(kit, lookups);
  console.error(`bench: cold lookup path done (${f1((now() - t0) / 1000)} s)`);
  warmRows = await warm(kit, lookups);
  console.error(`bench: warm evaluation done (${f1((now() - t0) / 1000)} s)`);
  overhead = await lookupOverhead(kit, lookups);
  console.error(`bench: lookup overhead done (${f1((now() - t0) / 1000)} s)`);
  tp = await throughput(lookups);
  console.error(`bench: throughput done (${f1((now() - t0) / 1000)} s)`);
  notLookedUp = await lookups.notLookedUp();
  st = await stackLevel();
  console.error(`bench: stack level done (${f1((now() - t0) / 1000)} s)`);
} finally {
  await lookups.stop();
}
const md = `${report(m, size, cold, coldL, { ...lookups, notLookedUp }, warmRows, overhead, tp)}\n${stackReport(st).join('\n')}`;
writeFileSync(join(ROOT, 'bench/results.md'), `${md}\n`);
process.stdout.write(`${md}\n`);
console.error(`bench: wrote bench/results.md (${f1((now() - t0) / 1000)} s total)`);
