// Mutation testing only (jest.mutation.config.js): a fixed fast-check seed, so a property-based test kills
// or lets a mutant survive the same way on every run (Stryker compares runs; a random seed makes that flaky).
// Suites that pass their own seed keep it.
const fc = require('fast-check');
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20260615 });
