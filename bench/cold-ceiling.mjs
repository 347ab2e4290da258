// Upper bound of what splitting code out of the parse path can give the first CodeBuild request (bench/NOTES.md,
// issues 11/14):   node bench/cold-ceiling.mjs <bundle.js> <out dir>
// Runs the bench's first CodeBuild CREATE request (no callerCredentials) once under V8 coverage, then writes
// <out dir>/handlers.js: the bundle with the body of every function that request never called emptied (V8 has
// nothing left to pre-parse there), i.e. a perfect, zero-overhead split for this one request. The result answers
// THIS request only (any other path would run an empty function): a measuring device, never a build. Compare it
// with the bundle using bench/cold-ab.mjs, which also checks that both answer the request the same.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from './cold-request.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ts = createRequire(import.meta.url)('typescript');
const [bundleArg, outDir] = process.argv.slice(2);
if (!bundleArg || !outDir) throw new Error('usage: node bench/cold-ceiling.mjs <bundle.js> <out dir>');
const bundle = resolve(bundleArg);


const covDir = mkdtempSync(join(tmpdir(), 'pg-ceiling-'));
try {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(bundle)}).entrypoint(${JSON.stringify(request)})`], {
    encoding: 'utf8',
    env: { ...process.env, PIPELINE_GUARD_LOG: 'off', NODE_V8_COVERAGE: covDir },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const script = readdirSync(covDir)
    .flatMap((f) => JSON.parse(readFileSync(join(covDir, f), 'utf8')).result)
    .find((s) => s.url.endsWith(bundle));
  const ends = (called) => new Set(script.functions.filter((fn) => (fn.ranges[0].count > 0) === called).map((fn) => fn.ranges[0].endOffset));
  const calledEnds = ends(true);
  const uncalledEnds = ends(false);
  const text = readFileSync(bundle, 'utf8');
  const sf = ts.createSourceFile('bundle.js', text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const cuts = [];
  const visit = (n) => {
    if (ts.isFunctionLike(n) && n.body && ts.isBlock(n.body) && uncalledEnds.has(n.end) && !calledEnds.has(n.end)) {
      const from = n.body.getStart(sf) + 1;
      const to = n.body.end - 1;
      if (to > from) return void cuts.push([from, to]); // outermost uncalled function: its inner ones go with it
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = text;
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, from) + out.slice(to);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'handlers.js'), out);
  const data = join(dirname(bundle), 'generated');
  if (existsSync(data)) cpSync(data, join(outDir, 'generated'), { recursive: true });
  console.error(`${join(outDir, 'handlers.js')}: ${cuts.length} uncalled function bodies emptied, ${((text.length - out.length) / 1024).toFixed(0)} of ${(text.length / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(covDir, { recursive: true, force: true });
}
