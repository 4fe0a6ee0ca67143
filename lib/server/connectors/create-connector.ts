import "server-only";
import type { Operator } from "@/lib/server/auth/permissions";
import { refreshConnectorStatus } from "@/lib/server/status/refresh-connector-status";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import type { CreateConnectorInput } from "@/lib/schemas/connector";
import { connectorDtoInclude } from "./get-connector-or-throw";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { toConnectorDto } from "./to-connector-dto";

const duplicateOrganization = (organization: string) =>
  new AppError("conflict", `A connector for the Azure DevOps organization '${organization}' already exists.`, {
    fields: [{ field: "organization", message: "already has a connector; open it to change its method" }],
  });

const duplicateDatabase = () =>
  new AppError("conflict", "A connector for this Kusto cluster and database already exists.", {
    fields: [{ field: "database", message: "already has a connector on this cluster" }],
  });

export async function createConnector(db: Db, operator: Operator, input: CreateConnectorInput, kustoExtraOrigins: string[]) {
  const settingsFields = {
    authMethod: input.authMethod,
    agentTenantId: input.agentTenantId ?? null,
    miClientId: input.miClientId ?? null,
    miPrincipalId: input.miPrincipalId ?? null,
    appClientId: input.appClientId ?? null,
    targetTenantId: input.targetTenantId ?? null,
    createdBy: operator.id,
  };
  try {
    return await db.$transaction(async (tx) => {
      let created;
      if (input.kind === "ado") {
        const existing = await tx.organization.findUnique({ where: { name: input.organization }, include: { connector: true } });
        if (existing?.connector) throw duplicateOrganization(input.organization);
        const organization =
          existing ?? (await tx.organization.create({ data: { name: input.organization, targetTenantId: input.targetTenantId ?? null } }));
        created = await tx.connector.create({
          data: { kind: "ado", displayName: input.displayName ?? input.organization, organizationId: organization.id, ...settingsFields },
          include: connectorDtoInclude,
        });
      } else {
        const clusterUrl = normalizeClusterUrl(input.clusterUrl, kustoExtraOrigins);
        created = await tx.connector.create({
          data: {
            kind: "kusto",
            displayName: input.displayName ?? `${input.database} on ${new URL(clusterUrl).host}`,
            clusterUrl,
            database: input.database,
            ...settingsFields,
          },
          include: connectorDtoInclude,
        });
      }
      // A PAT or OAuth connector starts without its credential: "Not configured", not "Not checked yet".
      const status = await refreshConnectorStatus(tx, created.id);
      if (status) created.status = status;
      await recordAuditEvent(tx, operator, {
        action: "connector.created",
        targetType: "connector",
        targetId: created.id,
        summary: `Created ${created.kind === "ado" ? "Azure DevOps" : "Kusto"} connector '${created.displayName}'`,
        details: { kind: created.kind, authMethod: created.authMethod },
      });
      return toConnectorDto(created);
    });
  } catch (error) {
    // Two operators creating the same connector at once: the database's unique index decides.
    if (isUniqueViolation(error)) throw input.kind === "ado" ? duplicateOrganization(input.organization) : duplicateDatabase();
    throw error;
  }
}
