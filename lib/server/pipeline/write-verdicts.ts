import "server-only";
// Writes the verdicts of a batch of chain runs onto their connectors with a fixed number of
// statements, whatever the batch's size: one read of the batch's rows, then the chain verdict,
// the settings key it is about, the draft note and the derived status of every connector in one
// UPDATE … SET column = CASE id …, and the time checked in one more (the batch's earliest start). It runs inside the caller's transaction, and the rows it read are
// the rows it writes: on PostgreSQL they are locked first (SELECT … FOR UPDATE, in id order); on
// SQLite the transaction is the database's only writer. So the compare-and-swap of each verdict is
// decided here, in memory, on rows that cannot change before the commit: a connector's row changes
// only while the settings its run tested still hold, and its verdict only if no run that started
// later has reported.
import type { Prisma } from "@/lib/generated/prisma";
import type { DbProvider } from "@/lib/server/db/client";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { derivedStatusOf, statusInputsSelect, type StatusRow } from "@/lib/server/status/refresh-connector-status";
import { settingsKeyOf, type SettingsFields } from "@/lib/server/status/settings-key";
import type { FinishedOutcome } from "./run-hops";
import { didNotPass } from "./check-results";

export type Verdict = {
  connectorId: string;
  /** The stored values the run tested (BrokerConnector.tested). */
  tested: Prisma.ConnectorWhereInput;
  status: ConnectorStatus;
  startedAt: Date;
  outcome: FinishedOutcome;
  checks: CheckResultDto[];
};

/** The columns this writer sets by id, each only for the rows whose value changes. */
const COLUMNS = ["chainStatus", "checkedSettingsKey", "draftMissing", "status"] as const;
type Column = (typeof COLUMNS)[number];

const sameValue = (stored: unknown, tested: unknown) =>
  stored instanceof Date || tested instanceof Date
    ? stored != null && tested != null && new Date(stored as Date).getTime() === new Date(tested as Date).getTime()
    : (stored ?? null) === (tested ?? null);

/** Whether the row still holds the values a run tested; anything but plain values is refused. */
export function stillHolds(row: Record<string, unknown>, tested: Prisma.ConnectorWhereInput): boolean {
  return Object.entries(tested).every(([column, value]) => {
    if (value !== null && typeof value === "object" && !(value instanceof Date)) throw new Error(`a tested setting must be a plain value (${column})`);
    return sameValue(row[column], value);
  });
}

export const batchRowSelect = { id: true, lastCheckedAt: true, ...statusInputsSelect } as const;
export type BatchRow = Prisma.ConnectorGetPayload<{ select: typeof batchRowSelect }>;

/** The batch's connectors as they are now (the deleted ones missing), locked until the commit on PostgreSQL. */
export async function readBatch(tx: Prisma.TransactionClient, provider: DbProvider, connectorIds: string[]): Promise<BatchRow[]> {
  const ids = [...new Set(connectorIds)].sort();
  if (ids.length === 0) return [];
  if (provider === "postgresql") await tx.$queryRawUnsafe(`SELECT "id" FROM "Connector" WHERE "id" IN (${ids.map((_, i) => `$${i + 1}`).join(", ")}) ORDER BY "id" FOR UPDATE`, ...ids);
  return tx.connector.findMany({ where: { id: { in: ids } }, select: batchRowSelect });
}

/**
 * Applies the verdicts to the rows readBatch read; answers whether a draft was lifted.
 * `missingOf` words what a failed run found missing, for a connector still being proved (a draft).
 */
export async function writeVerdicts(
  tx: Prisma.TransactionClient,
  provider: DbProvider,
  batch: BatchRow[],
  verdicts: Verdict[],
  missingOf: (check: CheckResultDto) => string,
): Promise<{ draftsLifted: boolean }> {
  const concerned = new Set(verdicts.map((verdict) => verdict.connectorId));
  const read = batch.filter((row) => concerned.has(row.id));
  if (read.length === 0) return { draftsLifted: false };
  const rows = new Map(read.map((row) => [row.id, { ...row }]));
  const checkedAt = new Map<string, Date>();
  let draftsLifted = false;

  // In the order the runs started, so of two runs of one connector the later one's verdict stays.
  for (const verdict of [...verdicts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
    const row = rows.get(verdict.connectorId);
    if (!row || !stillHolds(row, verdict.tested)) continue;
    if (row.lastCheckedAt === null || row.lastCheckedAt.getTime() <= verdict.startedAt.getTime()) {
      row.chainStatus = verdict.status;
      row.checkedSettingsKey = settingsKeyOf(verdict.tested as SettingsFields);
      row.lastCheckedAt = verdict.startedAt;
      checkedAt.set(row.id, verdict.startedAt);
    }
    // Proved before used: a passing run lifts a draft; a failing one keeps it, saying what is missing.
    if (row.draftMissing !== null) {
      if (verdict.status === "healthy") {
        row.draftMissing = null;
        draftsLifted = true;
      } else {
        const failed = verdict.checks.find(didNotPass);
        if (failed) row.draftMissing = missingOf(failed);
      }
    }
  }

  // Every column that changes, by id, in one statement.
  const changes = new Map<Column, [string, string | null][]>(COLUMNS.map((column) => [column, []]));
  for (const before of read) {
    const after = rows.get(before.id)!;
    after.status = derivedStatusOf(after as StatusRow).status;
    for (const column of COLUMNS) if (after[column] !== before[column]) changes.get(column)!.push([before.id, after[column]]);
  }
  const set: string[] = [];
  const params: (string | null)[] = [];
  const param = (value: string | null) => {
    params.push(value);
    return provider === "postgresql" ? `$${params.length}` : "?";
  };
  const changedIds = new Set<string>();
  for (const [column, values] of changes) {
    if (values.length === 0) continue;
    set.push(`"${column}" = CASE "id" ${values.map(([id, value]) => `WHEN ${param(id)} THEN ${param(value)}`).join(" ")} ELSE "${column}" END`);
    for (const [id] of values) changedIds.add(id);
  }
  if (set.length > 0) {
    const where = [...changedIds].map((id) => param(id)).join(", ");
    await tx.$executeRawUnsafe(`UPDATE "Connector" SET ${set.join(", ")} WHERE "id" IN (${where})`, ...params);
  }
  // The time checked: the earliest start among the batch's runs, in one statement, except on a
  // connector already checked later than that (by a run outside the batch), which gets its run's own.
  const earliest = Math.min(...[...checkedAt.values()].map((at) => at.getTime()));
  const byTime = new Map<number, string[]>();
  for (const before of read) {
    const at = checkedAt.get(before.id);
    if (!at) continue;
    const time = before.lastCheckedAt === null || before.lastCheckedAt.getTime() <= earliest ? earliest : at.getTime();
    byTime.set(time, [...(byTime.get(time) ?? []), before.id]);
  }
  for (const [time, group] of byTime) await tx.connector.updateMany({ where: { id: { in: group } }, data: { lastCheckedAt: new Date(time) } });
  return { draftsLifted };
}
