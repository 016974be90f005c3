// ESLint: typescript-eslint's recommended rules for TypeScript, eslint-plugin-svelte's for the
// components, and Prettier's formatting left to Prettier. `npm run lint` (part of `npm test`).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  // wasm/ is AssemblyScript (decorators, i32/v128 types): its own compiler checks it.
  {
    ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-cli/', 'release/', 'test-results/', 'assets/', 'wasm/', '.licklab-cache/'],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // ES modules are strict: nested function declarations are block-scoped and fine (and this
      // rule's svelte wrapper crashes on eslint 10 when it meets a .cjs file).
      'svelte/no-inner-declarations': 'off',
      // {'\n'} is how a template writes a newline the markup would otherwise collapse.
      'svelte/no-useless-mustaches': ['error', { ignoreStringEscape: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // CommonJS on purpose (electron-builder hooks load them with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Test doubles stand in for typed objects; `any` there is a fake's honesty, not a hole.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
