/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  // the CDK synth tests are the slowest; give them room without slowing the rest
  testTimeout: 60000,
  maxWorkers: 2,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
