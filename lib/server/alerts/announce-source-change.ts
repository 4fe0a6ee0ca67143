import "server-only";
// A knowledge source re-checked by the schedule that is no longer ready for everything it was
// added for (a grant removed in Azure DevOps), or ready again: stored as an alert event with the
// check that did not pass and its fix, shown on /health and queued for the webhook like a
// connector's failure. The announcement is a compare-and-swap on the source's alertState, so of two
// replicas noticing the same change one stores the event.
import type { Db } from "@/lib/server/db/client";
import type { SourceReadinessDto } from "@/lib/schemas/source-readiness";
import { connectorTarget } from "./connector-target";

export type SourceChange = {
  connectorId: string;
  source: { id: string; displayName: string };
  readiness: SourceReadinessDto;
  runId: string;
};

/** Returns the id of the alert event it stored, or null when nothing changed. */
export async function announceSourceChange(db: Db, change: SourceChange, options: { webhookConfigured: boolean; now?: Date }): Promise<string | null> {
  const state = change.readiness.level === "everything" ? "ready" : "degraded";
  const current = await db.knowledgeSource.findUnique({ where: { id: change.source.id }, select: { alertState: true } });
  if (!current || current.alertState === state) return null;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const swapped = await tx.knowledgeSource.updateMany({ where: { id: change.source.id, alertState: current.alertState }, data: { alertState: state } });
    // Another replica announced it first, or nothing was announced before (remember it silently).
    if (swapped.count === 0 || current.alertState === null) return null;
    const connector = await tx.connector.findUnique({
      where: { id: change.connectorId },
      select: { displayName: true, kind: true, authMethod: true, status: true, organization: { select: { name: true } }, clusterUrl: true, database: true },
    });
    if (!connector) return null;
    const failing = change.readiness.capabilities.find((entry) => entry.status !== "pass");
    const missing = failing?.missing[0];
    const event = await tx.alertEvent.create({
      data: {
        at: now,
        type: state === "degraded" ? "source.degraded" : "source.recovered",
        connectorId: change.connectorId,
        connectorName: connector.displayName,
        target: connectorTarget(connector),
        kind: connector.kind,
        authMethod: connector.authMethod,
        fromStatus: current.alertState,
        toStatus: state,
        sourceId: change.source.id,
        sourceName: change.source.displayName,
        runId: change.runId,
        checkKey: state === "degraded" ? (missing?.key ?? null) : null,
        checkLabel: state === "degraded" ? (missing?.label ?? null) : null,
        title: state === "degraded" && failing ? `Not ready to ${failing.label.charAt(0).toLowerCase()}${failing.label.slice(1)}` : null,
        cause: state === "degraded" ? change.readiness.summary : null,
        fix: state === "degraded" ? (missing?.fix ?? null) : null,
        deliveryStatus: options.webhookConfigured ? "pending" : "none",
        nextAttemptAt: options.webhookConfigured ? now : null,
      },
      select: { id: true },
    });
    return event.id;
  });
}
