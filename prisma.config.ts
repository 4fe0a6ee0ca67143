// Prisma CLI configuration. Prisma 6.19's JavaScript schema engine runs migrations through a
// driver adapter, so no engine binary is downloaded. The provider is fixed per schema file,
// hence one schema (and migrations folder) per database; DATABASE_URL picks which.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const databaseUrl = process.env.DATABASE_URL ?? "";
const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl);
const sqliteFile = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : path.join(process.env.TB_DATA_DIR ?? "data", "tenantbridge.db");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  async adapter() {
    return isPostgres ? new PrismaPg({ connectionString: databaseUrl }) : new PrismaBetterSQLite3({ url: `file:${sqliteFile}` });
  },
});
