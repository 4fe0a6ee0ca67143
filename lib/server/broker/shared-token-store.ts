import "server-only";
// The second level of the broker's MI + FIC cache, shared by every portal replica: the exchanged
// token, encrypted and bound to its row, with its expiry, keyed by (target tenant, app, identity,
// scope). Each replica keeps the first level in memory (token-cache.ts), so a cached call costs no
// database read; only a replica whose memory misses reads the row, and on PostgreSQL it takes a
// per-triple transaction lock and reads the row again before asking Entra ID, so replicas that
// miss at once make one token request. SQLite serves one process, whose single flight suffices.
// The sharing is an economy, not a correctness rule: when the database cannot coordinate (a lock
// wait past its bound, an unreadable row), the replica asks Entra ID itself.
// The column is not in crypto/secret-columns.ts on purpose: key rotation and the startup key
// proof walk long-lived secrets, while a shared token lives about an hour and one under a retired
// key is just a miss (a new exchange overwrites it).
import { decryptSecret, encryptSecret, type SecretBinding } from "@/lib/server/crypto/envelope";
import { keyRing } from "@/lib/server/crypto/load-key-ring";
import { providerOf, type Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import type { IssuedToken } from "./managed-identity-source";
import { TokenUnavailableError } from "./token-unavailable-error";

export type TokenTriple = { targetTenantId: string; appClientId: string; miClientId: string; scope: string };

type Store = Pick<Db, "sharedAccessToken">;

/**
 * Process-wide counters, for tests and for whoever exports metrics: tokens read from the shared
 * row (before or after waiting for another replica's exchange), exchanges made, and exchanges
 * made without the shared level because the database could not coordinate.
 */
export const sharedTokenStats = { rowHits: 0, rowHitsAfterLock: 0, exchanges: 0, uncoordinated: 0 };

/** The first level refreshes this long before expiry; a shared token closer to it is not worth reading. */
const MARGIN_MS = 5 * 60_000;

const PRUNE_EVERY_MS = 10 * 60_000;
const holder = globalThis as unknown as { tenantBridgeSharedTokensPrunedAt?: number };

const rowId = (triple: TokenTriple) => JSON.stringify([triple.targetTenantId, triple.appClientId, triple.miClientId, triple.scope]);
const binding = (triple: TokenTriple): SecretBinding => ({ table: "sharedAccessToken", rowId: rowId(triple), field: "accessToken" });
const where = (triple: TokenTriple) => ({ targetTenantId_appClientId_miClientId_scope: triple });

/** The shared token for the triple when it outlives the margin, else a new one from `exchange`, shared. */
export async function sharedAccessToken(db: Db, triple: TokenTriple, exchange: () => Promise<IssuedToken>, options: { timeoutMs?: number } = {}): Promise<IssuedToken> {
  const stored = await readFresh(db, triple).catch(unreadable);
  if (stored) {
    sharedTokenStats.rowHits++;
    return stored;
  }
  if (providerOf(db) !== "postgresql") return exchangeAndStore(db, triple, exchange);
  const waitMs = options.timeoutMs ?? 20_000;
  let issued: IssuedToken | undefined;
  const exchangeOnce = async () => (issued = await exchange());
  try {
    return await db.$transaction(
      async (tx) => {
        // A replica that already holds the lock is exchanging; wait for it (bounded), then read its token.
        await tx.$executeRaw`SELECT set_config('lock_timeout', ${`${waitMs}ms`}, true)`;
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tenantbridge:access-token:${rowId(triple)}`}))`;
        const storedMeanwhile = await readFresh(tx, triple).catch(unreadable);
        if (storedMeanwhile) sharedTokenStats.rowHitsAfterLock++;
        return storedMeanwhile ?? (await exchangeAndStore(tx, triple, exchangeOnce));
      },
      // The exchange runs inside the transaction: it may wait for the lock, then exchange itself.
      { maxWait: 5_000, timeout: 2 * waitMs + 5_000 },
    );
  } catch (error) {
    if (error instanceof TokenUnavailableError) throw error;
    log.warn("The shared token cache could not coordinate this exchange; asking Entra ID without it.", { reason: error instanceof Error ? error.message : String(error) });
    // A token exchanged before the transaction failed (say, at commit) is still good.
    if (issued) return issued;
    sharedTokenStats.uncoordinated++;
    sharedTokenStats.exchanges++;
    return exchange();
  }
}

async function readFresh(store: Store, triple: TokenTriple, now = Date.now()): Promise<IssuedToken | null> {
  const row = await store.sharedAccessToken.findUnique({ where: where(triple), select: { tokenCiphertext: true, expiresOn: true } });
  if (!row || row.expiresOn.getTime() - MARGIN_MS <= now) return null;
  return { token: decryptSecret(keyRing(), binding(triple), row.tokenCiphertext), expiresOn: row.expiresOn };
}

async function exchangeAndStore(store: Store, triple: TokenTriple, exchange: () => Promise<IssuedToken>): Promise<IssuedToken> {
  sharedTokenStats.exchanges++;
  const token = await exchange();
  const data = { tokenCiphertext: encryptSecret(keyRing(), binding(triple), token.token), expiresOn: token.expiresOn };
  try {
    await store.sharedAccessToken.upsert({ where: where(triple), create: { ...triple, ...data }, update: data, select: { expiresOn: true } });
    // Rows of settings that changed since expire by themselves; forget them now and then.
    const now = Date.now();
    if ((holder.tenantBridgeSharedTokensPrunedAt ?? 0) <= now - PRUNE_EVERY_MS) {
      holder.tenantBridgeSharedTokensPrunedAt = now;
      await store.sharedAccessToken.deleteMany({ where: { expiresOn: { lt: new Date(now) } } });
    }
  } catch (error) {
    // The token is good whether or not the other replicas get to see it.
    log.warn("The shared token cache could not store a token; other replicas will ask Entra ID themselves.", { reason: error instanceof Error ? error.message : String(error) });
  }
  return token;
}

/** A row under a retired key, or altered, is a miss: the exchange replaces it. */
function unreadable(error: unknown): null {
  log.warn("A shared access token could not be read; asking Entra ID again.", { reason: error instanceof Error ? error.message : String(error) });
  return null;
}
