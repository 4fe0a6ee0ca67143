import "server-only";
// Thins the history of scheduled checks. Every scheduled check stores a run (about 2 KiB with
// its indexes), so at one check every 15 minutes a connector adds 96 runs a day: kept for 30 days,
// 2,880 runs and about 6 MiB per connector, 6 GiB for 1,000 connectors. Most of them say what the
// one before said. Past the last day, a scheduled run that found what both the run before it and
// the run after it found (the same digest, run-digest.ts; chain tests and source checks apart) is
// deleted: each unchanged stretch keeps its first and its last run, so the history still shows when
// each result began, when it was last seen, and every change. Runs an operator started (manual,
// wizard; the audit log names them), runs an alert or a knowledge source points at, and runs from
// before digests were recorded are kept. The last day is never thinned: the dashboard's bars and
// a connector's recent runs show every check.
//
// The neighbours come from a window function, which Prisma cannot express, so the statement is
// written here; it is the same on SQLite (3.25 or later) and PostgreSQL but for a cast. Only runs older than the cutoff are read: the newest of them has no later neighbour
// in that set and waits for the next pass, which sees it with the one after it.
import { providerOf, type Db } from "@/lib/server/db/client";

/** Every scheduled check of the last day stays; older ones are thinned. */
export const FULL_HISTORY_MS = 24 * 3600_000;

const KINDS = ["chain", "sources"] as const;

export async function thinRuns(db: Db, options: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - FULL_HISTORY_MS);
  const postgres = providerOf(db) === "postgresql";
  // The cutoff is bound as a time, so each adapter writes it as it stores one.
  const older = postgres ? `"startedAt" < $2::timestamp(3)` : `"startedAt" < ?`;
  const kind = postgres ? "$1" : "?";
  let thinned = 0;
  for (const runKind of KINDS) {
    thinned += await db.$executeRawUnsafe(
      `DELETE FROM "ValidationRun" WHERE "id" IN (
        SELECT "id" FROM (
          SELECT "id", "trigger", "digest",
            LAG("digest") OVER (PARTITION BY "connectorId" ORDER BY "startedAt", "id") AS "before",
            LEAD("digest") OVER (PARTITION BY "connectorId" ORDER BY "startedAt", "id") AS "after"
          FROM "ValidationRun" WHERE "kind" = ${kind} AND ${older}
        ) AS "neighbours"
        WHERE "trigger" = 'schedule' AND "digest" = "before" AND "digest" = "after"
          AND "id" NOT IN (SELECT "runId" FROM "AlertEvent" WHERE "runId" IS NOT NULL)
          AND "id" NOT IN (SELECT "validationRunId" FROM "KnowledgeSource" WHERE "validationRunId" IS NOT NULL)
      )`,
      runKind,
      cutoff,
    );
  }
  return thinned;
}
