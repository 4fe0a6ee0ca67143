// A throwaway portal for scripts that look at pages (first-load JS, screenshots): the sandbox
// cloud, the standalone production build (built when stale, into $TB_NEXT_DIST_DIR, default
// .next-e2e like the e2e suite), a scratch SQLite database seeded with demo connectors, and
// operator sessions written straight into that database.
import { defaultMiFicSettings } from "../sandbox/world/default/mi-fic-settings";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import { clearConnectors, createOperatorSession, openDemoDb, seedConnectors } from "../e2e/screenshots/demo-data";
import { freePort } from "../lib/testing/postgres-cluster";
import { buildPortalIfStale, startPortal } from "./portal-process";
import { TENANT } from "../sandbox/world/default/ids";
import { portalEnvForSandbox } from "./sandbox-portal-env";

process.env.TB_NEXT_DIST_DIR ??= ".next-e2e";

export const chromiumPath = process.env.TB_CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export type DemoPortal = {
  url: string;
  /** Ids of the seeded connectors, by display name. */
  connectors: Record<string, string>;
  /** The session cookie of a signed-in operator with this role. */
  sessionCookie(role: "admin" | "reader"): Promise<{ name: string; value: string; url: string; httpOnly: true; sameSite: "Lax" }>;
  /**
   * Connectors of the sandbox's default world created through the portal's API instead: each save
   * runs its chain test, so every status, run and failure shown is the product's own.
   */
  seedThroughApi(): Promise<void>;
  /** Removes every connector (for empty states); `seed()` puts the demo ones back. */
  clear(): Promise<void>;
  seed(): Promise<void>;
  stop(): Promise<void>;
};

export async function startDemoPortal(): Promise<DemoPortal> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-demo-"));
  const sandbox = await startSandbox({ httpsPort: 0, miPort: 0, dataDir: path.resolve(".data/sandbox"), quiet: true });
  buildPortalIfStale();
  const port = await freePort();
  const databaseFile = path.join(dataDir, "demo.db");
  const portal = await startPortal({
    port,
    quiet: true,
    env: { ...portalEnvForSandbox(sandbox), TB_DATA_DIR: dataDir, DATABASE_URL: `file:${databaseFile}`, TB_PUBLIC_URL: `http://localhost:${port}` },
  });
  const db = openDemoDb(databaseFile);
  const connectors: Record<string, string> = {};
  const seed = async () => {
    await seedConnectors(db);
    for (const key of Object.keys(connectors)) delete connectors[key];
    for (const connector of await db.connector.findMany({ select: { id: true, displayName: true } })) connectors[connector.displayName] = connector.id;
  };
  const seedThroughApi = async () => {
    await clearConnectors(db);
    const cookie = `tb_session=${await createOperatorSession(db, "admin")}`;
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`${portal.url}${path}`, {
        method: "POST",
        headers: { cookie, origin: portal.url, "content-type": "application/json", accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const miFic = defaultMiFicSettings;
    const clusterUrl = `${sandbox.origin}/kusto/litware`;
    // Oldest first: the list shows the newest first.
    const telemetry = await call("/api/connectors", { kind: "kusto", displayName: "Litware telemetry", clusterUrl, database: "Telemetry", ...miFic(TENANT.litware) });
    await call("/api/connectors", { kind: "kusto", displayName: "Litware billing", clusterUrl, database: "Billing", ...miFic(TENANT.litware) });
    await call("/api/connectors", { kind: "ado", organization: "fabrikam", displayName: "Fabrikam", ...miFic(TENANT.fabrikam) });
    const litware = await call("/api/connectors", { kind: "ado", organization: "litware", displayName: "Litware", ...miFic(TENANT.litware) });
    // A little history for the run charts.
    for (const id of [litware.id, litware.id, telemetry.id]) await call(`/api/connectors/${id}/test`);
    for (const key of Object.keys(connectors)) delete connectors[key];
    for (const connector of await db.connector.findMany({ select: { id: true, displayName: true } })) connectors[connector.displayName] = connector.id;
  };
  await seed();
  return {
    url: portal.url,
    connectors,
    async sessionCookie(role) {
      return { name: "tb_session", value: await createOperatorSession(db, role), url: portal.url, httpOnly: true, sameSite: "Lax" };
    },
    clear: () => clearConnectors(db),
    seed,
    seedThroughApi,
    async stop() {
      await db.$disconnect();
      await portal.stop();
      await sandbox.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
