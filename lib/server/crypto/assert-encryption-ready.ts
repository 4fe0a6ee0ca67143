import "server-only";
// Run once at startup, before serving: a portal that cannot decrypt what it stored must not
// start and fail later, one connector at a time, at 3 a.m.
import { existsSync } from "node:fs";
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { findSecret } from "./connector-secret-rows";
import { CryptoError } from "./crypto-error";
import { decryptSecret } from "./envelope";
import type { KeyRing } from "./key-ring";
import { demoKeyFile, keyRing, keyRingOrigin, loadKeyRing, wouldGenerateDemoKey, type KeySource } from "./load-key-ring";
import { secretColumns } from "./secret-columns";
import { storedKeyUsage, type StoredKeyUsage, type StoredSecretRef } from "./stored-key-usage";

/** decryptOnlyKeyIds goes into the startup log, so an operator can see phase one of a rolling rotation reach every replica. */
export type EncryptionReadiness = { currentKeyId: string; decryptOnlyKeyIds: string[]; storedSecrets: number; underOlderKeys: number };

const secrets = (count: number) => `${count} ${count === 1 ? "secret" : "secrets"}`;
const listKeyIds = (usage: StoredKeyUsage) => [...usage.byKeyId].map(([keyId, count]) => `"${keyId}" (${secrets(count)})`).join(", ");

/** Defaults to this process's settings; tests pass their own key source or ring. */
export type ReadinessOptions = { ring?: KeyRing; source?: KeySource };

/**
 * Loads the key ring (which throws on a malformed or, in production, absent ring), then checks the
 * database: every key id a stored secret names is in the ring, and each of those keys really is
 * the key that encrypted them (one stored secret per key id is decrypted), so a ring with the
 * right id and other bytes is refused here, by key id, not later as a failing connector.
 */
export async function assertEncryptionReady(db: Db, options: ReadinessOptions = {}): Promise<EncryptionReadiness> {
  const source = options.source ?? settings();
  let usage: StoredKeyUsage | undefined;
  if (!options.ring && wouldGenerateDemoKey(source)) {
    // A fresh demo key cannot decrypt anything already stored: generating one while secrets exist
    // would only hide that the old key file is gone.
    usage = await storedKeyUsage(db);
    if (usage.total > 0) {
      const file = demoKeyFile(source.dataDir);
      throw new CryptoError(
        "demo_key_missing",
        `TenantBridge cannot start: the demo's key file ${file} is missing, but ${secrets(usage.total)} in the database ` +
          `${usage.total === 1 ? "is" : "are"} encrypted under ${listKeyIds(usage) || "keys"}. A new key would not decrypt them, so none was generated. ` +
          `Restore ${file} from a backup, or set TB_ENCRYPTION_KEYS to the key ring that encrypted them. ` +
          "If those keys are lost, remove the stored PATs and OAuth sign-ins (operators enter them again) and start again.",
      );
    }
  }
  const ring = options.ring ?? (options.source ? loadKeyRing(options.source) : keyRing());
  const ringOrigin = options.ring ? "TB_ENCRYPTION_KEYS" : keyRingOrigin(source);
  usage ??= await storedKeyUsage(db);
  if (usage.unreadable > 0) {
    throw new CryptoError(
      "stored_secret_unreadable",
      `TenantBridge cannot start: ${secrets(usage.unreadable)} in the database ${usage.unreadable === 1 ? "is" : "are"} not in the encrypted tb1 envelope format. ` +
        "Something wrote a secret column without lib/server/crypto; clear those secrets (the operator re-enters them) and find the writer.",
    );
  }
  const missing = [...usage.byKeyId].filter(([keyId]) => ring.get(keyId) === undefined);
  if (missing.length > 0) {
    const list = missing.map(([keyId, count]) => `"${keyId}" (${secrets(count)})`).join(", ");
    const needed = missing.reduce((sum, [, count]) => sum + count, 0);
    const demoFile = demoKeyFile(source.dataDir);
    throw new CryptoError(
      "stored_keys_missing",
      `TenantBridge cannot start: ${secrets(needed)} in the database ${needed === 1 ? "is" : "are"} encrypted with ${missing.length === 1 ? "a key" : "keys"} ` +
        `missing from TB_ENCRYPTION_KEYS: ${list}. Add each missing key back to TB_ENCRYPTION_KEYS after the current key ` +
        `(TB_ENCRYPTION_KEYS="${ring.current.id}:<current key>,${missing[0]?.[0]}:<its key>"), start again, then run \`npm run keys:rotate\` ` +
        "to move them to the current key before removing the old one." +
        (existsSync(demoFile) ? ` The local demo's generated key is in ${demoFile}.` : ""),
    );
  }
  for (const [keyId, count] of usage.byKeyId) {
    if (!(await decryptsOneOf(db, ring, usage.samples.get(keyId) ?? []))) {
      throw new CryptoError(
        "stored_key_mismatch",
        `TenantBridge cannot start: key "${keyId}" in ${ringOrigin} is not the key that encrypted the ${secrets(count)} stored under "${keyId}": ` +
          "the id matches but the key bytes differ (decrypting a stored secret with it failed authentication). " +
          `Put the original bytes of "${keyId}" back in ${ringOrigin}. If that key is lost, remove the secrets stored under it (operators enter them again) ` +
          "and give a new key a new id.",
      );
    }
  }
  return {
    currentKeyId: ring.current.id,
    decryptOnlyKeyIds: ring.ids.filter((keyId) => ring.get(keyId)?.decryptOnly),
    storedSecrets: usage.total,
    underOlderKeys: usage.total - (usage.byKeyId.get(ring.current.id) ?? 0),
  };
}

/** True as soon as one sample decrypts: GCM authentication cannot pass under the wrong key. */
async function decryptsOneOf(db: Db, ring: KeyRing, samples: readonly StoredSecretRef[]): Promise<boolean> {
  let tried = 0;
  for (const { rowId, column } of samples) {
    const row = await findSecret(db, column, rowId);
    if (!row) continue; // deleted since it was counted
    const { table, field } = secretColumns.find((candidate) => candidate.column === column)!;
    tried += 1;
    try {
      decryptSecret(ring, { table, rowId, field }, row.ciphertext);
      return true;
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
    }
  }
  // Every sample was deleted meanwhile: nothing is left that this key would fail to read.
  return tried === 0;
}
