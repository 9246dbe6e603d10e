import { defineConfig } from 'vitest/config';

/** `npm run soak`: the long runs (`*.soak.ts`), kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['src/**/*.soak.ts'],
    pool: 'forks',
    testTimeout: 1_200_000,
    hookTimeout: 60_000,
    setupFiles: ['test-support/loopback-only.setup.ts'],
  },
});
