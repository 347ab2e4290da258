// The hour-sized run of issue 10 over all three decision layers (bench/mutation.md "Budget"):
// `npm run mutation:scoped`. The whole of src/engine, src/predicates and src/controls is ~17,600 mutants; at
// 2-10 s a mutant on 2 cores that is a day, so this run mutates a seeded random sample of the files of each layer
// (every mutant of a sampled file: multi-line mutants such as emptied function bodies are sampled like the rest),
// files drawn in seeded order until the layer's line budget (`SAMPLE`) is reached. Another seed (MUTATION_SEED=…) measures other files; MUTATION_FILES=all mutates
// everything. The tests are jest.mutation.scoped.config.js: the case harnesses in focused mode, the unit suites,
// and a filter that loads only the test files covering the mutant. Static mutants (module-level tables and
// patterns, run only while a module loads) are not run here; StringLiteral mutants are left out as in
// stryker.config.mjs.
//
// MUTATION_RANGES=<file> reruns only what that file lists, one `mutate` entry a line (a whole file, or
// `path:line:column-line:column` with Stryker's 0-based columns), into bench/mutation/scoped-rerun.json: after
// tests were added, the mutants a run left undetected (scripts/mutation-report.mjs merges the rerun into the
// run mutant by mutant; a file whose source changed in between is replaced whole).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import base from './stryker.config.mjs';

export const SEED = process.env.MUTATION_SEED ?? '2026-12-02';
/** Lines of source drawn per layer (the file that crosses the budget is the last one). */
export const SAMPLE = { engine: 250, predicates: 550, controls: 500 };
const LAYERS = { engine: 'src/engine', predicates: 'src/predicates', controls: 'src/controls' };
const SKIP = new Set(['src/controls/types.ts']);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : files(p);
    return e.name.endsWith('.ts') && !SKIP.has(p) ? [p] : [];
  });
}

/** FNV-1a of seed and path: the order in which files are drawn. */
function rank(path) {
  let h = 0x811c9dc5;
  for (const ch of `${SEED}:${path}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export function sampledFiles() {
  return Object.entries(LAYERS).flatMap(([layer, dir]) => {
    const drawn = [];
    let lines = 0;
    for (const f of files(dir).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
      if (lines >= SAMPLE[layer]) break;
      drawn.push(f);
      lines += readFileSync(f, 'utf8').split('\n').length;
    }
    return drawn;
  });
}

const RANGES = process.env.MUTATION_RANGES;
const report = RANGES ? 'scoped-rerun' : 'scoped';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.mutation.scoped.config.js' },
  mutate: RANGES
    ? readFileSync(RANGES, 'utf8').split('\n').filter((l) => l.trim() !== '')
    : process.env.MUTATION_FILES === 'all' ? Object.values(LAYERS).map((d) => `${d}/**/*.ts`).concat(['!src/predicates/generated/**', '!src/controls/types.ts']) : sampledFiles(),
  ignoreStatic: true,
  timeoutMS: 5000,
  jsonReporter: { fileName: `bench/mutation/${report}.json` },
  htmlReporter: { fileName: `bench/mutation/${report}.html` },
  incrementalFile: `bench/mutation/incremental/${report}.json`,
};
