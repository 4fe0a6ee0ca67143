import "server-only";
// Proved before used: saving a managed identity setup (MI + FIC, or any Kusto or Azure resource
// connector) runs its chain test right away. A setup that passes is healthy; one that does not is
// kept as a draft whose `draftMissing` says what is missing and how to fix it, and the broker
// never serves a draft. A later chain test that passes lifts the draft.
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { brokerConnectorById, type BrokerConnector } from "@/lib/server/broker/broker-connector";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import { missingFromCheck } from "@/lib/server/pipeline/record-runs";
import { takeChainTestSlot } from "@/lib/server/pipeline/chain-test-rate-limit";
import { runChainTest } from "@/lib/server/pipeline/run-check";
import type { Db } from "@/lib/server/db/client";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";
import { AppError } from "@/lib/server/errors";
import type { ConnectorDto, UpdateConnectorInput } from "@/lib/schemas/connector";
import { connectorDtoSelect } from "./connector-select";
import { toConnectorDto } from "./to-connector-dto";
import { didNotPass } from "@/lib/server/pipeline/check-results";

/** Setups made of managed identity settings, which can be proved without anyone signing in. */
export function needsProof(connector: Pick<BrokerConnector, "kind" | "authMethod">): boolean {
  return connector.authMethod === "mi_fic" || ((connector.kind === "kusto" || connector.kind === "azure") && connector.authMethod === "managed_identity");
}

/** The settings a PATCH can change that a proof depends on. */
export function changesSetup(input: UpdateConnectorInput): boolean {
  return (["authMethod", "agentTenantId", "miClientId", "miPrincipalId", "appClientId", "targetTenantId"] as const).some((field) => input[field] !== undefined);
}

function missingSettings(connector: BrokerConnector): string[] {
  const missing: string[] = [];
  if (!connector.miClientId) missing.push("the managed identity's client id");
  if (connector.authMethod === "mi_fic") {
    if (!connector.appClientId) missing.push("the multi-tenant app's client id");
    if (!connector.targetTenantId) missing.push("the target tenant id");
  }
  return missing;
}

async function markDraft(db: Db, operator: Pick<Operator, "id" | "name">, connector: BrokerConnector, draftMissing: string): Promise<void> {
  await db.$transaction(async (tx) => {
    // Compare-and-swap on the settings proved: a newer edit decides its own state.
    const result = await tx.connector.updateMany({ where: { ...connector.tested, id: connector.id }, data: { draftMissing } });
    if (result.count === 0) return;
    // The status is derived: a connector with `draftMissing` is a draft ("Not set up") saying so.
    await refreshConnectorStatus(tx, connector.id);
    await recordAuditEvent(tx, operator, {
      action: "connector.saved_as_draft",
      targetType: "connector",
      targetId: connector.id,
      summary: `Saved connector '${connector.displayName}' as a draft: ${draftMissing}`.slice(0, 500),
      details: { draftMissing },
    });
  });
  connectorEdited();
}

/** Proves the connector's saved setup when it needs proof, and answers the connector as it now stands. */
export async function proveConnector(db: Db, operator: Operator, saved: ConnectorDto): Promise<ConnectorDto> {
  const connector = await brokerConnectorById(db, saved.id);
  if (!needsProof(connector)) return saved;
  const missing = missingSettings(connector);
  if (missing.length > 0) {
    await markDraft(db, operator, connector, `Missing ${missing.join(", ")}: complete the managed identity + federated credential settings on the connector's page.`);
  } else {
    let run;
    try {
      await takeChainTestSlot(db, connector.id);
      run = await runChainTest(db, connector.id, "manual", { operator });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "rate_limited")) throw error;
      await markDraft(db, operator, connector, `The setup was saved but not yet proved (${error.message} ${error.hint ?? ""}). Run its chain test.`.replace(/\s+/g, " "));
    }
    const failed = run?.checks.find(didNotPass);
    if (run && run.outcome !== "pass" && failed) await markDraft(db, operator, connector, missingFromCheck(failed));
  }
  const row = await db.connector.findUniqueOrThrow({ where: { id: saved.id }, select: connectorDtoSelect });
  return toConnectorDto(row);
}
