import "server-only";
// "Check now" and "Test connection", one function for both pages: the chain test as the operator
// (rate-limited per connector), then the same announcement the scheduler makes, so a failure
// found by hand alerts as quickly as one found on schedule.
import { announceStatusChange } from "@/lib/server/alerts/announce-status-change";
import { processAlertDispatcher } from "@/lib/server/alerts/process-alert-dispatcher";
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { takeChainTestSlot } from "./chain-test-rate-limit";
import { runChainTest, type RunChainTestOptions } from "./run-check";

export async function checkConnectorNow(db: Db, operator: Operator, connectorId: string, onHop?: RunChainTestOptions["onHop"]): Promise<{ run: ValidationRunDto; alertId: string | null }> {
  // A missing connector is a 404, not a spent slot.
  if ((await db.connector.count({ where: { id: connectorId } })) === 0) throw notFound("The connector");
  await takeChainTestSlot(db, connectorId);
  const run = await runChainTest(db, connectorId, "manual", { operator, onHop });
  const dispatcher = processAlertDispatcher();
  const alertId = await announceStatusChange(db, connectorId, { webhookConfigured: dispatcher !== null });
  if (alertId) void dispatcher?.kick();
  return { run, alertId };
}

/** The connector page's "Test connection": the same check, answered as the run alone. */
export async function testConnectorNow(db: Db, operator: Operator, connectorId: string, onHop?: RunChainTestOptions["onHop"]): Promise<ValidationRunDto> {
  return (await checkConnectorNow(db, operator, connectorId, onHop)).run;
}
