// ESLint flat config: typescript-eslint's recommended rules everywhere, React hooks' rules in the
// mini-program. Run by `npm test` (npm run lint), so a rule here is enforced, not only written down.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', '.esbuild/**', '.serverless/**', '.xinsheng/**', '.data/**',
      'bench/results/**', 'bench/.out/**', 'test-results/**', 'coverage/**', 'miniapp/.taro-cache/**', 'openapi.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are mistakes, except a deliberately ignored argument or rest sibling (`_x`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Parsed data is validated with zod, never asserted; `any` would hide exactly that.
      '@typescript-eslint/no-explicit-any': 'error',
      'eqeqeq': ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // CommonJS files (configs, the CloudFormation resources loaded by serverless.yml, esbuild plugins).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/e2e/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser, wx: 'readonly' } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests (and the bench, which drives the API as a test does) read the JSON bodies they assert on and build deliberately malformed input to prove it is
    // refused: there an untyped value is the point, and the assertions are its validation. Production
    // code parses with zod instead (the rule stays on everywhere else).
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'miniapp/e2e/**/*.ts', 'functions/local/test-kit.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
