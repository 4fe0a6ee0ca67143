import "server-only";
// msal-node's cache plugin for one connector: the encrypted database row is the token cache's
// only durable home. Writes are compare-and-swap on the stored cache: a refresh rotates the
// refresh token, so a cache written by this operation must not silently overwrite one that
// changed meanwhile, and an unrelated operator edit neither blocks it nor gets a 409 from it.
import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import { readOauthCache, storeRefreshedOauthCache } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";

export type StoredCache = { version: number; serializedCache: string; account: string; tenantId: string };

export async function readStoredCache(db: Db, connectorId: string): Promise<StoredCache | null> {
  // The version is read BEFORE the cache: if a write lands in between, the compare-and-swap below
  // fails on the version, re-reads, and finds the cache it already holds, so nothing is lost.
  const row = await db.connector.findUnique({ where: { id: connectorId }, select: { version: true } });
  const stored = await readOauthCache(db, connectorId);
  if (!row || !stored?.account || !stored.tenantId) return null;
  return { version: row.version, serializedCache: stored.serializedCache, account: stored.account, tenantId: stored.tenantId };
}

export class StoredCachePlugin implements ICachePlugin {
  /** What this operation last read or wrote; null until the first access or when nobody signed in. */
  stored: StoredCache | null = null;
  private loaded = false;
  /** True when another writer stored a different cache first and ours was dropped in its favour. */
  superseded = false;

  constructor(
    private readonly db: Db,
    private readonly connectorId: string,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!this.loaded) {
      this.stored = await readStoredCache(this.db, this.connectorId);
      this.loaded = true;
    }
    if (this.stored) context.tokenCache.deserialize(this.stored.serializedCache);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged || !this.stored) return;
    await this.persist(context.tokenCache.serialize());
  }

  private async persist(serializedCache: string): Promise<void> {
    const base = this.stored!;
    const outcome = await storeRefreshedOauthCache(this.db, this.connectorId, {
      previousSerializedCache: base.serializedCache,
      serializedCache,
    });
    if (outcome === "stored") {
      this.stored = { ...base, serializedCache };
      return;
    }
    // Someone stored another cache first (a new sign-in, a disconnect, another instance's
    // refresh): theirs is at least as new as ours, so keep it.
    this.superseded = true;
    this.stored = await readStoredCache(this.db, this.connectorId);
  }
}
