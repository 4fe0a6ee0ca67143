import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { createSession, findSessionOperator, revokeSession } from "./sessions";

const identity = { operatorId: "oid-1", tenantId: "tid-1", name: "Admin", username: "admin@contoso.example", role: "admin" as const };

for (const provider of testProviders) {
  describe(`operator sessions on ${provider}`, () => {
    const t = useTestDb(provider);

    it("survive a portal restart: a new client on the same database still finds the session", async () => {
      const { token } = await createSession(t.current.db, identity, 1);
      const restarted = createDb(t.current.database);
      try {
        expect(await findSessionOperator(restarted, token)).toMatchObject({ id: "oid-1", role: "admin", username: "admin@contoso.example" });
      } finally {
        await restarted.$disconnect();
      }
    });

    it("stores only a hash of the token", async () => {
      const { token } = await createSession(t.current.db, identity, 1);
      const rows = await t.current.db.operatorSession.findMany();
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it("refuse an expired, revoked, altered or unknown token", async () => {
      const expired = await createSession(t.current.db, identity, -0.001);
      expect(await findSessionOperator(t.current.db, expired.token)).toBeNull();

      const revoked = await createSession(t.current.db, identity, 1);
      await revokeSession(t.current.db, revoked.token);
      expect(await findSessionOperator(t.current.db, revoked.token)).toBeNull();

      const live = await createSession(t.current.db, identity, 1);
      expect(await findSessionOperator(t.current.db, live.token)).not.toBeNull();
      const altered = `${live.token.slice(0, -1)}${live.token.endsWith("A") ? "B" : "A"}`;
      expect(await findSessionOperator(t.current.db, altered)).toBeNull();
      expect(await findSessionOperator(t.current.db, "")).toBeNull();
      expect(await findSessionOperator(t.current.db, "x".repeat(5000))).toBeNull();
    });
  });
}
