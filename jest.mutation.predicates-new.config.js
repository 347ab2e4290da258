// `npm run mutation:predicates-new`: the predicate unit suites only (test/predicates/), without the case harness
// (test/controls/cases.test.ts, ~13k tests through the hook: far too slow to rerun per mutant). The predicates
// this run mutates (stryker.predicates-new.mjs) must be pinned down by their own unit tests.
const base = require('./jest.mutation.config.js');
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/predicates/**/*.test.ts'],
};
