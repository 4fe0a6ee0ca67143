import "server-only";
// Applies the committed SQLite migrations in-process with better-sqlite3.
//
// Why not `prisma migrate deploy`: the standalone server (next build's `output: "standalone"`,
// the Docker image) carries only the modules the portal imports, not the Prisma CLI and its
// schema engine. This applies the same Prisma-generated migration.sql files and keeps Prisma's
// own `_prisma_migrations` bookkeeping (same table, SHA-256 checksums, ISO timestamps), so a
// database migrated here and one migrated by the CLI are interchangeable.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { MigrationResult } from "./migrate-postgres";

// Prisma's own DDL for its bookkeeping table (what `migrate deploy` creates on SQLite).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function committedMigrations(migrationsDir: string): { name: string; sql: string; checksum: string }[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{14}_/.test(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function migrateSqlite(file: string, migrationsDir: string): MigrationResult {
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    // Two portals starting on one file wait for each other's write lock instead of failing.
    sqlite.pragma("busy_timeout = 10000");
    // Prisma's table-redefining migrations turn foreign keys off themselves, but that pragma is a
    // no-op inside a transaction; turn them off around the run and check them at the end instead.
    sqlite.pragma("foreign_keys = OFF");
    sqlite.exec(CREATE_MIGRATIONS_TABLE);
    for (const migration of committedMigrations(migrationsDir)) {
      const started = new Date().toISOString();
      // IMMEDIATE takes the write lock before reading the bookkeeping, so a concurrent start
      // sees this migration as applied once it gets the lock.
      const outcome = sqlite
        .transaction(() => {
          const previous = sqlite
            .prepare<[string], { checksum: string }>(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
            .get(migration.name);
          if (previous) {
            if (previous.checksum !== migration.checksum) {
              throw new Error(`Migration ${migration.name} was changed after it was applied to this database. Restore the committed migration.sql.`);
            }
            return "already" as const;
          }
          sqlite.exec(migration.sql);
          sqlite
            .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
            .run(randomUUID(), migration.checksum, migration.name, started, new Date().toISOString());
          return "applied" as const;
        })
        .immediate();
      (outcome === "applied" ? result.applied : result.alreadyApplied).push(migration.name);
    }
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`The migrated database has ${broken.length} rows that break a foreign key.`);
  } finally {
    sqlite.close();
  }
  return result;
}
