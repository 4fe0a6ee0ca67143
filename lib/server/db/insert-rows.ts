import "server-only";
// A multi-row INSERT for the hot write paths (a sweep's runs and checks), sent as one parameterized
// statement per chunk of rows. Prisma's createMany hands every value to its query compiler, whose
// cost grows with the data; this sends the same rows to the same driver without that step. Values
// are always parameters, never SQL text; table and column names come from the caller's code only.
// Dates are stored as Prisma stores them: ISO 8601 text with "+00:00" on SQLite, timestamps on
// PostgreSQL.
import type { Prisma } from "@/lib/generated/prisma";
import type { DbProvider } from "./client";

export type RowValue = string | number | boolean | Date | null;

/** Rows per statement: well under either database's limit on parameters. */
const CHUNK_PARAMETERS = 20_000;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

export async function insertRows(tx: Prisma.TransactionClient, provider: DbProvider, table: string, rows: Record<string, RowValue>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`insertRows: "${name}" is not a plain identifier`);
  const value = (raw: RowValue | undefined): RowValue => {
    if (raw === undefined) return null;
    if (raw instanceof Date) return provider === "sqlite" ? raw.toISOString().replace("Z", "+00:00") : raw;
    if (typeof raw === "boolean" && provider === "sqlite") return raw ? 1 : 0;
    return raw;
  };
  const perChunk = Math.max(1, Math.floor(CHUNK_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: RowValue[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        params.push(value(row[column]));
        return provider === "postgresql" ? `$${params.length}` : "?";
      });
      return `(${placeholders.join(", ")})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES ${tuples.join(", ")}`, ...params);
  }
}
