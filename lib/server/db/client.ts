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

export type DbProvider = Settings["database"]["provider"];

const providers = new WeakMap<Db, DbProvider>();

/** Which database a client talks to, for the few queries (row locks, advisory locks) Prisma has no API for. */
export function providerOf(client: Db): DbProvider {
  // Scripts that build their own client (the benchmarks) fall back to Prisma's own record of it.
  const provider = providers.get(client) ?? (client as unknown as { _activeProvider?: string })._activeProvider;
  if (provider !== "sqlite" && provider !== "postgresql") throw new Error(`providerOf: unknown database provider "${String(provider)}"`);
  return provider;
}

/** onQuery: told each SQL statement the client sends (benchmarks count them). */
export function createDb(database: Settings["database"], options: { onQuery?: (query: string) => void } = {}): Db {
  let client: Db;
  const log = options.onQuery ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (database.provider === "sqlite") {
    mkdirSync(path.dirname(database.file), { recursive: true });
    client = new PrismaClient({
      adapter: new PrismaBetterSQLite3({ url: `file:${database.file}` }),
      omit: secretColumnsOmitted,
      log,
    });
  } else {
    // Both generated clients come from one model (prisma/postgresql/schema.prisma is generated
    // from prisma/schema.prisma), so their query API is the same; only the provider differs.
    client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: database.url }),
      omit: secretColumnsOmitted,
      log,
    }) as unknown as Db;
  }
  const onQuery = options.onQuery;
  if (onQuery) (client as unknown as { $on(event: "query", listener: (event: { query: string }) => void): void }).$on("query", (event) => onQuery(event.query));
  providers.set(client, database.provider);
  return client;
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
