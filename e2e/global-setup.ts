// Starts the sandbox cloud and the portal (the standalone server the Docker image ships) for the e2e run, on free ports,
// with a throwaway data folder. Tests read TB_E2E_BASE_URL and TB_E2E_SANDBOX_ORIGIN.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import { buildPortalIfStale, startPortal } from "../scripts/portal-process";
import { portalEnvForSandbox } from "../scripts/sandbox-portal-env";
import { freePort } from "../lib/testing/postgres-cluster";
import { E2E_METRICS_TOKEN } from "./metrics-token";
import { E2E_WEBHOOK_SECRET, startWebhookReceiver } from "./webhook-receiver";

export default async function globalSetup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-e2e-"));
  const webhook = await startWebhookReceiver();
  const sandbox = await startSandbox({ httpsPort: 0, miPort: 0, dataDir: path.resolve(".data/sandbox"), quiet: true });
  buildPortalIfStale();
  const port = await freePort();
  const portal = await startPortal({
    port,
    quiet: !process.env.TB_E2E_VERBOSE,
    env: {
      ...portalEnvForSandbox(sandbox),
      TB_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
      // The random port, not whatever TB_PUBLIC_URL the shell has: the browser opens this URL.
      TB_PUBLIC_URL: `http://localhost:${port}`,
      TB_ALERT_WEBHOOK_URL: webhook.url,
      TB_ALERT_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      // The receiver is on this machine; the portal refuses loopback without this (sandbox only).
      TB_ALERT_WEBHOOK_ALLOW_LOOPBACK: "1",
      TB_METRICS_TOKEN: E2E_METRICS_TOKEN,
    },
  });
  process.env.TB_E2E_BASE_URL = portal.url;
  process.env.TB_E2E_SANDBOX_ORIGIN = sandbox.origin;
  // Specs that start a portal of their own point it at the same sandbox.
  process.env.TB_E2E_SANDBOX_ENV = JSON.stringify(sandbox.env);
  process.env.TB_E2E_DATA_DIR = dataDir;
  process.env.TB_E2E_WEBHOOK_RECEIVED_URL = webhook.receivedUrl;
  process.env.TB_E2E_WEBHOOK_VERIFY_URL = webhook.verifyUrl;
  return async () => {
    await portal.stop();
    await sandbox.stop();
    await webhook.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
