import { defineConfig } from 'vitest/config';

// Repository-level tests (tooling, lint rules, scripts). Workspaces have their own configs.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
