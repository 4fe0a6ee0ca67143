import "server-only";
// The connector settings the broker and the chain test need, found by organization, by Kusto
// cluster and database, or by id. Non-secret columns only; secrets are read by their own module.
import type { Prisma } from "@/lib/generated/prisma";
import { connectorSelect } from "@/lib/server/connectors/connector-select";
import type { Db } from "@/lib/server/db/client";
import type { ChainContext } from "@/lib/server/entra/decoded-error";
import { AppError, notFound } from "@/lib/server/errors";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import { settings } from "@/lib/server/settings";
import { azureResourceInfo, type AzureResource } from "@/lib/schemas/azure-resource";
import { adoOrganizationSchema, type AuthMethod, type ConnectorKind } from "@/lib/schemas/connector";

export type BrokerTarget =
  | { organization: string }
  | { clusterUrl: string; database: string }
  /** Any connector by its id (Azure resource connectors are usually asked for this way). */
  | { connectorId: string }
  /** An Azure resource connector by resource and target (a subscription id, account or vault name; none for Graph). */
  | { azureResource: AzureResource; azureTarget?: string | null; targetTenantId?: string };

/** The one read of a connector (lib/server/connectors/connector-select.ts), with the projects its knowledge sources use. */
export const brokerConnectorSelect = { ...connectorSelect, sources: { select: { project: true, displayName: true } } } as const satisfies Prisma.ConnectorSelect;

export type BrokerConnector = {
  id: string;
  kind: ConnectorKind;
  displayName: string;
  authMethod: AuthMethod;
  status: string;
  version: number;
  organization: string | null;
  clusterUrl: string | null;
  database: string | null;
  azureResource: AzureResource | null;
  azureTarget: string | null;
  /** Set while the connector is a draft (what is missing); the broker refuses drafts. */
  draftMissing: string | null;
  /** Connector values, falling back to the portal's configured agent identity. */
  agentTenantId: string | null;
  miClientId: string | null;
  miPrincipalId: string | null;
  appClientId: string | null;
  targetTenantId: string | null;
  oauthAccount: string | null;
  oauthTenantId: string | null;
  patConfigured: boolean;
  patLast4: string | null;
  patExpiresAt: Date | null;
  lastCheckedAt: Date | null;
  /** The ADO projects the connector's knowledge sources use, each with the sources' names (the chain test reaches each). */
  sourceProjects: { project: string; sources: string[] }[];
  /**
   * The stored values a test result depends on, as stored (no fallbacks): a result is written back
   * only while these still hold. Not the version, which also moves when a token refresh rewrites
   * the OAuth cache or an operator renames the connector.
   */
  tested: Prisma.ConnectorWhereInput;
};

function groupByProject(sources: { project: string; displayName: string }[]): BrokerConnector["sourceProjects"] {
  const byProject = new Map<string, { project: string; sources: string[] }>();
  for (const source of sources) {
    const key = source.project.toLowerCase();
    const entry = byProject.get(key) ?? { project: source.project, sources: [] };
    entry.sources.push(source.displayName);
    byProject.set(key, entry);
  }
  return [...byProject.values()].sort((a, b) => a.project.localeCompare(b.project));
}

export function toBrokerConnector(row: Prisma.ConnectorGetPayload<{ select: typeof brokerConnectorSelect }>): BrokerConnector {
  const agent = settings().agent;
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    displayName: row.displayName,
    authMethod: row.authMethod as AuthMethod,
    status: row.status,
    version: row.version,
    organization: row.organization?.name ?? null,
    clusterUrl: row.clusterUrl,
    database: row.database,
    azureResource: row.azureResource as AzureResource | null,
    azureTarget: row.azureTarget,
    draftMissing: row.draftMissing,
    agentTenantId: row.agentTenantId ?? agent.tenantId ?? null,
    miClientId: row.miClientId ?? agent.miClientId ?? null,
    miPrincipalId: row.miPrincipalId ?? agent.miPrincipalId ?? null,
    appClientId: row.appClientId,
    targetTenantId: row.targetTenantId,
    oauthAccount: row.oauthAccount,
    oauthTenantId: row.oauthTenantId,
    patConfigured: row.patSetAt !== null,
    patLast4: row.patLast4,
    patExpiresAt: row.patExpiresAt,
    lastCheckedAt: row.lastCheckedAt,
    sourceProjects: groupByProject(row.sources),
    tested: {
      authMethod: row.authMethod,
      agentTenantId: row.agentTenantId,
      miClientId: row.miClientId,
      miPrincipalId: row.miPrincipalId,
      appClientId: row.appClientId,
      targetTenantId: row.targetTenantId,
      clusterUrl: row.clusterUrl,
      database: row.database,
      azureResource: row.azureResource,
      azureTarget: row.azureTarget,
      patSetAt: row.patSetAt,
      oauthSetAt: row.oauthSetAt,
    },
  };
}

export async function brokerConnectorById(db: Db, connectorId: string): Promise<BrokerConnector> {
  const row = await db.connector.findUnique({ where: { id: connectorId }, select: brokerConnectorSelect });
  if (!row) throw notFound("The connector");
  return toBrokerConnector(row);
}

export async function brokerConnectorFor(db: Db, target: BrokerTarget): Promise<BrokerConnector> {
  if ("connectorId" in target) return brokerConnectorById(db, target.connectorId);
  if ("azureResource" in target) {
    const azureTarget = target.azureTarget ? target.azureTarget.trim().toLowerCase() : null;
    const rows = await db.connector.findMany({
      where: { kind: "azure", azureResource: target.azureResource, azureTarget, ...(target.targetTenantId ? { targetTenantId: target.targetTenantId.toLowerCase() } : {}) },
      select: brokerConnectorSelect,
      take: 2,
    });
    const what = `${azureResourceInfo[target.azureResource].label}${azureTarget ? ` ${azureTarget}` : ""}`;
    if (rows.length === 0) throw new AppError("not_found", `No connector is configured for ${what}.`, { hint: "Add an Azure resource connector on the Connectors page." });
    if (rows.length > 1) throw new AppError("validation_failed", `More than one connector reaches ${what}.`, { hint: "Ask for it by connector id, or name its target tenant." });
    return toBrokerConnector(rows[0]!);
  }
  if ("organization" in target) {
    const parsed = adoOrganizationSchema.safeParse(target.organization);
    if (!parsed.success) throw new AppError("validation_failed", `'${target.organization}' is not an Azure DevOps organization name.`);
    const row = await db.connector.findFirst({ where: { kind: "ado", organization: { name: parsed.data } }, select: brokerConnectorSelect });
    if (!row) throw new AppError("not_found", `No connector is configured for the Azure DevOps organization '${parsed.data}'.`, { hint: "Add one on the Connectors page." });
    return toBrokerConnector(row);
  }
  const clusterUrl = normalizeClusterUrl(target.clusterUrl, settings().kustoExtraOrigins);
  const row = await db.connector.findFirst({ where: { kind: "kusto", clusterUrl, database: target.database }, select: brokerConnectorSelect });
  if (!row) throw new AppError("not_found", `No connector is configured for database '${target.database}' on ${clusterUrl}.`, { hint: "Add one on the Connectors page." });
  return toBrokerConnector(row);
}

export function missingSettings(connector: Pick<BrokerConnector, "displayName">, fields: string[]): AppError {
  return new AppError("misconfigured", `Connector '${connector.displayName}' is missing ${fields.join(", ")}.`, {
    hint: "Complete the connector's setup, then run its test.",
  });
}

/** What the error decoders need to show expected next to configured values. */
export function chainContext(connector: BrokerConnector): ChainContext {
  return {
    authorityHost: settings().authorityHost,
    agentTenantId: connector.agentTenantId,
    miClientId: connector.miClientId,
    miPrincipalId: connector.miPrincipalId,
    appClientId: connector.appClientId,
    targetTenantId: connector.targetTenantId,
    adoOrganization: connector.organization,
    kustoDatabase: connector.database,
  };
}
