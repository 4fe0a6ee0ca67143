import "server-only";
// Run once at startup, before serving: a portal that cannot decrypt what it stored must not
// start and fail later, one connector at a time, at 3 a.m.
import { existsSync } from "node:fs";
import type { Db } from "@/lib/server/db/client";
import { settings } from "@/lib/server/settings";
import { CryptoError } from "./crypto-error";
import type { KeyRing } from "./key-ring";
import { demoKeyFile, keyRing, loadKeyRing, type KeySource } from "./load-key-ring";
import { storedKeyUsage } from "./stored-key-usage";

export type EncryptionReadiness = { currentKeyId: string; storedSecrets: number; underOlderKeys: number };

const secrets = (count: number) => `${count} ${count === 1 ? "secret" : "secrets"}`;

/** Defaults to this process's settings; tests pass their own key source or ring. */
export type ReadinessOptions = { ring?: KeyRing; source?: KeySource };

/** Loads the key ring (which throws on a malformed or, in production, absent ring), then checks the database. */
export async function assertEncryptionReady(db: Db, options: ReadinessOptions = {}): Promise<EncryptionReadiness> {
  const ring = options.ring ?? (options.source ? loadKeyRing(options.source) : keyRing());
  const dataDir = (options.source ?? settings()).dataDir;
  const usage = await storedKeyUsage(db);
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
    const demoFile = demoKeyFile(dataDir);
    throw new CryptoError(
      "stored_keys_missing",
      `TenantBridge cannot start: ${secrets(needed)} in the database ${needed === 1 ? "is" : "are"} encrypted with ${missing.length === 1 ? "a key" : "keys"} ` +
        `missing from TB_ENCRYPTION_KEYS: ${list}. Add each missing key back to TB_ENCRYPTION_KEYS after the current key ` +
        `(TB_ENCRYPTION_KEYS="${ring.current.id}:<current key>,${missing[0]?.[0]}:<its key>"), start again, then run \`npm run keys:rotate\` ` +
        "to move them to the current key before removing the old one." +
        (existsSync(demoFile) ? ` The local demo's generated key is in ${demoFile}.` : ""),
    );
  }
  return {
    currentKeyId: ring.current.id,
    storedSecrets: usage.total,
    underOlderKeys: usage.total - (usage.byKeyId.get(ring.current.id) ?? 0),
  };
}
