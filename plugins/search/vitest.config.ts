// No imports on purpose: this config also runs from the server's vitest before `pnpm install` links this
// package (`cd server && npx vitest run --root ../plugins/search`).
export default {
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['../../server/test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
};
