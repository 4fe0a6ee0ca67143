import "server-only";
// Announces the status changes among a set of connectors with two reads for the whole set; only
// the connectors whose status differs from the state last announced go on. A change that is only
// remembered (the first healthy result, which is not a recovery) is stored for the whole set in one
// transaction, each row a compare-and-swap on the state read; a change worth an alert goes through
// announceStatusChange, one connector at a time. The scheduler calls it once per stored batch
// rather than once per check; reconcileAlerts uses it page by page for every connector.
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import { alertTransition, type AnnouncedStatus } from "./alert-transition";
import { announceStatusChange, type AnnounceOptions } from "./announce-status-change";

export async function announceChanges(db: Db, connectorIds: string[], options: AnnounceOptions): Promise<string[]> {
  if (connectorIds.length === 0) return [];
  const [connectors, states] = await Promise.all([
    db.connector.findMany({ where: { id: { in: connectorIds } }, select: { id: true, status: true } }),
    db.connectorAlertState.findMany({ where: { connectorId: { in: connectorIds } } }),
  ]);
  const announced = new Map(states.map((state) => [state.connectorId, state.status as AnnouncedStatus]));
  const alerting: string[] = [];
  /** Remembered without an alert: the rows to create, and the rows to move from one state to another. */
  const created: { connectorId: string; status: AnnouncedStatus }[] = [];
  const moved = new Map<string, string[]>();
  for (const connector of connectors) {
    const from = announced.get(connector.id);
    const transition = alertTransition(from ?? "unchecked", connector.status as ConnectorStatus);
    if (transition.kind === "announce") alerting.push(connector.id);
    else if (transition.kind === "record" && from === undefined) created.push({ connectorId: connector.id, status: transition.to });
    else if (transition.kind === "record") {
      const key = `${from}\n${transition.to}`;
      moved.set(key, [...(moved.get(key) ?? []), connector.id]);
    }
  }
  if (created.length > 0 || moved.size > 0) {
    const now = options.now ?? new Date();
    try {
      await db.$transaction(async (tx) => {
        if (created.length > 0) await tx.connectorAlertState.createMany({ data: created.map((row) => ({ ...row, changedAt: now })) });
        for (const [key, ids] of moved) {
          const [from, to] = key.split("\n") as [string, string];
          await tx.connectorAlertState.updateMany({ where: { connectorId: { in: ids }, status: from }, data: { status: to, changedAt: now } });
        }
      });
    } catch (error) {
      // Another instance remembered some of them first: one at a time, each its own compare-and-swap.
      if (!isUniqueViolation(error)) throw error;
      alerting.push(...created.map((row) => row.connectorId), ...[...moved.values()].flat());
    }
  }
  const events: string[] = [];
  for (const connectorId of alerting) {
    const id = await announceStatusChange(db, connectorId, options);
    if (id) events.push(id);
  }
  return events;
}
