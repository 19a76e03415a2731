import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/perf/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Under CI a JSON report lets .ci/run sum the counts of every runner into one line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default'],
  },
});
