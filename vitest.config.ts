import { defineConfig } from 'vitest/config';

/**
 * Tests sit next to their code as `*.test.ts`; the loopback fake exchange lives in
 * `test-support/`. Pool `forks` so tests that spawn the CLI or open sockets are isolated.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test-support/**/*.test.ts', 'deploy/**/*.test.ts', 'notebooks-ts/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Child-process tests run the built CLI (bin/coinbot.js): build dist/ first when stale.
    globalSetup: ['test-support/build-dist.global-setup.ts'],
    setupFiles: ['test-support/loopback-only.setup.ts'],
    // The JSON report feeds `.ci/run`'s closing 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
