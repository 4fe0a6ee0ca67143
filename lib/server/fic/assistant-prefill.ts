import "server-only";
// What the MI + FIC assistant learns beyond the connector's own values: the agent's app set in
// Settings, the app and identity that saved connectors already use, the target tenant (an ADO
// organization names its tenant to anonymous callers; a Kusto cluster's other connectors, or its
// 401's authorization_uri), and the federated credentials already on the app for that identity.
import { z } from "zod";
import type { Access } from "@/lib/server/auth/access";
import { discoverOrganization } from "@/lib/server/ado/discover-organization";
import type { Db } from "@/lib/server/db/client";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { getAgentApp } from "@/lib/server/settings/agent-app-setting";
import type { AgentAppDto } from "@/lib/schemas/agent-app";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { KnownTrust } from "@/lib/schemas/fic-trust";

export type SavedApp = { appClientId: string; agentTenantId: string | null; miClientId: string | null; miPrincipalId: string | null; connectors: string[] };

export type AssistantPrefill = {
  agentApp: AgentAppDto | null;
  savedApp: SavedApp | null;
  targetTenant: { tenantId: string; source: string } | null;
  knownTrusts: KnownTrust[];
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ficEventDetails = z.object({ ficName: z.string(), appClientId: z.string(), issuer: z.string(), subject: z.string() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The app (and identity) most saved MI + FIC connectors use. */
async function savedApp(db: Db, connectorId: string): Promise<SavedApp | null> {
  const rows = await db.connector.findMany({
    where: { authMethod: "mi_fic", appClientId: { not: null }, id: { not: connectorId } },
    select: { displayName: true, appClientId: true, agentTenantId: true, miClientId: true, miPrincipalId: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
  const byApp = new Map<string, typeof rows>();
  for (const row of rows) byApp.set(row.appClientId!, [...(byApp.get(row.appClientId!) ?? []), row]);
  const [best] = [...byApp.values()].sort((a, b) => b.length - a.length);
  if (!best) return null;
  const first = best[0]!;
  return { appClientId: first.appClientId!, agentTenantId: first.agentTenantId, miClientId: first.miClientId, miPrincipalId: first.miPrincipalId, connectors: best.map((row) => row.displayName) };
}

/** A Kusto cluster names its tenant in the 401's WWW-Authenticate authorization_uri. */
async function tenantOfCluster(clusterUrl: string): Promise<string | null> {
  try {
    const response = await outboundFetch(`${clusterUrl.replace(/\/+$/, "")}/v1/rest/mgmt`, {
      service: "kusto",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ csl: ".show version" }),
      timeoutMs: 1500,
      budgetMs: 1500,
      maxAttempts: 1,
    });
    if (response.status !== 401) return null;
    const match = /authorization_uri="https?:\/\/[^"/]+\/([0-9a-f-]{36})/i.exec(response.headers.get("www-authenticate") ?? "");
    return match && GUID.test(match[1]!) ? match[1]!.toLowerCase() : null;
  } catch {
    return null;
  }
}

async function targetTenant(db: Db, connector: ConnectorDto): Promise<AssistantPrefill["targetTenant"]> {
  if (connector.targetTenantId) return null;
  if (connector.oauth.tenantId) return { tenantId: connector.oauth.tenantId, source: "Learned from the OAuth sign-in." };
  if (connector.kind === "ado" && connector.organization) {
    const found = await discoverOrganization(connector.organization, { timeoutMs: 1500 }).catch(() => null);
    return found?.status === "exists" && found.tenantId ? { tenantId: found.tenantId, source: `Azure DevOps names it as the tenant of ${connector.organization}.` } : null;
  }
  if (connector.kind === "kusto" && connector.clusterUrl) {
    const sibling = await db.connector.findFirst({
      where: { kind: "kusto", clusterUrl: connector.clusterUrl, targetTenantId: { not: null }, id: { not: connector.id } },
      select: { targetTenantId: true, displayName: true },
    });
    if (sibling?.targetTenantId) return { tenantId: sibling.targetTenantId, source: `The tenant of ${sibling.displayName}, on the same cluster.` };
    const tenantId = await tenantOfCluster(connector.clusterUrl);
    return tenantId ? { tenantId, source: "The cluster names it when asked without a token (WWW-Authenticate)." } : null;
  }
  return null;
}

/**
 * Credentials the portal created or found on an app for other connectors (audited with their issuer
 * and subject), and other saved connectors whose app and identity are set: each needs the same one
 * credential. Where the portal could read the app's credentials itself (Graph with its own
 * identity) it does not: that needs Application.Read.All for the portal, which it does not ask for.
 */
async function knownTrusts(db: Db, connectorId: string): Promise<KnownTrust[]> {
  const trusts: KnownTrust[] = [];
  const events = await db.auditEvent.findMany({
    where: { action: { in: ["connector.fic_created", "connector.fic_confirmed"] } },
    select: { action: true, details: true, targetId: true },
    orderBy: { at: "desc" },
    take: 200,
  });
  const connectors = await db.connector.findMany({
    where: { authMethod: "mi_fic", appClientId: { not: null }, agentTenantId: { not: null }, miPrincipalId: { not: null }, id: { not: connectorId } },
    select: { id: true, displayName: true, appClientId: true, agentTenantId: true, miPrincipalId: true },
    take: 500,
  });
  const names = new Map(connectors.map((row) => [row.id, row.displayName]));
  for (const event of events) {
    const parsed = ficEventDetails.safeParse(parseJson(event.details));
    if (!parsed.success) continue;
    const tenant = /\/([0-9a-f-]{36})\/v2\.0$/i.exec(parsed.data.issuer)?.[1];
    if (!tenant) continue;
    // Only for another connector that still exists: its credential is the one this connector would need.
    if (!event.targetId || !names.has(event.targetId)) continue;
    const forWhom = ` for connector '${names.get(event.targetId)}'`;
    trusts.push({
      appClientId: parsed.data.appClientId,
      agentTenantId: tenant.toLowerCase(),
      miPrincipalId: parsed.data.subject,
      name: parsed.data.ficName,
      source: event.action === "connector.fic_created" ? `created through this portal${forWhom}` : `found on the app through Microsoft Graph${forWhom}`,
    });
  }
  for (const row of connectors) {
    trusts.push({
      appClientId: row.appClientId!,
      agentTenantId: row.agentTenantId!,
      miPrincipalId: row.miPrincipalId!,
      name: null,
      source: `saved connector '${row.displayName}' uses the same app and identity`,
    });
  }
  return trusts;
}

export async function assistantPrefill(db: Db, access: Access<"connectors.read">, connector: ConnectorDto): Promise<AssistantPrefill> {
  const [agentApp, saved, target, trusts] = await Promise.all([getAgentApp(db, access), savedApp(db, connector.id), targetTenant(db, connector), knownTrusts(db, connector.id)]);
  return { agentApp, savedApp: saved, targetTenant: target, knownTrusts: trusts };
}
