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
// Each pass looks at the runs that left the last day within the past week (found through the
// index on startedAt; the passes before have thinned the older ones, so in the steady state that
// is a few runs per connector), and finds each one's neighbours through the index on connector
// and time. Prisma cannot say "the run just before this one" inside a delete, so the statement is
// written here; it is the same on SQLite and PostgreSQL but for a cast. One statement decides on
// the history as it was before it, so the runs it deletes are exactly the repeated ones.
import { providerOf, type Db } from "@/lib/server/db/client";

/** Every scheduled check of the last day stays; older ones are thinned. */
export const FULL_HISTORY_MS = 24 * 3600_000;
/** How far back past the last day a pass looks: runs a stopped scheduler left older than this stay. */
export const THINNING_REACH_MS = 7 * 24 * 3600_000;

const KINDS = ["chain", "sources"] as const;

export async function thinRuns(db: Db, options: { now?: Date } = {}): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - FULL_HISTORY_MS);
  const from = new Date(cutoff.getTime() - THINNING_REACH_MS);
  const postgres = providerOf(db) === "postgresql";
  // The times are bound as times, so each adapter writes them as it stores one. SQLite's
  // placeholders are taken in the order they appear: kind, start, end.
  const [kind, start, end] = postgres ? ["$1", "$2::timestamp(3)", "$3::timestamp(3)"] : ["?", "?", "?"];
  // The run just before (or after) in the connector's history of that kind, ties on the time
  // broken by id. The bound on startedAt alone lets the index on connector and time seek to it.
  const neighbour = (alias: string, direction: "<" | ">") => {
    const order = direction === "<" ? "DESC" : "ASC";
    return `(SELECT "${alias}"."digest" FROM "ValidationRun" AS "${alias}"
      WHERE "${alias}"."connectorId" = "run"."connectorId" AND "${alias}"."kind" = "run"."kind"
        AND "${alias}"."startedAt" ${direction}= "run"."startedAt"
        AND ("${alias}"."startedAt" ${direction} "run"."startedAt" OR "${alias}"."id" ${direction} "run"."id")
      ORDER BY "${alias}"."startedAt" ${order}, "${alias}"."id" ${order} LIMIT 1)`;
  };
  let thinned = 0;
  for (const runKind of KINDS) {
    thinned += await db.$executeRawUnsafe(
      `DELETE FROM "ValidationRun" WHERE "id" IN (
        SELECT "run"."id" FROM "ValidationRun" AS "run"
        WHERE "run"."kind" = ${kind} AND "run"."startedAt" >= ${start} AND "run"."startedAt" < ${end}
          AND "run"."trigger" = 'schedule' AND "run"."digest" IS NOT NULL
          AND "run"."digest" = ${neighbour("before", "<")}
          AND "run"."digest" = ${neighbour("after", ">")}
          AND "run"."id" NOT IN (SELECT "runId" FROM "AlertEvent" WHERE "runId" IS NOT NULL)
          AND "run"."id" NOT IN (SELECT "validationRunId" FROM "KnowledgeSource" WHERE "validationRunId" IS NOT NULL)
      )`,
      runKind,
      from,
      cutoff,
    );
  }
  return thinned;
}
