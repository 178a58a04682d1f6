/** One jest run for every layer: unit, integration (the local stack is started once), browser. */

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }] },
  testMatch: ['<rootDir>/{shared,infra,functions,miniapp,test}/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.esbuild/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  setupFiles: ['<rootDir>/test/quiet-logs.ts'],
  testTimeout: 60_000,
};
