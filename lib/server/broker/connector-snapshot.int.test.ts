// The broker's connector snapshot: a cached call touches no database within the freshness
// bound, an edit through this process applies to the next call, and an edit written by another
// replica applies within 1 s. Queries are counted by a Prisma query extension on the client the
// broker is given, so "no query" covers every table, not just the connector. The clock (Date only;
// timers and I/O stay real) is the test's, so the bound is crossed when the test says and not
// when a busy machine happens to take long.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { adoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { CONNECTOR_FRESH_MS, connectorSnapshot, heldConnectorSnapshots } from "./connector-snapshot";
import { getAccessToken } from "./get-access-token";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const basic = (pat: string) => `Basic ${Buffer.from(`:${pat}`).toString("base64")}`;

function countingDb(db: Db): { db: Db; queries: () => number } {
  let queries = 0;
  const counted = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        queries += 1;
        return query(args);
      },
    },
  });
  // The extension only wraps operations; the client keeps Db's models and omit settings.
  return { db: counted as unknown as Db, queries: () => queries };
}

for (const provider of testProviders) {
  describe(`connector snapshot (${provider})`, () => {
    const t = useTestDb(provider);
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const pastTheBound = () => vi.setSystemTime(Date.now() + CONNECTOR_FRESH_MS);

    it("serves cached calls without a query, and applies a local edit at once and another replica's within 1 s", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const { db, queries } = countingDb(t.current.db);
      const first = await getAccessToken({ organization: "litware" }, { db });
      expect(first.method).toBe("mi_fic");
      expect(queries()).toBeGreaterThan(0);

      // Within the bound (the clock stands still until the test moves it), no query at all.
      const before = queries();
      for (let i = 0; i < 200; i++) expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      expect(queries()).toBe(before);
      // Past the bound the connector is read again (once), and the cached token still serves.
      pastTheBound();
      expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      expect(queries()).toBeGreaterThan(before);

      // Through the product, in this process: the next call already reads the new setup.
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeOnly });
      const afterSetPat = queries();
      expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      expect(queries()).toBeGreaterThan(afterSetPat);

      // Another replica switches the method: this one follows once the bound (under 1 s) has passed.
      await t.current.db.connector.update({ where: { id }, data: { authMethod: "pat", version: { increment: 1 } } });
      expect((await getAccessToken({ organization: "litware" }, { db })).method).toBe("mi_fic");
      expect(CONNECTOR_FRESH_MS).toBeLessThan(1000);
      pastTheBound();
      const token = await getAccessToken({ organization: "litware" }, { db });
      expect(token.method).toBe("pat");
      expect(token.authorization).toBe(basic(ADO_PATS.devCodeOnly));

      // A PAT replaced through the product is served on the very next call.
      const replaced = await t.current.db.connector.findUniqueOrThrow({ where: { id }, select: { version: true } });
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork, expectedVersion: replaced.version });
      expect((await getAccessToken({ organization: "litware" }, { db })).authorization).toBe(basic(ADO_PATS.devCodeAndWork));
    });

    it("does not hold a connector asked for once, or deleted, past the bound", async () => {
      const db = t.current.db;
      await adoConnector(db, "litware");
      await adoConnector(db, "northwind");
      const replica = {};
      await connectorSnapshot(db, { organization: "litware" }, replica);
      await connectorSnapshot(db, { organization: "northwind" }, replica);
      expect(heldConnectorSnapshots(db, replica)).toBe(2);
      await db.connector.deleteMany({ where: { displayName: "northwind" } });
      pastTheBound();
      // The next read, of any connector, drops the two that no call can use any more.
      expect((await connectorSnapshot(db, { organization: "litware" }, replica)).organization).toBe("litware");
      expect(heldConnectorSnapshots(db, replica)).toBe(1);
    });

    it("re-reads a changed MI + FIC setting written by another replica after the bound", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const { db, queries } = countingDb(t.current.db);
      const first = await getAccessToken({ organization: "litware" }, { db });
      await t.current.db.connector.update({ where: { id }, data: { miClientId: "00000000-0000-4000-8000-00000000dead", version: { increment: 1 } } });
      const before = queries();
      // Within the bound the snapshot still answers, without a query.
      expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      expect(queries()).toBe(before);
      pastTheBound();
      const error = await getAccessToken({ organization: "litware" }, { db }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(queries()).toBeGreaterThan(before);
      expect(error).toMatchObject({ code: "upstream_failed" });
    });
  });
}
