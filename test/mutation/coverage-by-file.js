// Mutation runs only (jest.mutation.scoped.config.js, setupFilesAfterEnv). Stryker's jest runner loads every test
// file related to the mutated source for each mutant and filters tests by name, so a mutant covered by 40 case
// tests still pays the load of ~45 test files (~15 s). During Stryker's initial run (no active mutant), this
// records which mutants each test file's tests covered — from the per-test coverage Stryker's instrumented code
// collects in `globalThis.__stryker__` — so that ./only-covering-files.js can load only those files later.
// Mutants covered while a module loads ("static") are marked as needing every file.
const { appendFileSync } = require('node:fs');

const testNames = new Set();
beforeEach(() => {
  const name = expect.getState().currentTestName;
  if (name) testNames.add(name);
});

afterAll(() => {
  const ctx = globalThis.__stryker__;
  const out = process.env.PIPELINE_GUARD_MUTATION_MAP;
  if (!ctx || !ctx.mutantCoverage || !out || process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) return;
  const ids = new Set();
  for (const name of testNames) for (const id of Object.keys(ctx.mutantCoverage.perTest[name] ?? {})) ids.add(id);
  const line = { file: expect.getState().testPath, mutants: [...ids], everyFile: Object.keys(ctx.mutantCoverage.static ?? {}) };
  appendFileSync(out, `${JSON.stringify(line)}\n`);
});
