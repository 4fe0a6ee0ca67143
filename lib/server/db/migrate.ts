import "server-only";
// Brings a database to the committed schema: migrate-sqlite.ts and migrate-postgres.ts apply
// the Prisma-generated migrations in-process (see each for why not the Prisma CLI).
import path from "node:path";
import type { Settings } from "@/lib/server/settings";
import { migratePostgres } from "./migrate-postgres";
import { committedMigrations, migrateSqlite } from "./migrate-sqlite";
import type { Db } from "./client";

const root = process.cwd();

/** The committed migrations of a provider (the standalone server carries a copy beside server.js). */
export function migrationsDir(provider: Settings["database"]["provider"]): string {
  return path.join(root, provider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations");
}

/** Committed migrations the database has not finished applying (all of them when it has none). */
export async function pendingMigrations(db: Db, provider: Settings["database"]["provider"]): Promise<string[]> {
  const committed = committedMigrations(migrationsDir(provider)).map((migration) => migration.name);
  let applied: Set<string>;
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    // No bookkeeping table yet: nothing was ever applied.
    applied = new Set();
  }
  return committed.filter((name) => !applied.has(name));
}

export async function migrateDatabase(database: Settings["database"]): Promise<void> {
  if (database.provider === "postgresql") {
    await migratePostgres(database.url, migrationsDir("postgresql"));
    return;
  }
  try {
    migrateSqlite(database.file, migrationsDir("sqlite"));
  } catch (error) {
    throw new Error(`Applying migrations to ${database.file} failed:\n${error instanceof Error ? error.message : String(error)}`);
  }
}
