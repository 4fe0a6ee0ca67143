// The throttle pause is a row: it keeps the longer of two pauses, forgets one that has ended, and
// one instance's pause is seen by another instance with its own client.
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { OrgThrottle } from "./org-throttle";
import { pruneHistory } from "./prune-history";

for (const provider of testProviders) {
  describe(`throttle pauses on ${provider}`, () => {
    const t = useTestDb(provider);

    it("pauses one organization until the time asked, keeps the longer of two pauses, then forgets it", async () => {
      const throttle = new OrgThrottle(t.current.db);
      expect(await throttle.pause("ado:litware", 60_000, 0)).toBe(60_000);
      expect(await throttle.pause("ado:litware", 10_000, 0)).toBe(60_000);
      expect(await throttle.pause("kusto:https://c.kusto.example", 30_000, 1_000)).toBe(31_000);
      expect(await throttle.paused(20_000)).toEqual(
        new Map([
          ["ado:litware", 60_000],
          ["kusto:https://c.kusto.example", 31_000],
        ]),
      );
      expect([...(await throttle.paused(40_000)).keys()]).toEqual(["ado:litware"]);
      expect((await throttle.paused(60_000)).size).toBe(0);
      await pruneHistory(t.current.db, { retentionDays: 30 });
      expect(await t.current.db.throttlePause.count()).toBe(0);
    });

    it("is seen by another instance on the same database", async () => {
      const other = createDb(t.current.database);
      try {
        await new OrgThrottle(t.current.db).pause("ado:contoso", 120_000);
        expect([...(await new OrgThrottle(other).paused()).keys()]).toEqual(["ado:contoso"]);
      } finally {
        await other.$disconnect();
      }
    });
  });
}
