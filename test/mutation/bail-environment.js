// Mutation runs only (jest.mutation.scoped.config.js, testEnvironment): Stryker's jest runner turns jest's `bail`
// off and runs every covering test of a mutant even after one failed. Once a test (or hook) has failed while
// Stryker runs a mutant, the mutant is killed whatever the rest does, so the remaining tests of that run are
// skipped. The flag lives on Stryker's instrumenter context (`__stryker__`), which every test file of the run
// shares, and is keyed by the active mutant. Outside a mutant run (the initial run, plain jest) nothing changes.
const { TestEnvironment } = require('jest-environment-node');

class BailOnFirstFailure extends TestEnvironment {
  async handleTestEvent(event) {
    const active = process.env.__STRYKER_ACTIVE_MUTANT__;
    const ctx = this.global.__stryker__;
    if (active === undefined || ctx === undefined) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') ctx.pipelineGuardFailedMutant = active;
    else if (event.name === 'test_start' && ctx.pipelineGuardFailedMutant === active) event.test.mode = 'skip';
  }
}

module.exports = BailOnFirstFailure;
