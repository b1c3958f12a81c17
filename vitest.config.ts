import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "functions/**/*.test.ts", "lib/**/*.test.ts"],
    // Integration suites start their own dynalite and fakes on ephemeral ports, so files can run in parallel.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
