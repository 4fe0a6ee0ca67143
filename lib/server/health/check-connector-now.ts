import "server-only";
// "Check now" on the health page: the chain test as the operator (rate-limited per connector by
// the chain module), then the same announcement the scheduler makes, so a failure found by hand
// alerts as quickly as one found on schedule.
import { announceStatusChange } from "@/lib/server/alerts/announce-status-change";
import { processAlertDispatcher } from "@/lib/server/alerts/process-alert-dispatcher";
import type { Operator } from "@/lib/server/auth/permissions";
import { testConnectorNow } from "@/lib/server/pipeline/test-connector-now";
import type { RunChainTestOptions } from "@/lib/server/pipeline/run-chain-test";
import type { Db } from "@/lib/server/db/client";
import type { ValidationRunDto } from "@/lib/schemas/validation";

export async function checkConnectorNow(db: Db, operator: Operator, connectorId: string, onHop?: RunChainTestOptions["onHop"]): Promise<{ run: ValidationRunDto; alertId: string | null }> {
  const run = await testConnectorNow(db, operator, connectorId, onHop);
  const dispatcher = processAlertDispatcher();
  const alertId = await announceStatusChange(db, connectorId, { webhookConfigured: dispatcher !== null });
  if (alertId) void dispatcher?.kick();
  return { run, alertId };
}
