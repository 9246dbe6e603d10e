// ESLint: typescript-eslint's recommended rules (syntax only: no type information, so a full
// lint stays a few seconds on two cores) plus the architecture's import boundaries. The
// boundaries are the point: each names what it protects, and `test-support/lint-boundaries.test.ts`
// shows every one failing on a deliberately bad import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Regexes on import specifiers, with the reason shown when one matches. */
const boundary = (regex, message) => ({ regex, message });

const NOT_FROM_ENGINE = [
  boundary('(^|/)cli/', 'engine code never imports src/cli: the CLI wires the engine, not the other way round.'),
  boundary(
    '(^|/)strategies/',
    'engine code never imports src/strategies: take the strategy (or its module specifier, for worker threads) as an argument.',
  ),
];
const SIM_NOT_LIVE = boundary(
  '(^|/)(live|exchange|ops)/',
  'the simulator never imports the live/exchange/ops code: both implement the same ports; only src/cli wires them.',
);
const LIVE_NOT_SIM = boundary(
  '(^|/)sim/',
  'live/exchange/ops code never imports the simulator: both implement the same ports; only src/cli wires them.',
);
const EXCHANGE_NOT_LIVE = boundary(
  '(^|/)live/',
  'exchange access and operations never import the live loop: live trading is built on them, not the other way round.',
);
const STRATEGY_RULES = [
  boundary(
    '^[^.]',
    'a strategy imports no package and no node built-in: it is a pure decision function (no clock, I/O or randomness).',
  ),
  boundary(
    '(^|/)engine/(?!strategy\\.js$|types\\.js$|indicators/[^/]+\\.js$)',
    'a strategy imports only engine/strategy.js, engine/types.js and engine/indicators/*.',
  ),
  boundary(
    '(^|/)(cli|test-support)/|^(\\.\\./){3,}',
    'a strategy imports nothing outside src/strategies and the engine interface.',
  ),
];

const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'reports/',
      'test-output/',
      'dist/',
      '.dist.tmp-*/',
      // A benchmark child's bundle (bench/bundle-child.ts), left behind when a bench is killed.
      '**/*.tmp-*',
      'coverage/',
      'data/',
      '**/__golden__/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Plain JS entry points and workers run under Node.
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
  // --- Architecture boundaries (tests and test fixtures may cross them to compare the sides) ---
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.test.ts', '**/fixtures/**'],
    rules: { 'no-restricted-imports': restrict(...NOT_FROM_ENGINE) },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/fixtures/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='URL'] > Literal[value=/\\.ts$/]",
          message:
            'a literal .ts module URL breaks the built CLI (dist/ holds .js): use siblingWorkerUrl(name, import.meta.url) from engine/sweep/worker-pool.ts.',
        },
      ],
    },
  },
  {
    files: ['src/engine/sim/**/*.ts'],
    ignores: ['**/*.test.ts', '**/fixtures/**'],
    rules: { 'no-restricted-imports': restrict(...NOT_FROM_ENGINE, SIM_NOT_LIVE) },
  },
  {
    files: ['src/engine/live/**/*.ts'],
    ignores: ['**/*.test.ts', '**/fixtures/**'],
    rules: { 'no-restricted-imports': restrict(...NOT_FROM_ENGINE, LIVE_NOT_SIM) },
  },
  {
    files: ['src/engine/exchange/**/*.ts', 'src/engine/ops/**/*.ts'],
    ignores: ['**/*.test.ts', '**/fixtures/**'],
    rules: { 'no-restricted-imports': restrict(...NOT_FROM_ENGINE, LIVE_NOT_SIM, EXCHANGE_NOT_LIVE) },
  },
  {
    files: ['src/strategies/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(...STRATEGY_RULES),
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression',
          message: 'a strategy never imports at run time: it is a pure decision function.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now'], NewExpression[callee.name='Date']",
          message: 'a strategy never reads the clock: time is ctx.now, the close of the newest candle.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'a strategy has no randomness: the same candles must give the same decisions.',
        },
      ],
    },
  },
);
