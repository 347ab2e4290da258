// Session run (see bench/mutation.md): the engine core against the engine, predicate and protocol suites and the
// known-bypass list, without the 10k-test case harness, which every engine mutant would otherwise run in full.
const base = require('./jest.mutation.config.js');
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/test/engine/**/*.test.ts',
    '<rootDir>/test/predicates/**/*.test.ts',
    '<rootDir>/test/protocol/**/*.test.ts',
    '<rootDir>/test/fuzz/bypasses.test.ts',
    '<rootDir>/test/architecture.test.ts',
  ],
};
