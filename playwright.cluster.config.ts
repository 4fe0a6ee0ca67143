// The cluster test (e2e/cluster): two standalone portal replicas on one PostgreSQL behind nginx
// with TLS, started by e2e/cluster/global-setup.ts. Separate from playwright.config.ts because it
// starts a different world (and takes longer); `npm run test:cluster` runs it.
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({
  ...base,
  testDir: "e2e/cluster",
  testMatch: "**/*.spec.ts",
  testIgnore: [],
  globalSetup: "./e2e/cluster/global-setup.ts",
  // The specs share one cluster and run in order: the UI first, the replica kill last.
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  outputDir: "test-results/cluster",
});
