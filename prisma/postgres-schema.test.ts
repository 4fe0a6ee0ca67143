import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { postgresSchemaFrom, postgresSchemaPath, sqliteSchemaPath } from "./postgres-schema";

describe("prisma/postgresql/schema.prisma", () => {
  it("is generated from prisma/schema.prisma (run `npm run db:schema` after editing the model)", () => {
    expect(readFileSync(postgresSchemaPath, "utf8")).toBe(postgresSchemaFrom(readFileSync(sqliteSchemaPath, "utf8")));
  });

  it("differs from the SQLite schema only in provider, URL and client output", () => {
    const postgres = readFileSync(postgresSchemaPath, "utf8");
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain('url      = env("DATABASE_URL")');
    expect(postgres).toContain("lib/generated/prisma-postgres");
    expect(postgres).not.toContain('provider = "sqlite"');
  });
});
