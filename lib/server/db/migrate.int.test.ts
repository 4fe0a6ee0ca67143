import path from "node:path";
import { describe, expect, it } from "vitest";
import { Client } from "pg";
import { migratePostgres } from "./migrate-postgres";
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
