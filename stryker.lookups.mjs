// The live-lookup engine (issue 14) against the engine suites (`npm run mutation:lookups`, a few minutes):
// the fact table and recorder, the rounds and the deadline, the imports pre-pass. Static mutants not run.
import base from './stryker.engine-core.mjs';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.mutation.lookups.config.js' },
  mutate: ['src/engine/facts.ts', 'src/engine/lookups.ts', 'src/engine/imports.ts'],
  jsonReporter: { fileName: 'bench/mutation/lookups.json' },
  htmlReporter: { fileName: 'bench/mutation/lookups.html' },
  incrementalFile: 'bench/mutation/incremental/lookups.json',
};
