// The hour-sized run over src/engine, src/predicates and src/controls (`npm run mutation:scoped`,
// stryker.scoped.mjs, bench/mutation.md "Budget"): the unit suites of the three layers and of the protocol, the
// known-bypass list, and the case harnesses in their focused mode — each case runs with every other control
// disabled and in two forms instead of four (test/controls/cases.test.ts), so a control's mutants are covered
// by its own cases only.
process.env.PIPELINE_GUARD_CASES = 'focused';
// which test files covered which mutant (test/mutation/): written in Stryker's sandbox during its initial run
process.env.PIPELINE_GUARD_MUTATION_MAP ??= require('node:path').join(__dirname, '.mutation-coverage-by-file.jsonl');
const base = require('./jest.mutation.config.js');
module.exports = {
  ...base,
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/mutation/coverage-by-file.js'],
  filter: '<rootDir>/test/mutation/only-covering-files.js',
  // an absolute path: Stryker's environment wrapper resolves it without jest's <rootDir>
  testEnvironment: require('node:path').join(__dirname, 'test/mutation/bail-environment.js'),
  // Left out: the two suites that load modules inside a test (jest.isolateModules). They make Stryker class a
  // module-level mutant (control metadata, constant tables) as covered by those few tests, which assert nothing
  // about it; without them such mutants are static, and static mutants are not run in this scope.
  // Also out: the CDK synth suites under test/controls (aws-cdk-lib, 5-9 s each to load).
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '<rootDir>/test/predicates/data-file.test.ts',
    '<rootDir>/test/protocol/errors.test.ts',
    '<rootDir>/test/controls/codebuild/cdk-pipelines.test.ts',
    '<rootDir>/test/controls/codepipeline/cdk-synth.test.ts',
    '<rootDir>/test/controls/events/cdk-rule.test.ts',
  ],
  testMatch: [
    '<rootDir>/test/controls/**/*.test.ts',
    '<rootDir>/test/engine/**/*.test.ts',
    '<rootDir>/test/predicates/**/*.test.ts',
    '<rootDir>/test/protocol/**/*.test.ts',
    '<rootDir>/test/fuzz/bypasses.test.ts',
    '<rootDir>/test/architecture.test.ts',
  ],
};
