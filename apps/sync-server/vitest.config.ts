import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // Node's EventSource (for tRPC's SSE subscription link in stream tests) is still behind a flag in Node 24.
    execArgv: ['--experimental-eventsource'],
    // Files share one PostgreSQL, whose settled-change horizon is cluster-wide: one file's long
    // seeding transaction would stall another's pulls (a delay, never a skip — see ADR 3).
    fileParallelism: false,
  },
});
