import { defineConfig } from 'vitest/config';

// Each file boots its own PGlite Plinth (~300 MB, real CPU): keep parallelism modest on 2-core machines.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
