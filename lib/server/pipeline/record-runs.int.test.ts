// The pipeline's one writer on real SQLite and PostgreSQL: a batch of finished runs is stored in
// one transaction, each connector's status follows its run only while the settings it tested hold
// and no later run has reported, a connector deleted meanwhile is left out (or, for a single run,
// is "not found"), and the stored checks read back as they were built, Retry-After included.
import { settingsKeyOf, type SettingsFields } from "@/lib/server/status/settings-key";
import { beforeAll, describe, expect, it } from "vitest";
import { brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { setDbForTests } from "@/lib/server/db/client";
import { createKustoConnector } from "./testing/kusto-connector";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { toValidationRunDto } from "./to-validation-run-dto";
import { decodedCheck, passCheck } from "./check-results";
import { recordRun, recordRuns, SYSTEM_ACTOR, type RunRecord } from "./record-runs";
import { outcomeOf } from "./run-hops";
import { checksOf } from "./stored-checks";

const throttled = decodedCheck(
  { key: "ado-call", label: "Call Azure DevOps as that identity" },
  { code: "HTTP 429", title: "Azure DevOps is throttling the calls", cause: "Too many requests.", fix: "Wait 30 s and run the test again.", raw: "429", retryAfterMs: 30_000 },
  12,
);

for (const provider of testProviders) {
  describe(`recording runs on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeAll(() => setDbForTests(t.current.db));

    const connector = (name: string) => createKustoConnector(t.current.db, name);
    const record = async (id: string, checks: CheckResultDto[], startedAt = new Date()): Promise<RunRecord> => ({
      connector: await brokerConnectorById(t.current.db, id),
      trigger: "schedule",
      run: { checks, outcome: outcomeOf(checks), startedAt, finishedAt: new Date(startedAt.getTime() + 40) },
      actor: SYSTEM_ACTOR,
      audit: null,
    });

    it("stores a batch in one go; a status follows its run only while what it tested holds; a deleted connector is left out", async () => {
      const { db } = t.current;
      const [kept, edited, deleted, newer] = await Promise.all(["kept", "edited", "deleted", "newer"].map(connector));
      const ok = [passCheck({ key: "kusto-call", label: "Query" }, "fine", 30)];
      const records = [await record(kept!.id, ok), await record(edited!.id, ok), await record(deleted!.id, ok), await record(newer!.id, [throttled], new Date(Date.now() - 60_000))];
      // While the checks ran: an operator changed one connector's tenant, deleted another, and a
      // run that started later than the fourth's reported first.
      await db.connector.update({ where: { id: edited!.id }, data: { targetTenantId: "another-tenant" } });
      await db.connector.delete({ where: { id: deleted!.id } });
      const newerKey = settingsKeyOf(records[3]!.connector.tested as SettingsFields);
      await db.connector.update({ where: { id: newer!.id }, data: { status: "healthy", chainStatus: "healthy", checkedSettingsKey: newerKey, lastCheckedAt: new Date() } });

      const stored = await recordRuns(db, records);
      expect(stored.map((run) => run?.outcome ?? null)).toEqual(["pass", "pass", null, "unknown"]);
      const statuses = Object.fromEntries((await db.connector.findMany({ select: { displayName: true, status: true } })).map((row) => [row.displayName, row.status]));
      expect(statuses).toEqual({ kept: "healthy", edited: "unchecked", newer: "healthy" });
      expect(await db.validationRun.count()).toBe(3);

      // What the sweep was told is what a reader of the runs table gets back.
      const row = await db.validationRun.findUniqueOrThrow({ where: { id: stored[3]!.id } });
      expect(toValidationRunDto(row)).toEqual(stored[3]);
      expect(checksOf(row.checks)[0]).toMatchObject({ code: "HTTP 429", retryAfterMs: 30_000 });
    });

    it("in one batch: a passing run lifts a draft, a failing one keeps it saying what is missing, and of two runs of one connector the later one's verdict stays", async () => {
      const { db } = t.current;
      const [lifted, kept, twice] = await Promise.all(["draft-lifted", "draft-kept", "twice"].map(connector));
      await db.connector.updateMany({ where: { id: { in: [lifted!.id, kept!.id] } }, data: { draftMissing: "Not proved yet.", status: "draft" } });
      const ok = [passCheck({ key: "kusto-call", label: "Query" }, "fine", 30)];
      const denied = decodedCheck(
        { key: "kusto-call", label: "Query" },
        { code: "Forbidden", title: "The identity has no viewer role", cause: "Denied.", fix: "Grant Viewer on the database.", raw: "403" },
        12,
      );
      const earlier = new Date(Date.now() - 30_000);
      // The later run of "twice" is listed first: the order of the batch does not decide, the start does.
      const records = [await record(lifted!.id, ok), await record(kept!.id, [denied]), await record(twice!.id, ok), await record(twice!.id, [denied], earlier)];

      const stored = await recordRuns(db, records);
      expect(stored.map((run) => run?.outcome)).toEqual(["pass", "fail", "pass", "fail"]);
      const rows = Object.fromEntries(
        (await db.connector.findMany({ select: { displayName: true, status: true, chainStatus: true, draftMissing: true, lastCheckedAt: true } })).map((row) => [row.displayName, row]),
      );
      expect(rows["draft-lifted"]).toMatchObject({ status: "healthy", chainStatus: "healthy", draftMissing: null });
      expect(rows["draft-kept"]).toMatchObject({ status: "draft", chainStatus: "failing" });
      expect(rows["draft-kept"]!.draftMissing).toContain("Grant Viewer on the database.");
      expect(rows.twice).toMatchObject({ status: "healthy", chainStatus: "healthy" });
      expect(await db.validationRun.count({ where: { connector: { displayName: "twice" } } })).toBe(2);
    });

    it("answers 'not found' for a single run whose connector is gone, storing nothing", async () => {
      const { db } = t.current;
      const gone = await connector("gone");
      const run = await record(gone.id, [passCheck({ key: "kusto-call", label: "Query" }, "fine", 30)]);
      await db.connector.delete({ where: { id: gone.id } });
      await expect(recordRun(db, run)).rejects.toMatchObject({ code: "not_found", message: "The connector was not found." });
      expect(await db.validationRun.count({ where: { connectorId: gone.id } })).toBe(0);
    });
  });
}
