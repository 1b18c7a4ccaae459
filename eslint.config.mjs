// The web app's JavaScript is checked for mistakes a browser meets only at
// run time: a name used before it is defined or never defined, a name
// that hides another, a value never used. (No style rules: gofmt's
// counterpart is not needed for a few thousand lines.) Run by go test
// (pwa/lint_test.go) once `npm ci` has installed ESLint.
import globals from 'globals';

export default [
  {
    files: ['pwa/**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-undef': 'error',
      'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
      'no-shadow': ['error', { builtinGlobals: false, hoist: 'all' }],
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'no-redeclare': 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
      'no-self-assign': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-unsafe-finally': 'error',
      'no-fallthrough': 'error',
      'eqeqeq': ['error', 'smart'],
    },
  },
  {
    files: ['pwa/sw.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker, __ASSETS__: 'readonly' } }, // filled in when served
  },
  {
    files: ['pwa/test/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // messages.js reads English from its file when run by node's tests.
    files: ['pwa/js/messages.js'],
    languageOptions: { globals: { ...globals.browser, process: 'readonly' } },
  },
];
