// Interleaved cold-start A/B of handler bundles on a shared machine (bench/NOTES.md, issues 11/14):
//   node bench/cold-ab.mjs [--runs=N] <bundle.js> [<bundle.js> …]
// For each bundle, fresh processes answering the bench's first CodeBuild CREATE request WITHOUT callerCredentials
// (no live lookups: the bundle's own cost), interleaved with `node -e 0` in the same loop, order alternating.
// Prints the wall-time ratio to the floor (as bench/run.mjs --only=cold) and the in-process phases of the same
// processes: read the file, compile it (vm.compileFunction, as Node's CJS loader does), run its module init,
// answer the first request. Medians; load average before and after. Reads bench/fixtures, writes nothing.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './cold-request.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 15);
const files = args.filter((a) => !a.startsWith('--')).map((f) => resolve(f));
if (files.length === 0) throw new Error('usage: node bench/cold-ab.mjs [--runs=N] <bundle.js> [<bundle.js> …]');


/** Child: the bundle loaded as Node's CJS loader would (read, compileFunction, run), each phase timed. */
const child = (file) => `
const fs = require('fs'), vm = require('vm'), path = require('path'), Module = require('module');
const ms = () => Number(process.hrtime.bigint()) / 1e6, file = ${JSON.stringify(file)};
const t0 = ms(); const src = fs.readFileSync(file, 'utf8'); const t1 = ms();
const fn = vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file }); const t2 = ms();
const m = new Module(file, module); m.filename = file; m.paths = Module._nodeModulePaths(path.dirname(file));
fn.call(m.exports, m.exports, (id) => m.require(id), m, file, path.dirname(file)); const t3 = ms();
m.exports.entrypoint(${JSON.stringify(request)}).then((r) => { const t4 = ms();
  fs.writeSync(1, JSON.stringify({ read: t1 - t0, compile: t2 - t1, init: t3 - t2, first: t4 - t3, status: r.hookStatus, answer: JSON.stringify(r) })); });`;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const run = (a) => {
  const t = now();
  const r = spawnSync(process.execPath, a, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PIPELINE_GUARD_LOG: 'off' } });
  return { ms: now() - t, r };
};
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

const load0 = os.loadavg();
const floor = [];
const res = Object.fromEntries(files.map((f) => [f, []]));
for (let i = 0; i < RUNS; i++) {
  const order = ['floor', ...files];
  if (i % 2 === 1) order.reverse();
  for (const w of order) {
    if (w === 'floor') {
      floor.push(run(['-e', '0']).ms);
      continue;
    }
    const { ms, r } = run(['-e', child(w)]);
    if (r.status !== 0) throw new Error(`${w}: ${r.stderr.slice(0, 2000)}`);
    res[w].push({ ms, ...JSON.parse(r.stdout) });
  }
}
const f = median(floor);
console.log(`${RUNS} runs, interleaved; load average ${load0.map((l) => l.toFixed(2)).join(' ')} -> ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; floor (node -e 0) ${f.toFixed(1)} ms`);
const answers = new Set();
for (const file of files) {
  const a = res[file];
  const m = (k) => median(a.map((x) => x[k])).toFixed(2);
  answers.add(a[0].answer);
  console.log(`${(median(a.map((x) => x.ms)) / f).toFixed(2)}x  wall ${median(a.map((x) => x.ms)).toFixed(1)} ms | read ${m('read')} compile ${m('compile')} init ${m('init')} first ${m('first')} (${a[0].status})  ${file}`);
}
if (answers.size > 1) console.log('WARNING: the bundles answered the request differently');
