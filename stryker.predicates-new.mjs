// The predicates added in the live-lookup / change-rights session (`npm run mutation:predicates-new`, a few
// minutes): out-of-band change rights, identity-policy grants, referenced buckets, the generated data files,
// against the predicate unit suites only (jest.mutation.predicates-new.config.js). Static mutants ARE run here:
// the per-service table of change rights is a module-level constant and is the decision itself.
import base from './stryker.engine-core.mjs';

export default {
  ...base,
  jest: { ...base.jest, configFile: 'jest.mutation.predicates-new.config.js' },
  ignoreStatic: false,
  mutate: ['src/predicates/change-rights.ts', 'src/predicates/identity-grants.ts', 'src/predicates/referenced.ts', 'src/predicates/data-file.ts'],
  jsonReporter: { fileName: 'bench/mutation/predicates-new.json' },
  htmlReporter: { fileName: 'bench/mutation/predicates-new.html' },
  incrementalFile: 'bench/mutation/incremental/predicates-new.json',
};
