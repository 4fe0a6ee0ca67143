import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests sit beside the code (*.test.ts). Tests that need the sandbox cloud or a
// database carry ".int." in their name and run in the "integration" project.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts") } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{lib,sandbox,app,components,prisma,scripts,e2e}/**/*.test.ts", "*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,sandbox,app}/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
