/**
 * Jest configuration for mutation testing (`npm run mutation`, stryker.config.mjs): the suites that exercise
 * src/engine, src/predicates and src/controls in-process. Left out, for cost: every suite that imports the
 * hook is loaded for every mutant (--findRelatedTests), so a slow suite is paid thousands of times. Out are
 * the CDK synth suites (aws-cdk-lib, 5-9 s each), the CLI / package / invoke / e2e suites (they spawn dist/,
 * which Stryker does not mutate, or synthesise CDK apps) and the randomised fuzz suites other than the
 * known-bypass list. Whether they would kill survivors that these do not is not measured yet: try one on
 * the survivor list before adding it here.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // src/ is a root so that --findRelatedTests (Stryker, per mutant) can follow test -> protocol -> engine ->
  // controls -> predicates; with only test/ in the haste map it finds no related test at all.
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: [
    '<rootDir>/test/controls/cases.test.ts',
    '<rootDir>/test/controls/codebuild/robustness.test.ts',
    '<rootDir>/test/predicates/**/*.test.ts',
    '<rootDir>/test/engine/**/*.test.ts',
    '<rootDir>/test/fuzz/bypasses.test.ts',
    '<rootDir>/test/meta.test.ts',
    '<rootDir>/test/contract.test.ts',
    '<rootDir>/test/protocol/errors.test.ts',
  ],
  // Stryker runs jest in-process with its own reporters; the summary-line reporter is for CI logs only.
  reporters: ['default'],
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/test/setup-mutation.js'],
  // Stryker's sandbox lives in .stryker-tmp; never let a run from the project root pick it up.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.stryker-tmp/'],
};
