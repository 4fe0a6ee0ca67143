// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma. A Prisma schema fixes its
// provider, so PostgreSQL needs its own file; generating it keeps the two models identical.
// Run with `npm run db:schema`; a unit test fails when the committed file is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function postgresSchemaFrom(sqliteSchema: string): string {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:schema`. Do not edit.\n";
  return (
    header +
    sqliteSchema
      .replace('output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-postgres"')
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('url      = "file:../data/tenantbridge.db"', 'url      = env("DATABASE_URL")')
  );
}

export const sqliteSchemaPath = path.join(root, "prisma/schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma/postgresql/schema.prisma");

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, postgresSchemaFrom(readFileSync(sqliteSchemaPath, "utf8")));
  console.log(`wrote ${path.relative(root, postgresSchemaPath)}`);
}
