import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { Client } from "pg";
import { migratePostgres } from "./migrate-postgres";
import { migrateSqlite } from "./migrate-sqlite";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { startPostgresCluster } from "@/lib/testing/postgres-cluster";
import { checksOf } from "@/lib/server/pipeline/stored-checks";

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

// A run's checks moved from their own rows into the run's JSON column (run_checks_column): what a
// reader gets back from the column is what the rows said, in hop order, on both databases.
describe("moving each run's checks into its column", () => {
  const MOVE = "20261201184128_run_checks_column";
  const before = [
    `INSERT INTO "Connector" ("id", "kind", "displayName", "authMethod", "createdBy", "updatedAt") VALUES ('c1', 'kusto', 'Telemetry', 'mi_fic', 'test', CURRENT_TIMESTAMP)`,
    `INSERT INTO "ValidationRun" ("id", "connectorId", "trigger", "outcome") VALUES ('r1', 'c1', 'manual', 'fail'), ('r2', 'c1', 'schedule', 'running')`,
    // Inserted out of hop order, so the order read back comes from the position.
    `INSERT INTO "ValidationCheck" ("id", "runId", "position", "key", "label", "status", "code", "title", "cause", "fix", "linkHref", "raw", "retryAfterMs", "durationMs")
       VALUES ('k2', 'r1', 1, 'kusto-call', 'Query Kusto', 'fail', 'HTTP 429', 'Throttled', 'Too many calls', 'Wait', 'https://learn.example/429', '{"error":"throttled"}', 30000, NULL)`,
    `INSERT INTO "ValidationCheck" ("id", "runId", "position", "key", "label", "status", "detail", "linkLabel", "linkHref", "traceId", "durationMs")
       VALUES ('k1', 'r1', 0, 'exchange', 'Exchange for the app''s token', 'pass', 'issuer https://login.example/t/v2.0', 'Docs', 'https://learn.example/fic', 'trace-1', 41)`,
  ];
  const none = { code: null, title: null, cause: null, fix: null, expected: null, configured: null, detail: null, link: null, raw: null, traceId: null, retryAfterMs: null };
  const expected = [
    {
      ...none,
      key: "exchange",
      label: "Exchange for the app's token",
      status: "pass",
      durationMs: 41,
      detail: "issuer https://login.example/t/v2.0",
      link: { label: "Docs", href: "https://learn.example/fic" },
      traceId: "trace-1",
    },
    {
      ...none,
      key: "kusto-call",
      label: "Query Kusto",
      status: "fail",
      durationMs: null,
      code: "HTTP 429",
      title: "Throttled",
      cause: "Too many calls",
      fix: "Wait",
      link: { label: "https://learn.example/429", href: "https://learn.example/429" },
      raw: '{"error":"throttled"}',
      retryAfterMs: 30_000,
    },
  ];
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-migrate-move-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const upTo = (folder: string) => {
    const copy = path.join(dir, path.basename(path.dirname(folder)) + "-before");
    cpSync(folder, copy, { recursive: true, filter: (source) => !source.includes(MOVE) });
    return copy;
  };

  it("on SQLite", () => {
    const migrations = path.join(process.cwd(), "prisma/migrations");
    const file = path.join(dir, "move.db");
    expect(migrateSqlite(file, upTo(migrations)).applied).not.toContain(MOVE);
    const sqlite = new Database(file);
    for (const statement of before) sqlite.exec(statement);
    sqlite.close();
    expect(migrateSqlite(file, migrations).applied).toEqual([MOVE]);
    const after = new Database(file, { readonly: true });
    const runs = after.prepare(`SELECT "id", "checks" FROM "ValidationRun" ORDER BY "id"`).all() as { id: string; checks: string }[];
    const tables = after.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" = 'ValidationCheck'`).all();
    after.close();
    expect(runs.map((run) => [run.id, checksOf(run.checks)])).toEqual([
      ["r1", expected],
      ["r2", []],
    ]);
    expect(tables).toEqual([]);
  });

  it("on PostgreSQL", async () => {
    const migrations = path.join(process.cwd(), "prisma/postgresql/migrations");
    const cluster = await startPostgresCluster();
    const client = new Client({ connectionString: cluster.url });
    try {
      expect((await migratePostgres(cluster.url, upTo(migrations))).applied).not.toContain(MOVE);
      await client.connect();
      for (const statement of before) await client.query(statement);
      expect((await migratePostgres(cluster.url, migrations)).applied).toEqual([MOVE]);
      const runs = await client.query<{ id: string; checks: string }>(`SELECT "id", "checks" FROM "ValidationRun" ORDER BY "id"`);
      expect(runs.rows.map((run) => [run.id, checksOf(run.checks)])).toEqual([
        ["r1", expected],
        ["r2", []],
      ]);
      expect((await client.query(`SELECT to_regclass('"ValidationCheck"') AS "table"`)).rows).toEqual([{ table: null }]);
    } finally {
      await client.end().catch(() => undefined);
      cluster.stop();
    }
  });
});
