import "server-only";
// The only module that writes or reads a connector's secrets. Writes encrypt under the current
// key, bound to this connector and field; they return status (configured, last4, dates,
// version), never the secret. Only readPat/readOauthCache return plaintext, for the credential
// broker; no route handler or page should call them.
import { decryptSecret, encryptSecret, type SecretBinding } from "@/lib/server/crypto/envelope";
import type { KeyRing } from "@/lib/server/crypto/key-ring";
import { keyRing } from "@/lib/server/crypto/load-key-ring";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound, versionConflict } from "@/lib/server/errors";
import type { Prisma } from "@/lib/generated/prisma";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";

export type PatStatus = { version: number; configured: boolean; last4: string | null; setAt: Date | null; expiresAt: Date | null };
export type OauthStatus = { version: number; configured: boolean; account: string | null; tenantId: string | null; setAt: Date | null };
export type WriteOptions = { expectedVersion?: number };

const binding = (connectorId: string, field: Extract<SecretBinding, { table: "connector" }>["field"]): SecretBinding => ({ table: "connector", rowId: connectorId, field });

const invalid = (field: string, message: string) => new AppError("validation_failed", `The ${field} is invalid: it ${message}.`, { fields: [{ field, message }] });

// Messages describe the shape only; echoing a rejected token would log a near-secret.
function assertPat(pat: string): void {
  if (pat.length < 8) throw invalid("pat", "must be at least 8 characters");
  if (pat.length > 1024) throw invalid("pat", "must be at most 1024 characters");
  if (/[\s\p{Cc}]/u.test(pat)) throw invalid("pat", "must not contain spaces or control characters");
}

function assertOauthCache(serializedCache: string, account: string, tenantId: string): void {
  // MSAL caches grow with accounts and tokens; a few hundred KB is already unusual.
  if (serializedCache.length === 0 || serializedCache.length > 1_000_000) throw invalid("serializedCache", "must be between 1 and 1,000,000 characters");
  let parsed: unknown;
  try {
    parsed = JSON.parse(serializedCache);
  } catch {
    throw invalid("serializedCache", "must be an MSAL cache serialized as JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid("serializedCache", "must be an MSAL cache serialized as JSON");
  if (account.trim() === "" || account.length > 320) throw invalid("account", "must be between 1 and 320 characters");
  if (tenantId.trim() === "" || tenantId.length > 64) throw invalid("tenantId", "must be between 1 and 64 characters");
}

const patStatusSelect = { version: true, patLast4: true, patSetAt: true, patExpiresAt: true } as const;
const oauthStatusSelect = { version: true, oauthAccount: true, oauthTenantId: true, oauthSetAt: true } as const;

/**
 * Compare-and-swap on the version when the caller read one (operator edits), so two concurrent
 * edits give one success and one version conflict. Secret changes are edits: version goes up.
 */
async function write<S extends typeof patStatusSelect | typeof oauthStatusSelect>(db: Db, connectorId: string, options: WriteOptions, data: Prisma.ConnectorUpdateManyMutationInput, select: S) {
  return db
    .$transaction(async (tx) => {
      const where = options.expectedVersion === undefined ? { id: connectorId } : { id: connectorId, version: options.expectedVersion };
      const result = await tx.connector.updateMany({ where, data: { ...data, version: { increment: 1 } } });
      if (result.count === 0) {
        const exists = (await tx.connector.count({ where: { id: connectorId } })) > 0;
        throw exists ? versionConflict("The connector") : notFound("The connector");
      }
      // A replaced or removed secret: the last verdict was about the old one.
      await refreshConnectorStatus(tx, connectorId);
      // Inside the transaction the row is still ours, so this is exactly what was written.
      return tx.connector.findUniqueOrThrow({ where: { id: connectorId }, select });
    })
    .finally(connectorEdited);
}

const toPatStatus = (row: { version: number; patLast4: string | null; patSetAt: Date | null; patExpiresAt: Date | null }): PatStatus => ({
  version: row.version,
  configured: row.patSetAt !== null,
  last4: row.patLast4,
  setAt: row.patSetAt,
  expiresAt: row.patExpiresAt,
});

const toOauthStatus = (row: { version: number; oauthAccount: string | null; oauthTenantId: string | null; oauthSetAt: Date | null }): OauthStatus => ({
  version: row.version,
  configured: row.oauthSetAt !== null,
  account: row.oauthAccount,
  tenantId: row.oauthTenantId,
  setAt: row.oauthSetAt,
});

export type SetPatInput = { pat: string; expiresAt?: Date | null; expectedVersion?: number };

export async function setPat(db: Db, connectorId: string, input: SetPatInput, ring: KeyRing = keyRing()): Promise<PatStatus> {
  assertPat(input.pat);
  const data = {
    patCiphertext: encryptSecret(ring, binding(connectorId, "pat"), input.pat),
    patLast4: input.pat.slice(-4),
    patSetAt: new Date(),
    patExpiresAt: input.expiresAt ?? null,
  };
  return toPatStatus(await write(db, connectorId, input, data, patStatusSelect));
}

export async function clearPat(db: Db, connectorId: string, options: WriteOptions = {}): Promise<PatStatus> {
  const data = { patCiphertext: null, patLast4: null, patSetAt: null, patExpiresAt: null };
  return toPatStatus(await write(db, connectorId, options, data, patStatusSelect));
}

/** Server-only, for the credential broker. Null when no PAT is configured. */
export async function readPat(db: Db, connectorId: string, ring: KeyRing = keyRing()): Promise<{ pat: string; expiresAt: Date | null } | null> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, select: { patCiphertext: true, patExpiresAt: true } });
  if (!row) throw notFound("The connector");
  if (row.patCiphertext === null) return null;
  return { pat: decryptSecret(ring, binding(connectorId, "pat"), row.patCiphertext), expiresAt: row.patExpiresAt };
}

export type SetOauthCacheInput = {
  serializedCache: string;
  account: string;
  tenantId: string;
  expectedVersion?: number;
  /** A server-side token refresh rewrites the cache but is not a sign-in: keep oauthSetAt. */
  keepSetAt?: boolean;
};

export async function setOauthCache(db: Db, connectorId: string, input: SetOauthCacheInput, ring: KeyRing = keyRing()): Promise<OauthStatus> {
  assertOauthCache(input.serializedCache, input.account, input.tenantId);
  const data = {
    oauthCacheCiphertext: encryptSecret(ring, binding(connectorId, "oauthCache"), input.serializedCache),
    oauthAccount: input.account,
    oauthTenantId: input.tenantId,
    ...(input.keepSetAt ? {} : { oauthSetAt: new Date() }),
  };
  return toOauthStatus(await write(db, connectorId, input, data, oauthStatusSelect));
}

/**
 * A server-side token refresh rewrote the cache (a rotated refresh token). It is not an operator
 * edit, so the version stays as it is — an operator editing the connector meanwhile gets no 409.
 * Compare-and-swap on the stored ciphertext instead: the new cache is stored only when the cache
 * is still the one the refresh started from; otherwise someone stored a newer one (a sign-in, a
 * disconnect, another instance's refresh) and theirs is kept.
 */
export async function storeRefreshedOauthCache(
  db: Db,
  connectorId: string,
  input: { previousSerializedCache: string; serializedCache: string },
  ring: KeyRing = keyRing(),
): Promise<"stored" | "superseded"> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, select: { oauthCacheCiphertext: true } });
  if (!row) throw notFound("The connector");
  if (row.oauthCacheCiphertext === null) return "superseded";
  const bound = binding(connectorId, "oauthCache");
  if (decryptSecret(ring, bound, row.oauthCacheCiphertext) !== input.previousSerializedCache) return "superseded";
  const result = await db.connector.updateMany({
    where: { id: connectorId, oauthCacheCiphertext: row.oauthCacheCiphertext },
    data: { oauthCacheCiphertext: encryptSecret(ring, bound, input.serializedCache) },
  });
  return result.count === 1 ? "stored" : "superseded";
}

export async function clearOauthCache(db: Db, connectorId: string, options: WriteOptions = {}): Promise<OauthStatus> {
  const data = { oauthCacheCiphertext: null, oauthAccount: null, oauthTenantId: null, oauthSetAt: null };
  return toOauthStatus(await write(db, connectorId, options, data, oauthStatusSelect));
}

/** Server-only, for the credential broker. Null when nobody has signed in. */
export async function readOauthCache(
  db: Db,
  connectorId: string,
  ring: KeyRing = keyRing(),
): Promise<{ serializedCache: string; account: string | null; tenantId: string | null; setAt: Date | null } | null> {
  const row = await db.connector.findUnique({
    where: { id: connectorId },
    select: { oauthCacheCiphertext: true, oauthAccount: true, oauthTenantId: true, oauthSetAt: true },
  });
  if (!row) throw notFound("The connector");
  if (row.oauthCacheCiphertext === null) return null;
  return {
    serializedCache: decryptSecret(ring, binding(connectorId, "oauthCache"), row.oauthCacheCiphertext),
    account: row.oauthAccount,
    tenantId: row.oauthTenantId,
    setAt: row.oauthSetAt,
  };
}
