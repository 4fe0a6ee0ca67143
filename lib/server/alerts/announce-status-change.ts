import "server-only";
// Compares a connector's status with the state last announced for it and, when that is a change
// worth telling someone about, stores an alert event (with the failing check's cause and fix) and
// queues it for the webhook. The announcement is a compare-and-swap on ConnectorAlertState, so
// two portal instances that both notice the change store one event.
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import type { ConnectorStatus } from "@/lib/schemas/connector";
import { alertTransition, type AnnouncedStatus } from "./alert-transition";
import { connectorTarget } from "./connector-target";
import { checksOf } from "@/lib/server/pipeline/stored-checks";
import { didNotPass } from "@/lib/server/pipeline/check-results";

/** How many of the connector's newest runs are searched for the failing check an alert quotes. */
const RECENT_RUNS = 10;

export type AnnounceOptions = { webhookConfigured: boolean; now?: Date };

/** The first failing check of the newest run that has one, with that run's id. */
function firstFailing(runs: { id: string; checks: string }[]) {
  for (const run of runs) {
    const check = checksOf(run.checks).find(didNotPass);
    if (check) return { ...check, runId: run.id };
  }
  return null;
}

/** Returns the id of the alert event it stored, or null when nothing was announced. */
export async function announceStatusChange(db: Db, connectorId: string, options: AnnounceOptions): Promise<string | null> {
  const [connector, state] = await Promise.all([
    db.connector.findUnique({
      where: { id: connectorId },
      select: { id: true, kind: true, displayName: true, authMethod: true, status: true, organization: { select: { name: true } }, clusterUrl: true, database: true },
    }),
    db.connectorAlertState.findUnique({ where: { connectorId } }),
  ]);
  if (!connector) return null;
  const announced = (state?.status ?? "unchecked") as AnnouncedStatus;
  const transition = alertTransition(announced, connector.status as ConnectorStatus);
  if (transition.kind === "none") return null;
  const now = options.now ?? new Date();

  // The failing check to quote: the first one of the newest run that has one, among the last few runs.
  const recent =
    transition.kind === "announce"
      ? await db.validationRun.findMany({ where: { connectorId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: RECENT_RUNS, select: { id: true, checks: true } })
      : [];
  const failed = transition.kind === "announce" && transition.type !== "connector.recovered" ? firstFailing(recent) : null;
  const latestRun = recent[0] ?? null;

  try {
    return await db.$transaction(async (tx) => {
      if (state) {
        const swapped = await tx.connectorAlertState.updateMany({ where: { connectorId, status: state.status }, data: { status: transition.to, changedAt: now } });
        if (swapped.count === 0) return null; // another instance announced it first
      } else {
        await tx.connectorAlertState.create({ data: { connectorId, status: transition.to, changedAt: now } });
      }
      if (transition.kind === "record") return null;
      const event = await tx.alertEvent.create({
        data: {
          at: now,
          type: transition.type,
          connectorId,
          connectorName: connector.displayName,
          target: connectorTarget(connector),
          kind: connector.kind,
          authMethod: connector.authMethod,
          fromStatus: announced,
          toStatus: transition.to,
          runId: failed?.runId ?? latestRun?.id ?? null,
          checkKey: failed?.key ?? null,
          checkLabel: failed?.label ?? null,
          code: failed?.code ?? null,
          title: failed?.title ?? null,
          cause: failed?.cause ?? null,
          fix: failed?.fix ?? null,
          deliveryStatus: options.webhookConfigured ? "pending" : "none",
          nextAttemptAt: options.webhookConfigured ? now : null,
        },
        select: { id: true },
      });
      return event.id;
    });
  } catch (error) {
    // Two instances created the first state row at once: the other one announces.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
