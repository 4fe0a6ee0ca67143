import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { migratePostgres } from "./migrate-postgres";
import { migrateSqlite } from "./migrate-sqlite";
import { testProviders, useTestDb } from "@/lib/testing/test-db";

for (const provider of testProviders) {
  describe(`migrations on ${provider}`, () => {
    const t = useTestDb(provider);

    it("creates every table the client uses", async () => {
      const { db } = t.current;
      const organization = await db.organization.create({ data: { name: "litware" } });
      await db.connector.create({
        data: { kind: "ado", displayName: "Litware", authMethod: "pat", organizationId: organization.id, createdBy: "test" },
      });
      await db.auditEvent.create({ data: { actorId: "a", actorName: "A", action: "x", targetType: "connector", summary: "s" } });
      expect(await db.connector.count()).toBe(1);
      expect(await db.validationRun.count()).toBe(0);
      expect(await db.knowledgeSource.count()).toBe(0);
    });
  });
}

describe("PostgreSQL migrator (workaround for prisma/orm#27403)", () => {
  const t = useTestDb("postgresql");
  const dir = path.join(process.cwd(), "prisma/postgresql/migrations");

  it("is idempotent and keeps Prisma's bookkeeping", async () => {
    const { database } = t.current;
    if (database.provider !== "postgresql") throw new Error("expected PostgreSQL");
    const again = await migratePostgres(database.url, dir);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBeGreaterThan(0);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const rows = await client.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    await client.end();
    expect(rows.rows.map((row) => row.migration_name)).toEqual(again.alreadyApplied);
    for (const row of rows.rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
  });

  it("applies each migration once when two portals start at the same time", async () => {
    const { database } = t.current;
    if (database.provider !== "postgresql") throw new Error("expected PostgreSQL");
    const results = await Promise.all([migratePostgres(database.url, dir), migratePostgres(database.url, dir)]);
    expect(results.flatMap((r) => r.applied)).toEqual([]);
  });
});

describe("SQLite migrator (the standalone server has no Prisma CLI)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-migrate-sqlite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const migrations = path.join(process.cwd(), "prisma/migrations");

  it("applies every migration once and is idempotent", () => {
    const file = path.join(dir, "fresh.db");
    const first = migrateSqlite(file, migrations);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.alreadyApplied).toEqual([]);
    const again = migrateSqlite(file, migrations);
    expect(again).toEqual({ applied: [], alreadyApplied: first.applied });
  });

  it("takes over a database migrated by `prisma migrate deploy` (same bookkeeping)", () => {
    const file = path.join(dir, "cli.db");
    execFileSync(path.join(process.cwd(), "node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      stdio: "pipe",
    });
    const result = migrateSqlite(file, migrations);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied.length).toBeGreaterThan(0);
  });

  it("refuses a migration edited after it was applied", () => {
    const edited = path.join(dir, "edited-migrations");
    cpSync(migrations, edited, { recursive: true });
    const file = path.join(dir, "edited.db");
    const [firstName] = migrateSqlite(file, edited).applied;
    appendFileSync(path.join(edited, firstName ?? "", "migration.sql"), "\n-- edited\n");
    expect(() => migrateSqlite(file, edited)).toThrow(/was changed after it was applied/);
  });
});
