// The session-sized run (bench/mutation.md "Budget"): the engine's decision core against the engine, predicate
// and protocol suites, without the case harness (which every engine mutant would otherwise run in full), static
// mutants not run. About 15 minutes on this machine. `npm run mutation:engine-core`.
import base from './stryker.config.mjs';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.mutation.fast.config.js' },
  mutate: ['src/engine/evaluate.ts', 'src/engine/weakening.ts', 'src/predicates/view.ts', 'src/engine/exemptions.ts', 'src/engine/config.ts'],
  ignoreStatic: true,
  timeoutMS: 5000,
  jsonReporter: { fileName: 'bench/mutation/engine-core.json' },
  htmlReporter: { fileName: 'bench/mutation/engine-core.html' },
  incrementalFile: 'bench/mutation/incremental/engine-core.json',
};
