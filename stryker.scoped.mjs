// The hour-sized run of issue 10 over all three decision layers (bench/mutation.md "Budget"):
// `npm run mutation:scoped`. Every file of src/engine, src/predicates (not the generated data) and src/controls
// is mutated; the tests are jest.mutation.scoped.config.js (the case harnesses in focused mode). Static mutants
// (module-level tables and patterns, run only while a module loads) are not run here: each would run every test
// that imports its module. StringLiteral mutants are left out as in stryker.config.mjs.
import base from './stryker.config.mjs';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.mutation.scoped.config.js' },
  mutate: ['src/engine/**/*.ts', 'src/predicates/**/*.ts', '!src/predicates/generated/**', 'src/controls/**/*.ts', '!src/controls/types.ts'],
  ignoreStatic: true,
  timeoutMS: 5000,
  jsonReporter: { fileName: 'bench/mutation/scoped.json' },
  htmlReporter: { fileName: 'bench/mutation/scoped.html' },
  incrementalFile: 'bench/mutation/incremental/scoped.json',
};
