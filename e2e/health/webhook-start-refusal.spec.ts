// The production server refuses to start with an alert webhook that points inside the network or
// a secret that is not a Standard Webhooks secret, and says which variable to fix. It runs the same
// build that global setup started, as a second process with its own data folder.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../lib/testing/postgres-cluster";
import { startPortal } from "../../scripts/portal-process";
import { E2E_WEBHOOK_SECRET } from "../webhook-receiver";

async function startWith(env: Record<string, string>): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-e2e-refusal-"));
  try {
    const portal = await startPortal({
      port: await freePort(),
      quiet: true,
      env: { TB_SANDBOX: "1", TB_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "refusal.db")}`, TB_ALERT_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET, ...env },
    });
    await portal.stop();
    return "started";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

test.describe("the portal refuses to start", () => {
  test.describe.configure({ timeout: 120_000 });

  test("with a webhook on the cloud metadata endpoint", async () => {
    const output = await startWith({ TB_ALERT_WEBHOOK_URL: "https://169.254.169.254/latest/meta-data/" });
    expect(output).toContain("TenantBridge cannot start.");
    expect(output).toContain("TB_ALERT_WEBHOOK_URL must not point at 169.254.169.254 (a cloud metadata endpoint); alerts are only sent to public addresses.");
  });

  test("with a webhook on this machine unless TB_ALERT_WEBHOOK_ALLOW_LOOPBACK=1 says so", async () => {
    const output = await startWith({ TB_ALERT_WEBHOOK_URL: "https://2130706433:8443/_sandbox/reset" });
    expect(output).toContain("TB_ALERT_WEBHOOK_URL must not point at 127.0.0.1 (loopback: this machine)");
  });

  test("with a free-text webhook secret", async () => {
    const output = await startWith({ TB_ALERT_WEBHOOK_URL: "https://hooks.example.com/tb", TB_ALERT_WEBHOOK_SECRET: "e2e-webhook-signing-secret" });
    expect(output).toContain("TB_ALERT_WEBHOOK_SECRET: must be a Standard Webhooks secret: whsec_");
  });
});
