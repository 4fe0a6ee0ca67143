import "server-only";
// The last few runs of each connector on a dashboard page, in one query. Prisma's nested
// `take` reads every run of the page's connectors and slices them in memory, which grows with
// the retention; a window function (SQLite ≥ 3.25 and PostgreSQL) reads only what is shown.
// The statement is a tagged template built from fixed text, so each client (SQLite or
// PostgreSQL) binds the ids as parameters in its own placeholder style.
import type { Db } from "@/lib/server/db/client";
import type { RunPoint } from "@/lib/schemas/health";
import type { RunOutcome, RunTrigger } from "@/lib/schemas/validation";

type RawRun = { id: string; connectorId: string; outcome: string; trigger: string; startedAt: Date | string | number; durationMs: number | bigint | null; settingsKey: string | null };

/** A run point with the settings key it tested, so the page shows only checks that count. */
export type RecentRun = RunPoint & { settingsKey: string | null };

function template(parts: string[]): TemplateStringsArray {
  return Object.assign([...parts], { raw: [...parts] }) as unknown as TemplateStringsArray;
}

/** The connector's chain tests only: a permission check of its knowledge sources is not a hop of its chain. */
export async function recentRuns(db: Db, connectorIds: string[], perConnector: number): Promise<Map<string, RecentRun[]>> {
  const byConnector = new Map<string, RecentRun[]>(connectorIds.map((id) => [id, []]));
  if (connectorIds.length === 0) return byConnector;
  const head =
    'SELECT "id", "connectorId", "outcome", "trigger", "startedAt", "durationMs", "settingsKey" FROM (' +
    'SELECT "id", "connectorId", "outcome", "trigger", "startedAt", "durationMs", "settingsKey", ' +
    'ROW_NUMBER() OVER (PARTITION BY "connectorId" ORDER BY "startedAt" DESC, "id" DESC) AS "position" ' +
    'FROM "ValidationRun" WHERE "kind" = \'chain\' AND "connectorId" IN (';
  const strings = [head, ...connectorIds.slice(1).map(() => ", "), ') ) AS "ranked" WHERE "position" <= ', ' ORDER BY "connectorId", "startedAt" DESC'];
  const rows = await db.$queryRaw<RawRun[]>(template(strings), ...connectorIds, perConnector);
  for (const row of rows) {
    byConnector.get(row.connectorId)?.push({
      id: row.id,
      outcome: row.outcome as RunOutcome,
      trigger: row.trigger as RunTrigger,
      startedAt: new Date(row.startedAt).toISOString(),
      durationMs: row.durationMs === null ? null : Number(row.durationMs),
      settingsKey: row.settingsKey,
    });
  }
  return byConnector;
}
