import "server-only";
// The operator tells the portal about a change made outside it: an admin consented to the app in
// the target tenant, or someone granted the identity access there. The change is audited, and for
// the propagation window (TB_PROPAGATION_WINDOW_SECONDS) a chain test failing with an error that
// such a change explains while Entra and the service propagate it says so and retries by itself.
import type { Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import type { ConnectorChangeInput, ConnectorChangeResult } from "@/lib/schemas/propagation";
import { getConnectorOrThrow } from "./get-connector-or-throw";

export async function recordConnectorChange(db: Db, access: Access<"connectors.write">, id: string, input: ConnectorChangeInput): Promise<ConnectorChangeResult> {
  const connector = await getConnectorOrThrow(access, db, id);
  const action = input.change === "consented" ? "connector.consented" : "connector.granted";
  const where = connector.targetTenantId ? ` in tenant ${connector.targetTenantId}` : "";
  const summary =
    input.change === "consented"
      ? `Reported an admin consent${connector.appClientId ? ` to app ${connector.appClientId}` : ""}${where} for '${connector.displayName}'`
      : `Reported access granted${where} for '${connector.displayName}'`;
  const at = new Date();
  await recordAuditEvent(db, access.operator, {
    action,
    targetType: "connector",
    targetId: id,
    summary,
    details: { change: input.change, targetTenantId: connector.targetTenantId, appClientId: connector.appClientId },
  });
  return { action, at: at.toISOString() };
}
