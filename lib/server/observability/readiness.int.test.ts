// Readiness against real databases: not ready while migrations are pending or a stored secret's
// key is missing from the ring, ready once both are fixed; the answer never names keys or paths.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { createTestConnector } from "@/lib/server/crypto/test-connectors";
import { testKey, testRing } from "@/lib/server/crypto/test-keys";
import { createDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { checkReadiness } from "./readiness";

const oldKey = testKey("k-old");
const newKey = testKey("k-new");

describe("readiness on a database that is not migrated yet", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-readiness-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is not ready while migrations are pending, and ready after they are applied", async () => {
    const database = { provider: "sqlite", file: path.join(dir, "pending.db") } as const;
    const db = createDb(database);
    const source = { env: "production", dataDir: dir, encryptionKeys: newKey } as const;
    try {
      const before = await checkReadiness(db, "sqlite", { source });
      expect(before).toMatchObject({ status: "not_ready", reason: "migrations_pending" });
      await migrateDatabase(database);
      expect(await checkReadiness(db, "sqlite", { source })).toEqual({
        status: "ready",
        checks: { database: "ok", migrations: "ok", encryption: "ok" },
      });
    } finally {
      await db.$disconnect();
    }
  });
});

for (const provider of testProviders) {
  describe(`readiness on ${provider}`, () => {
    const t = useTestDb(provider);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tb-readiness-keys-"));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("is not ready while a stored secret's key is missing from the ring, and ready once it is back", async () => {
      const { db } = t.current;
      const connectorId = await createTestConnector(db);
      await setPat(db, connectorId, { pat: "pat-under-the-old-key" }, testRing(oldKey));

      const missing = await checkReadiness(db, provider, { source: { env: "production", dataDir, encryptionKeys: newKey } });
      expect(missing).toMatchObject({ status: "not_ready", reason: "encryption_keys_missing" });
      expect(JSON.stringify(missing)).not.toContain("k-old");
      expect(JSON.stringify(missing)).not.toContain(dataDir);

      const absent = await checkReadiness(db, provider, { source: { env: "production", dataDir, encryptionKeys: undefined } });
      expect(absent).toMatchObject({ status: "not_ready", reason: "encryption_keys_invalid" });

      const fixed = await checkReadiness(db, provider, { source: { env: "production", dataDir, encryptionKeys: `${newKey},${oldKey}` } });
      expect(fixed.status).toBe("ready");
    });
  });
}
