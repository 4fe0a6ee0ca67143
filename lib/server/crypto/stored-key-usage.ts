import "server-only";
// Which key ids the stored ciphertexts name, and how many each. Reads only the first few
// characters of each envelope (the key id is at the front), so it stays cheap with large
// OAuth token caches and thousands of connectors. It also keeps a few rows per key id, so the
// startup check can prove each key by decrypting one of them.
import type { Db } from "@/lib/server/db/client";
import { envelopeKeyId } from "./envelope";
import { secretColumns, type SecretColumn } from "./secret-columns";

/** A row whose secret is under a key id: enough to fetch and decrypt it. */
export type StoredSecretRef = { rowId: string; column: SecretColumn["column"] };

export type StoredKeyUsage = {
  byKeyId: ReadonlyMap<string, number>;
  /** Up to `samplesPerKey` rows per key id, in the order the database returned them. */
  samples: ReadonlyMap<string, readonly StoredSecretRef[]>;
  unreadable: number;
  total: number;
};

// "tb1." + a 32-character key id + "." is 37 characters.
const headLength = 40;
/** More than one: a single tampered row must not stop a portal whose key is right. */
export const samplesPerKey = 3;

export async function storedKeyUsage(db: Db): Promise<StoredKeyUsage> {
  // Identifiers come from the constant list above, never from input; substr() is spelled the
  // same in SQLite and PostgreSQL.
  const sql = secretColumns
    .map(({ sqlTable, column }) => `SELECT "id" AS "rowId", '${column}' AS "column", substr("${column}", 1, ${headLength}) AS head FROM "${sqlTable}" WHERE "${column}" IS NOT NULL`)
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ rowId: string; column: SecretColumn["column"]; head: string }[]>(sql);
  const byKeyId = new Map<string, number>();
  const samples = new Map<string, StoredSecretRef[]>();
  let unreadable = 0;
  for (const { rowId, column, head } of rows) {
    const keyId = envelopeKeyId(head);
    if (keyId === undefined) {
      unreadable += 1;
      continue;
    }
    byKeyId.set(keyId, (byKeyId.get(keyId) ?? 0) + 1);
    const kept = samples.get(keyId) ?? [];
    if (kept.length < samplesPerKey) samples.set(keyId, [...kept, { rowId, column }]);
  }
  return { byKeyId, samples, unreadable, total: rows.length };
}
