// Creates a migration for both databases with `prisma migrate diff` (never hand-written SQL):
//   npm run db:migration -- add_sessions
// The diff runs from the schema as last committed (git HEAD) to the working copy. `migrate dev`
// is not used: on SQLite it needs a shadow database that the JavaScript engine cannot create.
// The PostgreSQL diff needs a live server, so a throwaway cluster is started for it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchemaFrom, postgresSchemaPath, sqliteSchemaPath } from "./postgres-schema";
import { startPostgresCluster } from "../lib/testing/postgres-cluster";

const root = path.resolve(import.meta.dirname, "..");

function committedSchema(file: string): string | null {
  try {
    return execFileSync("git", ["show", `HEAD:${path.relative(root, file)}`], { cwd: root, encoding: "utf8" });
  } catch {
    return null;
  }
}

function diff(from: string | null, to: string, env: Record<string, string>): string {
  const fromArgs = from ? ["--from-schema-datamodel", from] : ["--from-empty"];
  return execFileSync("npx", ["prisma", "migrate", "diff", ...fromArgs, "--to-schema-datamodel", to, "--script"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:migration -- <snake_case_name>");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "tb-migration-"));
  const hasMigrations = readdirSync(path.join(root, "prisma/migrations")).some((entry) => /^\d{14}_/.test(entry));

  const previousSqlite = hasMigrations ? committedSchema(sqliteSchemaPath) : null;
  const previousSqlitePath = previousSqlite ? path.join(tmp, "previous.prisma") : null;
  if (previousSqlite && previousSqlitePath) writeFileSync(previousSqlitePath, previousSqlite);
  const sqliteSql = diff(previousSqlitePath, sqliteSchemaPath, { DATABASE_URL: `file:${path.join(tmp, "diff.db")}` });

  const previousPostgresPath = previousSqlite ? path.join(tmp, "previous-postgres.prisma") : null;
  if (previousSqlite && previousPostgresPath) writeFileSync(previousPostgresPath, postgresSchemaFrom(previousSqlite));
  const cluster = await startPostgresCluster();
  let postgresSql: string;
  try {
    postgresSql = diff(previousPostgresPath, postgresSchemaPath, { DATABASE_URL: cluster.url });
  } finally {
    cluster.stop();
  }

  if (!sqliteSql.trim() || /^-- This is an empty migration/.test(sqliteSql.trim())) {
    console.log("The schema has no changes since the last commit; no migration written.");
    return;
  }
  for (const [folder, sql] of [
    ["prisma/migrations", sqliteSql],
    ["prisma/postgresql/migrations", postgresSql],
  ] as const) {
    const dir = path.join(root, folder, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
