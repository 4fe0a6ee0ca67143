import "server-only";
// Re-encrypts every stored secret that is not under the current key. Each row is one atomic
// compare-and-swap, so a crash loses nothing (the old envelope stays valid while its key is in
// the ring) and a re-run simply continues with the rows still under older keys.
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { findSecret, findSecretsNotUnder, countSecretsUnder, swapSecret, type SecretRow } from "./connector-secret-rows";
import { decryptSecret, encryptSecret, envelopeKeyId, envelopeVersion, type SecretBinding } from "./envelope";
import type { KeyRing } from "./key-ring";
import { secretColumns, type SecretColumn } from "./secret-columns";

export type RotationFailure = { table: string; rowId: string; field: string; reason: string };

export type RotationCounts = {
  rotated: number;
  alreadyCurrent: number;
  /** Changed by someone else while rotating; left for a re-run if still under an older key. */
  skippedBecauseChanged: number;
  failed: RotationFailure[];
};

export type RotationProgress = RotationCounts & { table: string; field: string };

export type RotationOptions = {
  batchSize?: number;
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
};

// A row that keeps changing under us is left for the next run rather than retried forever.
const attemptsPerRow = 3;

export async function rotateEncryptionKeys(db: Db, ring: KeyRing, options: RotationOptions = {}): Promise<RotationCounts> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 100));
  const currentPrefix = `${envelopeVersion}.${ring.current.id}.`;
  const counts: RotationCounts = { rotated: 0, alreadyCurrent: 0, skippedBecauseChanged: 0, failed: [] };

  for (const secret of secretColumns) {
    counts.alreadyCurrent += await countSecretsUnder(db, secret.column, currentPrefix);
    let afterId: string | undefined;
    for (;;) {
      const batch = await findSecretsNotUnder(db, secret.column, currentPrefix, afterId, batchSize);
      if (batch.length === 0) break;
      for (const row of batch) await rotateRow(db, ring, secret, row, counts);
      afterId = batch.at(-1)?.id;
      await options.onProgress?.({ ...counts, failed: [...counts.failed], table: secret.table, field: secret.field });
    }
  }
  return counts;
}

async function rotateRow(db: Db, ring: KeyRing, secret: SecretColumn, first: SecretRow, counts: RotationCounts): Promise<void> {
  const binding: SecretBinding = { table: secret.table, rowId: first.id, field: secret.field };
  let row: SecretRow | undefined = first;
  for (let attempt = 1; attempt <= attemptsPerRow; attempt += 1) {
    let plaintext: string;
    try {
      plaintext = decryptSecret(ring, binding, row.ciphertext);
    } catch (error) {
      counts.failed.push({ ...binding, reason: error instanceof AppError ? error.message : "decryption failed" });
      return;
    }
    if (await swapSecret(db, secret.column, row, encryptSecret(ring, binding, plaintext))) {
      counts.rotated += 1;
      return;
    }
    // Lost the race: an operator edit (written under the current key) or a cleared secret wins.
    row = await findSecret(db, secret.column, first.id);
    if (!row || envelopeKeyId(row.ciphertext) === ring.current.id) break;
  }
  counts.skippedBecauseChanged += 1;
}
