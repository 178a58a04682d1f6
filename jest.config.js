/** One jest run for every layer: unit, integration (the local stack is started once), browser. */

// The AWS SDK warns once per module registry (every test file, every stack process) that its
// releases after January 2027 need Node >= 22. Known and tracked (the runtime is nodejs20.x by
// decision; README, Deploy) and written down there instead of repeated in every CI log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
