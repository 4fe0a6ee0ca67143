import "server-only";
// Announces the status changes among a set of connectors with two reads for the whole set; only
// the connectors whose status differs from the state last announced go on to announceStatusChange.
// The scheduler calls it once per claimed batch rather than once per check; reconcileAlerts uses it
// page by page for every connector.
import type { Db } from "@/lib/server/db/client";
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
  const events: string[] = [];
  for (const connector of connectors) {
    if (alertTransition(announced.get(connector.id) ?? "unchecked", connector.status as ConnectorStatus).kind === "none") continue;
    const id = await announceStatusChange(db, connector.id, options);
    if (id) events.push(id);
  }
  return events;
}
