import "server-only";
// "Check now" and "Run chain test", one function for both pages: the chain test as the operator
// (rate-limited per connector), retried while Entra propagates a change the operator just made
// (streamed answers only: a plain JSON answer does not wait minutes in silence), then the same
// announcement the scheduler makes, so a failure found by hand alerts as quickly as one found on
// schedule.
import { announceStatusChange } from "@/lib/server/alerts/announce-status-change";
import { processAlertDispatcher } from "@/lib/server/alerts/process-alert-dispatcher";
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { testConnectorWithPropagationRetry, type PropagationRetryOptions } from "@/lib/server/entra/propagation-retry";
import type { ValidationRunDto } from "@/lib/schemas/validation";

export type CheckNowOptions = Pick<PropagationRetryOptions, "onHop" | "onRetry">;

export async function checkConnectorNow(db: Db, operator: Operator, connectorId: string, options: CheckNowOptions = {}): Promise<{ run: ValidationRunDto; alertId: string | null }> {
  const run = await testConnectorWithPropagationRetry(db, operator, connectorId, options.onRetry ? options : { ...options, retryMs: 0 });
  const dispatcher = processAlertDispatcher();
  const alertId = await announceStatusChange(db, connectorId, { webhookConfigured: dispatcher !== null });
  if (alertId) void dispatcher?.kick();
  return { run, alertId };
}

/** The connector page's "Run chain test": the same check, answered as the run alone. */
export async function testConnectorNow(db: Db, operator: Operator, connectorId: string, options: CheckNowOptions = {}): Promise<ValidationRunDto> {
  return (await checkConnectorNow(db, operator, connectorId, options)).run;
}
