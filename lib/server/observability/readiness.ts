import "server-only";
// Readiness: may this replica take traffic? The database answers, every committed migration is
// applied, and the key ring decrypts what is stored. A load balancer polls this, so the answer
// names the failing condition but carries no key ids, file paths or connection strings; the
// details go to the server log.
import { assertEncryptionReady, type ReadinessOptions } from "@/lib/server/crypto/assert-encryption-ready";
import { CryptoError } from "@/lib/server/crypto/crypto-error";
import type { Db } from "@/lib/server/db/client";
import { pendingMigrations } from "@/lib/server/db/migrate";
import { log } from "@/lib/server/log";
import type { Settings } from "@/lib/server/settings";

export type ReadinessReason = "database_unreachable" | "migrations_pending" | "encryption_keys_missing" | "encryption_keys_invalid";

export type Readiness = { status: "ready"; checks: { database: "ok"; migrations: "ok"; encryption: "ok" } } | { status: "not_ready"; reason: ReadinessReason; message: string };

const notReady = (reason: ReadinessReason, message: string): Readiness => ({ status: "not_ready", reason, message });

// A probe polls every few seconds: log a failing condition when it starts, not on every poll.
const holder = globalThis as unknown as { tenantBridgeReadinessLogged?: string };
function warnOnce(reason: ReadinessReason, fields: Record<string, unknown>): void {
  if (holder.tenantBridgeReadinessLogged === reason) return;
  holder.tenantBridgeReadinessLogged = reason;
  log.warn(`readiness: ${reason}`, fields);
}

export async function checkReadiness(db: Db, provider: Settings["database"]["provider"], encryption: ReadinessOptions = {}): Promise<Readiness> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    warnOnce("database_unreachable", { error });
    return notReady("database_unreachable", "The database does not answer.");
  }
  const pending = await pendingMigrations(db, provider);
  if (pending.length > 0) {
    return notReady("migrations_pending", `${pending.length} committed ${pending.length === 1 ? "migration is" : "migrations are"} not applied yet.`);
  }
  try {
    await assertEncryptionReady(db, encryption);
  } catch (error) {
    warnOnce(error instanceof CryptoError && error.reason === "stored_keys_missing" ? "encryption_keys_missing" : "encryption_keys_invalid", { error });
    if (error instanceof CryptoError && error.reason === "stored_keys_missing") {
      return notReady("encryption_keys_missing", "Stored secrets are encrypted with keys missing from TB_ENCRYPTION_KEYS; the server log names them.");
    }
    return notReady("encryption_keys_invalid", "The key ring cannot be loaded or cannot read a stored secret; the server log says why.");
  }
  holder.tenantBridgeReadinessLogged = undefined;
  return { status: "ready", checks: { database: "ok", migrations: "ok", encryption: "ok" } };
}
