// `npm run mutation:lookups`: the engine suites only (the lookup rounds, stack lookups, imports, evaluation).
const base = require('./jest.mutation.config.js');
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/engine/**/*.test.ts'],
};
