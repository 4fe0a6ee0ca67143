// Test helpers for chain tests and the broker: the portal pointed at a sandbox on free ports,
// connectors of each method, and a request counter read through the sandbox's fault API (a
// zero-latency fault with a large `times` counts the requests that match its path).
import type { RunningSandbox } from "@/sandbox/server";
import { admin } from "@/sandbox/testing/test-sandbox";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import { testKey } from "@/lib/server/crypto/test-keys";
import type { Db } from "@/lib/server/db/client";
import { portalEnvForSandbox } from "@/scripts/sandbox-portal-env";

/**
 * Before anything reads settings() or uses @azure/identity: settings() caches process.env on
 * first use, and MSAL picks the managed identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER)
 * once per process.
 */
export function usePortalEnvironment(sandbox: RunningSandbox): void {
  Object.assign(process.env, portalEnvForSandbox(sandbox), { TB_ENCRYPTION_KEYS: process.env.TB_ENCRYPTION_KEYS ?? testKey("k1") });
}

const miFic = (appClientId: string, targetTenantId: string) => ({
  authMethod: "mi_fic",
  agentTenantId: TENANT.contoso,
  miClientId: AGENT_IDENTITY.clientId,
  miPrincipalId: AGENT_IDENTITY.principalId,
  appClientId,
  targetTenantId,
});

export async function adoConnector(db: Db, organization: string, settings: Record<string, string | null> = miFic(CONNECTOR_APP.appId, TENANT.litware)): Promise<string> {
  const org = await db.organization.upsert({ where: { name: organization }, create: { name: organization }, update: {} });
  const row = await db.connector.create({
    data: { kind: "ado", displayName: organization, authMethod: "mi_fic", createdBy: "admin-oid", organizationId: org.id, ...settings },
    select: { id: true },
  });
  return row.id;
}

export async function kustoConnector(db: Db, sandbox: RunningSandbox, database: string): Promise<string> {
  const row = await db.connector.create({
    data: {
      kind: "kusto",
      displayName: `${database} on litware`,
      clusterUrl: `${sandbox.origin}/kusto/litware`,
      database,
      createdBy: "admin-oid",
      ...miFic(CONNECTOR_APP.appId, TENANT.litware),
    },
    select: { id: true },
  });
  return row.id;
}

export { miFic };

/** Counts requests to paths starting with `pathPrefix` from now on. */
export async function countRequests(sandbox: RunningSandbox, pathPrefix: string): Promise<() => Promise<number>> {
  const LARGE = 1_000_000;
  const response = await admin(sandbox, "POST", "/faults", { path: pathPrefix, latencyMs: 0, times: LARGE });
  const { ids } = (await response.json()) as { ids: number[] };
  return async () => {
    const { faults } = (await (await admin(sandbox, "GET", "/faults")).json()) as { faults: { id: number; remaining: number | null }[] };
    const fault = faults.find((candidate) => candidate.id === ids[0]);
    return LARGE - (fault?.remaining ?? LARGE);
  };
}

/** A JWT anywhere in a value: tokens must never reach a DTO, a check row or an audit event. */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
