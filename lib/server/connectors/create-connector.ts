import "server-only";
import type { Operator } from "@/lib/server/auth/permissions";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { discoverOrganization } from "@/lib/server/ado/discover-organization";
import { AppError } from "@/lib/server/errors";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import { kustoClusterName } from "@/lib/schemas/connector-address";
import type { CreateConnectorInput } from "@/lib/schemas/connector";
import { azureResourceInfo } from "@/lib/schemas/azure-resource";
import { connectorDtoSelect } from "./connector-select";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { toConnectorDto } from "./to-connector-dto";

const openExisting = (existing: { id: string; displayName: string } | null) =>
  existing ? { related: { href: `/connectors/${encodeURIComponent(existing.id)}`, label: `Open ${existing.displayName}` } } : {};

const duplicateOrganization = (organization: string, existing: { id: string; displayName: string } | null) =>
  new AppError("conflict", `A connector for the Azure DevOps organization '${organization}' already exists.`, {
    fields: [{ field: "organization", message: `${organization} already has a connector. Open it to change its sign-in method.` }],
    ...openExisting(existing),
  });

const duplicateDatabase = (existing: { id: string; displayName: string } | null) =>
  new AppError("conflict", "A connector for this Kusto cluster and database already exists.", {
    fields: [{ field: "database", message: "This database already has a connector on this cluster. Open it to change its sign-in method." }],
    ...openExisting(existing),
  });

export async function createConnector(db: Db, operator: Operator, input: CreateConnectorInput, kustoExtraOrigins: string[]) {
  // An organization's tenant is public (Azure DevOps names it to anonymous callers): the target
  // tenant starts filled in, so the assistants and the OAuth sign-in aim at the right tenant.
  const discoveredTenant = input.kind === "ado" && !input.targetTenantId ? await tenantOfOrganization(input.organization) : null;
  const settingsFields = {
    authMethod: input.authMethod,
    agentTenantId: input.agentTenantId ?? null,
    miClientId: input.miClientId ?? null,
    miPrincipalId: input.miPrincipalId ?? null,
    appClientId: input.appClientId ?? null,
    targetTenantId: input.targetTenantId ?? discoveredTenant,
    createdBy: operator.id,
  };
  try {
    return await db.$transaction(async (tx) => {
      let created;
      if (input.kind === "ado") {
        const existing = await tx.organization.findUnique({ where: { name: input.organization }, include: { connector: true } });
        if (existing?.connector) throw duplicateOrganization(input.organization, existing.connector);
        const organization = existing ?? (await tx.organization.create({ data: { name: input.organization, targetTenantId: settingsFields.targetTenantId } }));
        created = await tx.connector.create({
          data: { kind: "ado", displayName: input.displayName ?? input.organization, organizationId: organization.id, ...settingsFields },
          select: connectorDtoSelect,
        });
      } else if (input.kind === "azure") {
        const info = azureResourceInfo[input.azureResource];
        created = await tx.connector.create({
          data: {
            kind: "azure",
            displayName: input.displayName ?? (input.azureTarget ? `${input.azureTarget} (${info.label})` : `${info.label} in ${input.targetTenantId ?? "the agent's tenant"}`),
            azureResource: input.azureResource,
            azureTarget: input.azureTarget || null,
            ...settingsFields,
          },
          select: connectorDtoSelect,
        });
      } else {
        const clusterUrl = normalizeClusterUrl(input.clusterUrl, kustoExtraOrigins);
        created = await tx.connector.create({
          data: {
            kind: "kusto",
            displayName: input.displayName ?? `${input.database} on ${kustoClusterName(clusterUrl)}`,
            clusterUrl,
            database: input.database,
            ...settingsFields,
          },
          select: connectorDtoSelect,
        });
      }
      // A PAT or OAuth connector starts without its credential: "Not configured", not "Not checked yet".
      const status = await refreshConnectorStatus(tx, created.id);
      if (status) created.status = status;
      await recordAuditEvent(tx, operator, {
        action: "connector.created",
        targetType: "connector",
        targetId: created.id,
        summary: `Created ${created.kind === "ado" ? "Azure DevOps" : created.kind === "kusto" ? "Kusto" : "Azure resource"} connector '${created.displayName}'`,
        details: { kind: created.kind, authMethod: created.authMethod, ...(created.azureResource ? { azureResource: created.azureResource, azureTarget: created.azureTarget } : {}) },
      });
      return toConnectorDto(created);
    });
  } catch (error) {
    // Two operators creating the same connector at once: the database's unique index decides.
    if (isUniqueViolation(error)) {
      const existing = await existingConnector(db, input, kustoExtraOrigins);
      throw input.kind === "ado" ? duplicateOrganization(input.organization, existing) : duplicateDatabase(existing);
    }
    throw error;
  }
}

/** The connector a duplicate collided with, for the link in the answer (null if it was deleted meanwhile). */
async function existingConnector(db: Db, input: CreateConnectorInput, kustoExtraOrigins: string[]) {
  const select = { id: true, displayName: true } as const;
  if (input.kind === "ado") return db.connector.findFirst({ where: { organization: { name: input.organization } }, select });
  if (input.kind === "azure") return null;
  return db.connector.findFirst({ where: { clusterUrl: normalizeClusterUrl(input.clusterUrl, kustoExtraOrigins), database: input.database }, select });
}

async function tenantOfOrganization(organization: string): Promise<string | null> {
  const found = await discoverOrganization(organization, { timeoutMs: 2_000 });
  return found.status === "exists" ? found.tenantId : null;
}
