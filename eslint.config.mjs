import tseslint from 'typescript-eslint';

// The layers (ARCHITECTURE.md): arrows point inward only. extension.ts -> host -> core;
// webview -> shared <- host. A wrong-way import is a lint error, so nobody breaks it by accident.
// Patterns match a folder anywhere in a relative path ('../../shared/x', '../host'); packages
// (highlight.js/lib/core) are not ours and pass.
const vscode = { name: 'vscode', message: 'Only src/host may import vscode.' };
const layers = [
  { folder: 'core', banned: ['shared', 'host', 'webview'], why: 'core is plain TypeScript that every layer uses; it imports only core and packages.' },
  { folder: 'shared', banned: ['core', 'host', 'webview'], why: 'shared is the host<->webview protocol; both bundles import it, so it imports neither.' },
  { folder: 'webview', banned: ['core', 'host'], why: 'the webview is browser code: it talks to the host through src/shared only.' },
  { folder: 'host', banned: ['webview'], why: 'the host talks to the webview through src/shared messages, never its code.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.tools/**', '.artifacts/**', 'node_modules/**', 'esbuild.mjs', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layers.map(({ folder, banned, why }) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: folder === 'host' ? [] : [vscode],
          patterns: [{ regex: `^\\.\\.?/(.*/)?(${banned.join('|')})(/|$)`, message: `src/${folder} must not import src/${banned.join(', src/')}: ${why}` }],
        },
      ],
    },
  })),
);
