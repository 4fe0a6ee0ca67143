import "server-only";
// The one Prisma client of the process. Secret columns are omitted from every query by
// default; only lib/server/connectors/secrets reads them, by opting in per query.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres";
import { settings, type Settings } from "@/lib/server/settings";

export const secretColumnsOmitted = {
  connector: { patCiphertext: true, oauthCacheCiphertext: true },
  sharedAccessToken: { tokenCiphertext: true },
} as const;

export type Db = PrismaClient<{ omit: typeof secretColumnsOmitted }>;

export function createDb(database: Settings["database"]): Db {
  const client = connect(database);
  providers.set(client, database.provider);
  return client;
}

function connect(database: Settings["database"]): Db {
  if (database.provider === "sqlite") {
    mkdirSync(path.dirname(database.file), { recursive: true });
    return new PrismaClient({
      adapter: new PrismaBetterSQLite3({ url: `file:${database.file}` }),
      omit: secretColumnsOmitted,
    });
  }
  // Both generated clients come from one model (prisma/postgresql/schema.prisma is generated
  // from prisma/schema.prisma), so their query API is the same; only the provider differs.
  return new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: database.url }),
    omit: secretColumnsOmitted,
  }) as unknown as Db;
}

const providers = new WeakMap<Db, Settings["database"]["provider"]>();

/**
 * The database behind a client. SQLite serves one portal process; PostgreSQL may serve several
 * replicas, which is when cross-process coordination (advisory locks) is needed.
 */
export function providerOf(client: Db): Settings["database"]["provider"] {
  return providers.get(client) ?? settings().database.provider;
}

const globalForDb = globalThis as unknown as { tenantBridgeDb?: Db };

/** The process-wide client (kept on globalThis so Next.js hot reload does not leak pools). */
export function db(): Db {
  globalForDb.tenantBridgeDb ??= createDb(settings().database);
  return globalForDb.tenantBridgeDb;
}

/** Integration tests point the process-wide client at their own throwaway database. */
export function setDbForTests(client: Db): void {
  globalForDb.tenantBridgeDb = client;
}
