import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // PDF rendering and pdftoppm take a few seconds on a shared 2-core machine.
    testTimeout: 30_000,
  },
});
