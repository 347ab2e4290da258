// Mutation runs only (jest.mutation.scoped.config.js, `filter`): while Stryker runs a mutant
// (`__STRYKER_ACTIVE_MUTANT__`), keep only the test files whose tests covered it in the initial run, as recorded
// by ./coverage-by-file.js. For a mutant in src/controls or src/predicates, the oracle is the case harnesses and
// the predicate unit tests (test/controls, test/predicates) when any of them covers it: the protocol and engine
// suites reach control code only incidentally (a request evaluated with every control on) and would be loaded for
// nearly every mutant. For a mutant in src/engine it is the engine, protocol and case suites (test/engine,
// test/protocol, test/controls): the predicate unit suites reach the engine only through their fixtures. Dropping a file can only let a mutant survive, never kill one, so the score this gives is
// a lower bound of the one with every covering file. Anything unknown (no record, a mutant no file claims, a
// static mutant) runs every related file, as Stryker would without this filter.
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

let map;
function load() {
  const file = process.env.PIPELINE_GUARD_MUTATION_MAP;
  if (map !== undefined || !file || !existsSync(file)) return map;
  const byMutant = new Map();
  const everyFile = new Set();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const r = JSON.parse(line);
    for (const id of r.mutants) (byMutant.get(id) ?? byMutant.set(id, new Set()).get(id)).add(r.file);
    for (const id of r.everyFile) everyFile.add(id);
  }
  map = { root: dirname(file), byMutant, everyFile, sourceOf: sourcesOfMutants(dirname(file)) };
  return map;
}

/** Mutant ID → source file (relative), read from the instrumented sources in Stryker's sandbox. */
function sourcesOfMutants(root) {
  const out = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        const rel = relative(root, p).split(sep).join('/');
        for (const m of text.matchAll(/stryMutAct_9fa48\("(\d+)"\)/g)) out.set(m[1], rel);
      }
    }
  };
  walk(join(root, 'src'));
  return out;
}

const ORACLES = [
  [/^src\/(controls|predicates)\//, /\/test\/(controls|predicates)\//],
  [/^src\/engine\//, /\/test\/(engine|protocol|controls)\//],
];

module.exports = async (testPaths) => {
  const all = { filtered: testPaths.map((test) => ({ test })) };
  const id = process.env.__STRYKER_ACTIVE_MUTANT__;
  if (id === undefined) return all;
  const m = load();
  if (!m || m.everyFile.has(id)) return all;
  let kept = testPaths.filter((p) => m.byMutant.get(id)?.has(p));
  const source = m.sourceOf.get(id) ?? '';
  const tests = ORACLES.find(([src]) => src.test(source))?.[1];
  if (tests) {
    const oracles = kept.filter((p) => tests.test(p));
    if (oracles.length > 0) kept = oracles;
  }
  return kept.length > 0 ? { filtered: kept.map((test) => ({ test })) } : all;
};
