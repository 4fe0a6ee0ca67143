// The broker's connector snapshot: a cached call touches no database within the freshness
// bound, an edit through this process applies to the next call, and an edit written by another
// replica applies within 1 s. Queries are counted by a Prisma query extension on the client the
// broker is given, so "no query" covers every table, not just the connector.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { adoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { CONNECTOR_FRESH_MS } from "./connector-snapshot";
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
    });

    it("serves cached calls without a query, and applies a local edit at once and another replica's within 1 s", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const { db, queries } = countingDb(t.current.db);
      const first = await getAccessToken({ organization: "litware" }, { db });
      expect(first.method).toBe("mi_fic");
      expect(queries()).toBeGreaterThan(0);

      // The first call's token exchange can outlast the bound on a busy machine, and its snapshot
      // dates from before it: start the bound afresh with a call that only re-reads the connector.
      await new Promise((resolve) => setTimeout(resolve, CONNECTOR_FRESH_MS));
      const started = Date.now();
      expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      const before = queries();
      for (let i = 0; i < 200; i++) expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      // Only meaningful while the loop stayed inside the bound; on a fast machine it takes a few ms.
      expect(Date.now() - started).toBeLessThan(CONNECTOR_FRESH_MS);
      expect(queries()).toBe(before);

      // Through the product, in this process: the next call already reads the new setup.
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeOnly });
      const afterSetPat = queries();
      expect(await getAccessToken({ organization: "litware" }, { db })).toBe(first);
      expect(queries()).toBeGreaterThan(afterSetPat);

      // Another replica switches the method: this one follows within 1 s.
      await t.current.db.connector.update({ where: { id }, data: { authMethod: "pat", version: { increment: 1 } } });
      const edited = Date.now();
      let token = await getAccessToken({ organization: "litware" }, { db });
      while (token.method !== "pat" && Date.now() - edited < 2000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        token = await getAccessToken({ organization: "litware" }, { db });
      }
      expect(Date.now() - edited).toBeLessThan(1000);
      expect(token.authorization).toBe(basic(ADO_PATS.devCodeOnly));

      // A PAT replaced through the product is served on the very next call.
      const replaced = await t.current.db.connector.findUniqueOrThrow({ where: { id }, select: { version: true } });
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork, expectedVersion: replaced.version });
      expect((await getAccessToken({ organization: "litware" }, { db })).authorization).toBe(basic(ADO_PATS.devCodeAndWork));
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
      await new Promise((resolve) => setTimeout(resolve, CONNECTOR_FRESH_MS + 20));
      const error = await getAccessToken({ organization: "litware" }, { db }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(queries()).toBeGreaterThan(before);
      expect(error).toMatchObject({ code: "upstream_failed" });
    });
  });
}
