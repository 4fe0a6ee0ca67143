import "server-only";
// Typed access to one encrypted connector column by name, for the code that walks every
// secret (rotation). Selecting one column at a time keeps large OAuth caches out of PAT passes.
import type { Db } from "@/lib/server/db/client";
import type { Prisma } from "@/lib/generated/prisma";

export type ConnectorSecretColumn = "patCiphertext" | "oauthCacheCiphertext";
export type SecretRow = { id: string; ciphertext: string; updatedAt: Date };

function whereColumn(column: ConnectorSecretColumn, filter: Prisma.StringNullableFilter<"Connector"> | string): Prisma.ConnectorWhereInput {
  return column === "patCiphertext" ? { patCiphertext: filter } : { oauthCacheCiphertext: filter };
}

const selectColumn = (column: ConnectorSecretColumn) =>
  column === "patCiphertext" ? ({ id: true, updatedAt: true, patCiphertext: true } as const) : ({ id: true, updatedAt: true, oauthCacheCiphertext: true } as const);

function toSecretRow(column: ConnectorSecretColumn, row: { id: string; updatedAt: Date; patCiphertext?: string | null; oauthCacheCiphertext?: string | null }): SecretRow | undefined {
  const ciphertext = column === "patCiphertext" ? row.patCiphertext : row.oauthCacheCiphertext;
  return ciphertext ? { id: row.id, ciphertext, updatedAt: row.updatedAt } : undefined;
}

/** Rows after `afterId` (by id) whose envelope does not start with `currentPrefix`. */
export async function findSecretsNotUnder(db: Db, column: ConnectorSecretColumn, currentPrefix: string, afterId: string | undefined, take: number): Promise<SecretRow[]> {
  const rows = await db.connector.findMany({
    where: {
      AND: [whereColumn(column, { not: null }), { NOT: whereColumn(column, { startsWith: currentPrefix }) }],
      ...(afterId === undefined ? {} : { id: { gt: afterId } }),
    },
    select: selectColumn(column),
    orderBy: { id: "asc" },
    take,
  });
  return rows.flatMap((row) => toSecretRow(column, row) ?? []);
}

export async function countSecretsUnder(db: Db, column: ConnectorSecretColumn, prefix: string): Promise<number> {
  return db.connector.count({ where: whereColumn(column, { startsWith: prefix }) });
}

export async function findSecret(db: Db, column: ConnectorSecretColumn, id: string): Promise<SecretRow | undefined> {
  const row = await db.connector.findUnique({ where: { id }, select: selectColumn(column) });
  return row ? toSecretRow(column, row) : undefined;
}

/**
 * Compare-and-swap: writes only if the row still holds exactly what was read (ciphertext and
 * updatedAt), and keeps updatedAt and version as they were, because re-encryption is not an edit.
 */
export async function swapSecret(db: Db, column: ConnectorSecretColumn, read: SecretRow, ciphertext: string): Promise<boolean> {
  const data = column === "patCiphertext" ? { patCiphertext: ciphertext } : { oauthCacheCiphertext: ciphertext };
  const result = await db.connector.updateMany({
    where: { AND: [{ id: read.id, updatedAt: read.updatedAt }, whereColumn(column, read.ciphertext)] },
    data: { ...data, updatedAt: read.updatedAt },
  });
  return result.count === 1;
}
