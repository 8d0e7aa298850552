import { defineConfig } from 'vitest/config';

// PGlite instances take ~300 MB and real CPU to boot: keep parallelism modest on 2-core machines.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
