/**
 * The mini-program's tests alone, without the root config's globalSetup (which starts the
 * backend stack): `npx jest -c miniapp/jest.config.js`. The root config runs the same files.
 */
const root = require('../jest.config.js')

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  transform: root.transform,
  testMatch: ['<rootDir>/miniapp/**/*.test.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120_000,
}
