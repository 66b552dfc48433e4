// Lint rules that guard the architecture: runtime-neutral folders must load unchanged in Node and k6.
import tseslint from 'typescript-eslint';

const explicitTs = {
  regex: '^\\.{1,2}/.*(?<!\\.ts)$',
  message: 'k6 resolves relative imports literally: write the explicit .ts extension.',
};

const relativeOnly = {
  patterns: [
    explicitTs,
    {
      regex: '^(?!\\.{1,2}/)',
      message: 'Runtime-neutral code (loaded by both Node and k6) may import only relative .ts files.',
    },
  ],
};

const k6AndRelativeOnly = {
  patterns: [
    explicitTs,
    {
      regex: '^(?!\\.{1,2}/|k6$|k6/)',
      message: 'k6 scenarios may import only k6/* modules and relative .ts files: k6 cannot resolve node_modules.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dashboards/*.json', 'reports/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['harness/contract/**/*.ts', 'harness/sigv4/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', relativeOnly] },
  },
  {
    files: ['scenarios/**/*.ts'],
    ignores: ['**/*.test.ts', 'scenarios/shim/**'],
    rules: { 'no-restricted-imports': ['error', k6AndRelativeOnly] },
  },
);
