/**
 * The mini-program's tests alone, without the root config's globalSetup (which starts the
 * backend stack): `npx jest -c miniapp/jest.config.js`. The root config runs the same files plus
 * the browser tests in miniapp/e2e/ and the weapp render test, which need that stack.
 */
const root = require('../jest.config.js')

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  transform: root.transform,
  testMatch: ['<rootDir>/miniapp/**/*.test.ts?(x)'],
  // e2e/ and the weapp render test need the backend stack; the weapp compile test does not.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/miniapp/e2e/', '<rootDir>/miniapp/weapp/weapp-render.test.ts'],
  testTimeout: 120_000,
}
