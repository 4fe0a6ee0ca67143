import "server-only";
// A sweep's runs and checks as multi-row INSERTs. Prisma's createMany compiles and templates every
// row of the batch on each call (about 1.3 ms of CPU per run with its three checks, measured
// against 0.4 ms for these statements), which made storing a run cost more than checking it.
// Values are bound parameters; table and column names come from this file only. Dates are bound
// as Date objects, which Prisma stores as it stores its own (ISO text on SQLite, timestamp(3) on
// PostgreSQL), so the rows read back through Prisma exactly like rows it wrote.
import type { Prisma } from "@/lib/generated/prisma";
import type { DbProvider } from "@/lib/server/db/client";

type Value = string | number | Date | null | undefined;

/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export const RUN_COLUMNS = ["id", "connectorId", "trigger", "kind", "authMethod", "settingsKey", "outcome", "startedAt", "finishedAt", "durationMs"] as const;
export const CHECK_COLUMNS = [
  "id",
  "runId",
  "position",
  "key",
  "label",
  "status",
  "code",
  "title",
  "cause",
  "fix",
  "expected",
  "configured",
  "detail",
  "linkLabel",
  "linkHref",
  "raw",
  "traceId",
  "retryAfterMs",
  "durationMs",
] as const;

type Row<Columns extends readonly string[]> = { [Column in Columns[number]]: Value };

export async function insertRows<Columns extends readonly string[]>(
  tx: Prisma.TransactionClient,
  provider: DbProvider,
  table: "ValidationRun" | "ValidationCheck",
  columns: Columns,
  rows: Row<Columns>[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const names = columns.map((column) => `"${column}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: Value[] = [];
    const placeholder = (value: Value) => {
      params.push(value ?? null);
      if (provider === "sqlite") return "?";
      return value instanceof Date ? `$${params.length}::timestamp(3)` : `$${params.length}`;
    };
    const values = rows
      .slice(start, start + perStatement)
      .map((row) => `(${columns.map((column) => placeholder(row[column as Columns[number]])).join(", ")})`)
      .join(", ");
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values}`, ...params);
  }
}
