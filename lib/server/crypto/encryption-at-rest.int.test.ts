import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { clearPat, setOauthCache, setPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import type { Settings } from "@/lib/server/settings";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { findCanary } from "./find-canary";
import { rotateEncryptionKeys } from "./rotate-encryption-keys";
import { createTestConnector, msalCache } from "./test-connectors";
import { testKey, testRing } from "./test-keys";

const oldKey = testKey("k-old");
const ring = testRing(testKey("k-new"), oldKey);

// Every secret that passes through the product in these tests, including ones since replaced,
// cleared or rejected; none may be recognisable in the stored bytes.
const canaries = {
  pat: "canary-pat-3f9a61c0b8e24d57a1",
  replacedPat: "canary-old-pat-c2d4e6f8a0b1",
  clearedPat: "canary-cleared-pat-77aa88bb",
  rejectedPat: "canary rejected pat 123456",
  rotatedPat: "canary-rotated-pat-5e5e5e5e5e",
  refreshToken: "canary-refresh-token-0.AXkA9f8e7d6c5b4a",
};
const visibleMarker = "visible-display-name-4a4a4a4a";

async function storeEverySecret(db: Db): Promise<string> {
  const id = await createTestConnector(db, visibleMarker);
  await setPat(db, id, { pat: canaries.replacedPat }, ring);
  await setPat(db, id, { pat: canaries.pat, expiresAt: new Date("2031-01-01T00:00:00Z") }, ring);
  await setPat(db, id, { pat: canaries.rejectedPat }, ring).catch(() => undefined);
  await setOauthCache(db, id, { serializedCache: msalCache(canaries.refreshToken), account: "dev@litware.example", tenantId: "t1" }, ring);

  const cleared = await createTestConnector(db);
  await setPat(db, cleared, { pat: canaries.clearedPat }, ring);
  await clearPat(db, cleared);

  const rotated = await createTestConnector(db);
  await setPat(db, rotated, { pat: canaries.rotatedPat }, testRing(oldKey));
  await rotateEncryptionKeys(db, ring);
  return id;
}

function sqliteFileBytes(database: Settings["database"]): Buffer {
  if (database.provider !== "sqlite") throw new Error("expected SQLite");
  const directory = path.dirname(database.file);
  // The database file plus its -wal/-shm/-journal companions: recent writes live in the WAL.
  const files = readdirSync(directory).filter((name) => name.startsWith(path.basename(database.file)));
  return Buffer.concat(files.map((name) => readFileSync(path.join(directory, name))));
}

/** Every column of every table as text: what a SQL-level dump of the database shows. */
async function postgresSelectDump(database: Settings["database"]): Promise<Buffer> {
  if (database.provider !== "postgresql") throw new Error("expected PostgreSQL");
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
    const lines: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ line: string }>(`SELECT t::text AS line FROM "${name.replaceAll('"', '""')}" t`);
      lines.push(...rows.rows.map((row) => `${name} ${row.line}`));
    }
    return Buffer.from(lines.join("\n"));
  } finally {
    await client.end();
  }
}

function pgDumpBinary(): string | undefined {
  const fromPath = spawnSync("sh", ["-c", "command -v pg_dump"], { encoding: "utf8" }).stdout.trim();
  if (fromPath) return fromPath;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  return versions.map((version) => path.join(root, version, "bin", "pg_dump")).find((candidate) => existsSync(candidate));
}

function expectNoCanary(dump: Buffer) {
  for (const [name, secret] of Object.entries(canaries)) expect({ name, found: findCanary(dump, secret) }).toEqual({ name, found: [] });
}

for (const provider of testProviders) {
  describe(`secrets at rest on ${provider}`, () => {
    const t = useTestDb(provider);
    let connectorId = "";
    let envelope = "";

    it("stores the secrets (setup, and a check that the dumps below see the secret columns)", async () => {
      const { db } = t.current;
      connectorId = await storeEverySecret(db);
      const row = await db.connector.findUniqueOrThrow({ where: { id: connectorId }, select: { patCiphertext: true } });
      envelope = row.patCiphertext ?? "";
      expect(envelope).toMatch(/^tb1\.k-new\./);
    });

    if (provider === "sqlite") {
      it("leaves no canary in the raw bytes of the database file and its WAL", () => {
        const dump = sqliteFileBytes(t.current.database);
        expect(dump.includes(visibleMarker)).toBe(true); // the dump really holds the rows
        expect(dump.includes(envelope)).toBe(true); // ... and the secret columns
        expectNoCanary(dump);
      });
    } else {
      it("leaves no canary in a SELECT of every column of every table", async () => {
        const dump = await postgresSelectDump(t.current.database);
        expect(dump.includes(visibleMarker)).toBe(true);
        expect(dump.includes(envelope)).toBe(true);
        expectNoCanary(dump);
      });

      const pgDump = pgDumpBinary();
      it.skipIf(!pgDump)("leaves no canary in pg_dump's output", () => {
        const { database } = t.current;
        if (database.provider !== "postgresql" || !pgDump) throw new Error("expected PostgreSQL and pg_dump");
        const dump = execFileSync(pgDump, ["--dbname", database.url, "--no-owner"], { maxBuffer: 256 * 1024 * 1024 });
        expect(dump.includes(visibleMarker)).toBe(true);
        expect(dump.includes(envelope)).toBe(true);
        expectNoCanary(dump);
      });
    }
  });
}
