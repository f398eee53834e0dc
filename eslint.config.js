// One lint setup for the three packages, the tests and the scripts: ESLint's
// own recommended rules, typescript-eslint's, and for the elements the rules
// of eslint-plugin-lit and eslint-plugin-wc (the ones Lit and Web Awesome use).
// Formatting is Prettier's job (.prettierrc.json), so eslint-config-prettier
// switches off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', 'docs/api/**', 'data/**', '**/node_modules/**', 'widgets/custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A closure that reads a variable assigned once, later, needs `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Promises left floating lose their errors: on a server that is a lost write or a crash later.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: ['./tsconfig.tests.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['widgets/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['widgets/src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Command-line programs, build scripts, benchmarks and tests talk to a terminal.
    files: [
      'scripts/**',
      'reference-server/src/main.ts',
      'reference-server/src/cli/**',
      'reference-server/src/bench/**',
      'reference-server/src/scripts/**',
      'reference-server/docker/**',
      '**/*.test.ts',
      '**/testing/**',
      'e2e/**',
      'rollup.config.mjs',
      'widgets/custom-elements-manifest.config.mjs',
    ],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
