import { defineConfig } from 'vitest/config';

// `npm run test:shared`: suites on the team's real corpus at ../shared/corpus (CI runs them).
export default defineConfig({
  test: {
    include: ['tests/shared/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
