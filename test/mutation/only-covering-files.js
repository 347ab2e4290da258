// Mutation runs only (jest.mutation.scoped.config.js, `filter`): while Stryker runs a mutant
// (`__STRYKER_ACTIVE_MUTANT__`), keep only the test files whose tests covered it in the initial run, as recorded
// by ./coverage-by-file.js. Anything unknown (no record, a mutant no file claims, a static mutant) runs every
// related file, as Stryker would without this filter: the filter can only save time, never drop a covering test.
const { existsSync, readFileSync } = require('node:fs');

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
  map = { byMutant, everyFile };
  return map;
}

module.exports = async (testPaths) => {
  const all = { filtered: testPaths.map((test) => ({ test })) };
  const id = process.env.__STRYKER_ACTIVE_MUTANT__;
  if (id === undefined) return all;
  const m = load();
  if (!m || m.everyFile.has(id)) return all;
  const files = m.byMutant.get(id);
  const kept = testPaths.filter((p) => files?.has(p));
  return kept.length > 0 ? { filtered: kept.map((test) => ({ test })) } : all;
};
