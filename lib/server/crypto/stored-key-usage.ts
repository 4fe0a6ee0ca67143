import "server-only";
// Which key ids the stored ciphertexts name, and how many each. Reads only the first few
// characters of each envelope (the key id is at the front), so it stays cheap with large
// OAuth token caches and thousands of connectors.
import type { Db } from "@/lib/server/db/client";
import { envelopeKeyId } from "./envelope";
import { secretColumns } from "./secret-columns";

export type StoredKeyUsage = { byKeyId: ReadonlyMap<string, number>; unreadable: number; total: number };

// "tb1." + a 32-character key id + "." is 37 characters.
const headLength = 40;

export async function storedKeyUsage(db: Db): Promise<StoredKeyUsage> {
  // Identifiers come from the constant list above, never from input; substr() is spelled the
  // same in SQLite and PostgreSQL.
  const sql = secretColumns
    .map(({ sqlTable, column }) => `SELECT substr("${column}", 1, ${headLength}) AS head FROM "${sqlTable}" WHERE "${column}" IS NOT NULL`)
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ head: string }[]>(sql);
  const byKeyId = new Map<string, number>();
  let unreadable = 0;
  for (const { head } of rows) {
    const keyId = envelopeKeyId(head);
    if (keyId === undefined) unreadable += 1;
    else byKeyId.set(keyId, (byKeyId.get(keyId) ?? 0) + 1);
  }
  return { byKeyId, unreadable, total: rows.length };
}
