// A fresh, migrated database for one test file: an SQLite file in a temp folder, or a
// database in a throwaway PostgreSQL cluster. Integration tests run once per provider:
//   for (const provider of testProviders) describe(provider, () => { const t = useTestDb(provider); ... })
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import type { Settings } from "@/lib/server/settings";
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster";

export const testProviders = ["sqlite", "postgresql"] as const;
export type TestProvider = (typeof testProviders)[number];

export type TestDb = { db: Db; database: Settings["database"]; dir: string };

export async function createTestDb(provider: TestProvider): Promise<TestDb & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tb-test-"));
  let cluster: PostgresCluster | undefined;
  let database: Settings["database"];
  if (provider === "sqlite") {
    database = { provider: "sqlite", file: path.join(dir, "test.db") };
  } else {
    cluster = await startPostgresCluster();
    database = { provider: "postgresql", url: cluster.url };
  }
  await migrateDatabase(database);
  const db = createDb(database);
  return {
    db,
    database,
    dir,
    async dispose() {
      await db.$disconnect();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** beforeAll/afterAll wiring; read `.current` inside tests. */
export function useTestDb(provider: TestProvider) {
  const holder: { current: TestDb } = { current: undefined as unknown as TestDb };
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDb(provider);
    holder.current = created;
    dispose = created.dispose;
  });
  afterAll(async () => {
    await dispose?.();
  });
  return holder;
}
