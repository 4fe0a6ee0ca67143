import "server-only";
// msal-node's cache plugin for one connector: the encrypted database row is the token cache's
// only durable home. Writes are compare-and-swap: a refresh rotates the refresh token, so a
// cache written by this operation must not silently overwrite one that changed meanwhile, and a
// rotated refresh token must not be dropped because an unrelated edit bumped the row's version.
import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import { readOauthCache, setOauthCache } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";

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
    for (let attempt = 0; attempt < 5; attempt++) {
      const base = this.stored!;
      try {
        const status = await setOauthCache(this.db, this.connectorId, {
          serializedCache,
          account: base.account,
          tenantId: base.tenantId,
          expectedVersion: base.version,
          keepSetAt: true,
        });
        this.stored = { ...base, version: status.version, serializedCache };
        return;
      } catch (error) {
        if (!(error instanceof AppError && error.code === "version_conflict")) throw error;
        const current = await readStoredCache(this.db, this.connectorId);
        if (!current || current.serializedCache !== base.serializedCache) {
          // Someone stored another cache (a new sign-in, a disconnect, another instance's refresh):
          // theirs is at least as new as ours, so keep it.
          this.superseded = true;
          this.stored = current;
          return;
        }
        // Only other columns changed (an operator edit): the cache is still ours to replace.
        this.stored = current;
      }
    }
    throw new AppError("conflict", "The connector kept changing while its Azure DevOps token was being refreshed. Try again.");
  }
}
