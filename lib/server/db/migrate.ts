import "server-only";
// Brings a database to the committed schema. SQLite goes through `prisma migrate deploy`;
// PostgreSQL through migrate-postgres.ts (see there for why).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Settings } from "@/lib/server/settings";
import { migratePostgres } from "./migrate-postgres";

const root = process.cwd();

export async function migrateDatabase(database: Settings["database"]): Promise<void> {
  if (database.provider === "postgresql") {
    await migratePostgres(database.url, path.join(root, "prisma/postgresql/migrations"));
    return;
  }
  mkdirSync(path.dirname(database.file), { recursive: true });
  const prisma = path.join(root, "node_modules/.bin/prisma");
  try {
    execFileSync(prisma, ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${database.file}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const output = error && typeof error === "object" && "stderr" in error ? String(error.stderr) : String(error);
    throw new Error(`Applying migrations to ${database.file} failed:\n${output}`);
  }
}
