import "server-only";
// The connector as the broker last read it, reused for up to CONNECTOR_FRESH_MS. getAccessToken
// sits on the agent's hot path: reading the connector on every call cost about 1 ms, far more
// than the cached token itself. The bound keeps operator edits prompt on every replica (each
// re-reads at most CONNECTOR_FRESH_MS later), and edits made through this process drop the
// snapshots at once (connectorEdited), so the editing replica never serves the old setup.
// Snapshots belong to a token cache (one per replica; tests pass another to act as a second
// one) and a database client; failed reads are not kept, concurrent reads share one query.
import type { Db } from "@/lib/server/db/client";
import { brokerConnectorFor, type BrokerConnector, type BrokerTarget } from "./broker-connector";

export const CONNECTOR_FRESH_MS = 500;

type Snapshot = { connector: Promise<BrokerConnector>; readAt: number; generation: number };
/** A cache's snapshots, and when its stale ones were last dropped. */
type Snapshots = Map<string, Snapshot> & { prunedAt?: number };

const holder = globalThis as unknown as { tenantBridgeConnectorSnapshots?: { byCache: WeakMap<object, WeakMap<Db, Snapshots>>; generation: number } };
const state = () => (holder.tenantBridgeConnectorSnapshots ??= { byCache: new WeakMap(), generation: 0 });

const targetKey = (target: BrokerTarget) =>
  "organization" in target
    ? `ado\n${target.organization}`
    : "connectorId" in target
      ? `id\n${target.connectorId}`
      : "azureResource" in target
        ? `azure\n${target.azureResource}\n${target.azureTarget ?? ""}\n${target.targetTenantId ?? ""}`
        : `kusto\n${target.clusterUrl}\n${target.database}`;

export function connectorSnapshot(db: Db, target: BrokerTarget, owner: object): Promise<BrokerConnector> {
  const shared = state();
  let byDb = shared.byCache.get(owner);
  if (!byDb) shared.byCache.set(owner, (byDb = new WeakMap()));
  let snapshots = byDb.get(db);
  if (!snapshots) byDb.set(db, (snapshots = new Map()));
  const key = targetKey(target);
  const now = Date.now();
  prune(snapshots, now, shared.generation);
  const current = snapshots.get(key);
  if (current && current.generation === shared.generation && now - current.readAt < CONNECTOR_FRESH_MS) return current.connector;
  const snapshot: Snapshot = { connector: brokerConnectorFor(db, target), readAt: now, generation: shared.generation };
  snapshots.set(key, snapshot);
  snapshot.connector.catch(() => {
    if (snapshots.get(key) === snapshot) snapshots.delete(key);
  });
  return snapshot.connector;
}

/**
 * Drops the snapshots no call can use any more (past the bound, or from before an edit), at most
 * once per bound: a connector asked for once, or deleted, is not held for the life of the process.
 */
function prune(snapshots: Snapshots, now: number, generation: number): void {
  if (snapshots.prunedAt !== undefined && now - snapshots.prunedAt < CONNECTOR_FRESH_MS) return;
  snapshots.prunedAt = now;
  for (const [key, snapshot] of snapshots) {
    if (snapshot.generation !== generation || now - snapshot.readAt >= CONNECTOR_FRESH_MS) snapshots.delete(key);
  }
}

/** How many snapshots a token cache holds for a database client (for tests). */
export function heldConnectorSnapshots(db: Db, owner: object): number {
  return state().byCache.get(owner)?.get(db)?.size ?? 0;
}

/** A connector was edited through this process: the next broker call reads it again. Edits are rare, so all snapshots go. */
export function connectorEdited(): void {
  state().generation += 1;
}
