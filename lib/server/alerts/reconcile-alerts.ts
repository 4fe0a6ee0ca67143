import "server-only";
// Catches status changes made outside the scheduler (a "Test connection" on the connector page,
// the setup wizard): every tick compares each connector's status with the state last announced
// and announces the differences. Reads two narrow columns per connector, a page at a time.
import type { Db } from "@/lib/server/db/client";
import { alertTransition, type AnnouncedStatus } from "./alert-transition";
import { announceStatusChange, type AnnounceOptions } from "./announce-status-change";
import type { ConnectorStatus } from "@/lib/schemas/connector";

const PAGE = 1000;

export async function reconcileAlerts(db: Db, options: AnnounceOptions): Promise<string[]> {
  const announced: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const connectors = await db.connector.findMany({
      where: { status: { in: ["healthy", "failing", "needs_signin"] } },
      select: { id: true, status: true },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (connectors.length === 0) break;
    const states = await db.connectorAlertState.findMany({ where: { connectorId: { in: connectors.map((row) => row.id) } } });
    const byId = new Map(states.map((state) => [state.connectorId, state.status as AnnouncedStatus]));
    for (const connector of connectors) {
      if (alertTransition(byId.get(connector.id) ?? "unchecked", connector.status as ConnectorStatus).kind === "none") continue;
      const id = await announceStatusChange(db, connector.id, options);
      if (id) announced.push(id);
    }
    cursor = connectors.at(-1)!.id;
    if (connectors.length < PAGE) break;
  }
  return announced;
}
