// The history of scheduled checks past the last day keeps each unchanged stretch's first and last
// run and every change, on real SQLite and PostgreSQL, with runs stored by the pipeline's own
// writer. What a passing hop says about its token (its expiry) and how long it took differ from
// run to run; they do not make two runs different. Runs an operator started, runs an alert or a
// source points at, runs from before digests were recorded and the whole last day are kept.
import { beforeAll, describe, expect, it } from "vitest";
import { brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { createDb, setDbForTests, type Db } from "@/lib/server/db/client";
import { decodedCheck, passCheck } from "@/lib/server/pipeline/check-results";
import { recordRuns, SYSTEM_ACTOR, type RunRecord } from "@/lib/server/pipeline/record-runs";
import { outcomeOf } from "@/lib/server/pipeline/run-hops";
import { checksColumn } from "@/lib/server/pipeline/stored-checks";
import type { CheckResultDto, RunTrigger } from "@/lib/schemas/validation";
import { createKustoConnector } from "@/lib/server/pipeline/testing/kusto-connector";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { pruneHistory } from "./prune-history";
import { FULL_HISTORY_MS, THINNING_REACH_MS, thinRuns } from "./thin-runs";

const HOUR = 3600_000;
const NOW = new Date(Date.UTC(2026, 11, 2, 12));
const hoursAgo = (hours: number, from = NOW) => new Date(from.getTime() - hours * HOUR);

/** A passing chain as a scheduled check finds it: the token's expiry and the durations change every time. */
const passing = (at: Date): CheckResultDto[] => [
  passCheck({ key: "exchange", label: "Token for Kusto through the federated credential" }, `Token issued, valid until ${new Date(at.getTime() + HOUR).toISOString()}`, 100 + (at.getTime() % 97)),
  passCheck({ key: "kusto-call", label: "Query the database" }, "The database answered", 20 + (at.getTime() % 13)),
];
const failing = (at: Date): CheckResultDto[] => [
  passing(at)[0]!,
  decodedCheck(
    { key: "kusto-call", label: "Query the database" },
    {
      code: "Forbidden (403)",
      title: "The identity has no role on the database",
      cause: "No viewer role.",
      fix: ".add database db viewers ('aadapp=app;tenant')",
      raw: `{"at":"${at.toISOString()}"}`,
    },
    15,
    "fail",
  ),
];

for (const provider of testProviders) {
  describe(`thinning the run history on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeAll(() => setDbForTests(t.current.db));

    const connector = (name: string) => createKustoConnector(t.current.db, name);
    const store = async (connectorId: string, runs: { hours: number; checks: (at: Date) => CheckResultDto[]; trigger?: RunTrigger; kind?: "chain" | "sources" }[]) => {
      const connector = await brokerConnectorById(t.current.db, connectorId);
      const records = runs.map(({ hours, checks, trigger = "schedule", kind = "chain" }): RunRecord => {
        const startedAt = hoursAgo(hours);
        const found = checks(startedAt);
        return { connector, trigger, kind, run: { checks: found, outcome: outcomeOf(found), startedAt, finishedAt: new Date(startedAt.getTime() + 300) }, actor: SYSTEM_ACTOR, audit: null };
      });
      const stored = await recordRuns(t.current.db, records);
      return stored.map((run) => run!.id);
    };
    /** What is left of a connector's history: the runs' ages in hours, oldest first. */
    const left = async (connectorId: string, kind: "chain" | "sources" = "chain", from = NOW) =>
      (await t.current.db.validationRun.findMany({ where: { connectorId, kind }, orderBy: { startedAt: "asc" }, select: { startedAt: true } })).map(
        (run) => (from.getTime() - run.startedAt.getTime()) / HOUR,
      );

    it("keeps the first and last run of each unchanged stretch past the last day, every change, and the whole last day", async () => {
      const { db } = t.current;
      const litware = (await connector("litware"))!.id;
      const fabrikam = (await connector("fabrikam"))!.id;
      await store(litware, [
        ...[72, 60, 48, 40, 36].map((hours) => ({ hours, checks: passing })),
        { hours: 30, checks: failing },
        { hours: 29, checks: failing },
        ...[28, 27, 26].map((hours) => ({ hours, checks: passing })),
        { hours: 25.5, checks: passing, trigger: "manual" as const },
        ...[25, 20, 10, 1].map((hours) => ({ hours, checks: passing })),
      ]);
      // Another connector's runs in between, and the same connector's source checks, are other histories.
      await store(
        fabrikam,
        [50, 49, 48, 47].map((hours) => ({ hours, checks: hours === 48 ? failing : passing })),
      );
      await store(
        litware,
        [71, 59, 47, 35].map((hours) => ({ hours, checks: passing, kind: "sources" as const })),
      );

      const pruned = await pruneHistory(db, { retentionDays: 30, now: NOW });

      // 60, 48 and 40 repeat the stretch from 72 to 36; 27 and 26 repeat 28 before the operator's
      // run at 25.5, which stays; 25 repeats it and the run at 20, inside the last day, which stays.
      expect(await left(litware)).toEqual([72, 36, 30, 29, 28, 25.5, 20, 10, 1]);
      expect(await left(fabrikam)).toEqual([50, 49, 48, 47]);
      expect(await left(litware, "sources")).toEqual([71, 35]);
      expect(pruned.thinned).toBe(3 + 2 + 1 + 2);

      // 15 hours later 20 and 10 have left the last day, between the operator's run and 1.
      const later = new Date(NOW.getTime() + 15 * HOUR);
      await pruneHistory(db, { retentionDays: 30, now: later });
      expect(await left(litware)).toEqual([72, 36, 30, 29, 28, 25.5, 1]);
      const again = await pruneHistory(db, { retentionDays: 30, now: later });
      expect(again.thinned).toBe(0);
    });

    it("keeps a repeated run that an alert or a knowledge source points at, and runs from before digests were recorded", async () => {
      const { db } = t.current;
      const contoso = (await connector("contoso"))!.id;
      const organization = await db.organization.create({ data: { name: "contoso" } });
      const [, alerted, , cited] = await store(
        contoso,
        [80, 79, 78, 77, 76, 75].map((hours) => ({ hours, checks: passing })),
      );
      await db.alertEvent.create({
        data: {
          type: "connector.recovered",
          connectorId: contoso,
          connectorName: "contoso",
          target: "db",
          kind: "kusto",
          authMethod: "mi_fic",
          fromStatus: "failing",
          toStatus: "healthy",
          runId: alerted!,
        },
      });
      await db.knowledgeSource.create({
        data: { connectorId: contoso, organizationId: organization.id, project: "Payments", repository: "payments-api", displayName: "Payments API", validationRunId: cited!, createdBy: "test" },
      });
      // Three runs stored before the digest column existed.
      for (const hours of [70, 69, 68]) {
        const at = hoursAgo(hours);
        await db.validationRun.create({
          data: { connectorId: contoso, trigger: "schedule", kind: "chain", outcome: "pass", startedAt: at, finishedAt: at, durationMs: 300, checks: checksColumn(passing(at)) },
        });
      }

      await pruneHistory(db, { retentionDays: 30, now: NOW });

      expect(await left(contoso)).toEqual([80, 79, 77, 75, 70, 69, 68]);
    });

    it("looks back a week past the last day: older repeats, left by a scheduler that was stopped, stay", async () => {
      const northwind = (await connector("northwind"))!.id;
      const reach = (FULL_HISTORY_MS + THINNING_REACH_MS) / HOUR;
      await store(
        northwind,
        [reach + 3, reach + 2, reach + 1, reach - 1, reach - 2, reach - 3].map((hours) => ({ hours, checks: passing })),
      );

      await pruneHistory(t.current.db, { retentionDays: 30, now: NOW });

      // reach + 1 is past the reach, so it is never looked at; reach - 1 and reach - 2 sit between it and reach - 3.
      expect(await left(northwind)).toEqual([reach + 3, reach + 2, reach + 1, reach - 3]);
    });

    // Each replica prunes on its own hour, so two passes can meet on PostgreSQL (SQLite serves one
    // process). Each statement decides on one snapshot and deleting a repeat never makes a kept run
    // a repeat, so together they delete what one pass would, each run once, and neither fails.
    if (provider === "postgresql")
      it("two replicas thinning at once delete each repeat once, and leave what one pass leaves", async () => {
        const names = Array.from({ length: 30 }, (_, index) => `replica-${index}`);
        const ids = await Promise.all(names.map(async (name) => (await connector(name))!.id));
        const history = [
          ...Array.from({ length: 24 }, (_, index) => ({ hours: 73 - index, checks: passing })),
          ...[49, 48, 47, 46, 45].map((hours) => ({ hours, checks: failing })),
          ...Array.from({ length: 19 }, (_, index) => ({ hours: 44 - index, checks: passing })),
          { hours: 1, checks: passing },
        ];
        for (const id of ids) await store(id, history);

        // One replica's pass has deleted the repeats but not committed when the other's starts: the
        // second decides on the history as it was, waits for the first's row locks, then finds its
        // rows gone.
        const other = createDb(t.current.database);
        try {
          let second: Promise<number> | undefined;
          let secondDone = false;
          const first = await other.$transaction(async (tx) => {
            const deleted = await thinRuns(tx as unknown as Db, { now: NOW });
            second = thinRuns(t.current.db, { now: NOW }).finally(() => (secondDone = true));
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(secondDone).toBe(false);
            return deleted;
          });
          expect(first).toBe(ids.length * (history.length - 6));
          expect(await second).toBe(0);
        } finally {
          await other.$disconnect();
        }
        for (const id of ids) expect(await left(id)).toEqual([73, 50, 49, 45, 44, 1]);
        expect(await thinRuns(t.current.db, { now: NOW })).toBe(0);
      });
  });
}
