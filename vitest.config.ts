import { defineConfig } from 'vitest/config';

// Tests import the compiled library from dist/ (built by `npm test` first) or spawn bin/,
// so what is tested is what a user runs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
