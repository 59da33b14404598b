import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Most files wait on child processes (the CLI, moto) and the emulator, not on the CPU: two workers on
    // these 2-core machines cut the suite from about 260 s to 160 s (vitest's default is one fewer than the
    // cores, i.e. one). Tests that spawn servers take free ports, so files do not collide.
    maxWorkers: 2,
  },
});
