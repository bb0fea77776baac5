import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'target/**', 'node_modules/**', 'server/**', 'e2e/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
      'no-console': 'error',
    },
  },
  {
    // Pure modules: unit-tested outside VS Code, so they must not import it.
    files: ['src/javaLocator.ts', 'src/settings.ts', 'src/objectGraph.ts', 'src/svgLayout.ts', 'src/ruleCodes.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'pure module: no vscode import' }] }],
    },
  },
  {
    files: ['e2e/**/*.{js,mjs}', 'media/**/*.js', '*.mjs'],
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
        URL: 'readonly', Buffer: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly', Element: 'readonly', getComputedStyle: 'readonly', MutationObserver: 'readonly',
        acquireVsCodeApi: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable',
      },
    },
  },
);
