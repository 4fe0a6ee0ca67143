import "server-only";
// One identity, many tenants: each multi-tenant app the MI + FIC connectors use, with every
// target tenant, whether the app is consented there (judged by its latest token exchange: a
// tenant without the app's service principal answers AADSTS700016), that exchange, and the
// connectors that depend on it.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import { adminConsentUrl } from "@/lib/server/entra/admin-consent-url";
import { settings } from "@/lib/server/settings";
import { checksOf } from "@/lib/server/pipeline/stored-checks";
import type { ConnectorKind, ConnectorStatus } from "@/lib/schemas/connector";
import type { ConsentState, TenantAppDto, TenantExchangeDto } from "@/lib/schemas/tenants";

/** Entra's answers that mean "the app has no service principal in this tenant": nobody consented. */
const NOT_CONSENTED = new Set(["AADSTS700016", "AADSTS65001", "AADSTS7000112"]);

export function consentFrom(exchange: Pick<TenantExchangeDto, "outcome" | "code"> | null): ConsentState {
  if (!exchange) return "unknown";
  if (exchange.outcome === "pass") return "consented";
  if (exchange.code && NOT_CONSENTED.has(exchange.code)) return "not_consented";
  return exchange.outcome === "fail" ? "failing" : "unknown";
}

const pairKey = (appClientId: string, tenantId: string) => `${appClientId.toLowerCase()}\n${tenantId.toLowerCase()}`;

/** Readers see the tenants; "check all tenants" (health.check) reads them to check each. */
export async function listTenants(access: Access<"connectors.read"> | Access<"health.check">, db: Db): Promise<TenantAppDto[]> {
  assertAccess(access, "connectors.read", "health.check");
  const connectors = await db.connector.findMany({
    where: { authMethod: "mi_fic", appClientId: { not: null }, targetTenantId: { not: null } },
    select: { id: true, displayName: true, kind: true, status: true, appClientId: true, targetTenantId: true },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
  const pairs = new Map<string, { appClientId: string; tenantId: string; connectors: typeof connectors; exchange: TenantExchangeDto | null }>();
  for (const connector of connectors) {
    const key = pairKey(connector.appClientId!, connector.targetTenantId!);
    const pair = pairs.get(key) ?? { appClientId: connector.appClientId!.toLowerCase(), tenantId: connector.targetTenantId!.toLowerCase(), connectors: [], exchange: null };
    pair.connectors.push(connector);
    pairs.set(key, pair);
  }
  if (pairs.size === 0) return [];

  // The newest exchange per pair: from "check all tenants", or from a chain test of one of its connectors.
  const checked = await db.tenantExchange.findMany();
  for (const row of checked) {
    const pair = pairs.get(pairKey(row.appClientId, row.tenantId));
    if (pair)
      pair.exchange = {
        at: row.at.toISOString(),
        outcome: row.outcome as TenantExchangeDto["outcome"],
        code: row.code,
        title: row.title,
        fix: row.fix,
        servicePrincipalId: row.servicePrincipalId,
        from: "tenant_check",
      };
  }
  const byConnector = new Map(connectors.map((connector) => [connector.id, pairKey(connector.appClientId!, connector.targetTenantId!)]));
  const chainRuns = await db.validationRun.findMany({
    where: { kind: "chain", connectorId: { in: [...byConnector.keys()] } },
    select: { connectorId: true, startedAt: true, checks: true },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  for (const run of chainRuns) {
    const pair = pairs.get(byConnector.get(run.connectorId) ?? "");
    if (!pair || (pair.exchange && pair.exchange.at >= run.startedAt.toISOString())) continue;
    const check = checksOf(run.checks).find((candidate) => candidate.key === "exchange" && candidate.status !== "skipped");
    if (!check) continue;
    pair.exchange = {
      at: run.startedAt.toISOString(),
      outcome: check.status === "pass" ? "pass" : check.status === "fail" ? "fail" : "unknown",
      code: check.code,
      title: check.title,
      fix: check.fix,
      servicePrincipalId: check.status === "pass" ? (/service principal ([0-9a-f-]{36})/.exec(check.detail ?? "")?.[1] ?? null) : null,
      from: "chain_test",
    };
  }

  const { authorityHost } = settings();
  const apps = new Map<string, TenantAppDto>();
  for (const pair of [...pairs.values()].sort((a, b) => a.appClientId.localeCompare(b.appClientId) || a.tenantId.localeCompare(b.tenantId))) {
    const app = apps.get(pair.appClientId) ?? { appClientId: pair.appClientId, tenants: [] };
    app.tenants.push({
      tenantId: pair.tenantId,
      consent: consentFrom(pair.exchange),
      consentUrl: adminConsentUrl(authorityHost, pair.tenantId, pair.appClientId),
      lastExchange: pair.exchange,
      connectors: pair.connectors.map((connector) => ({ id: connector.id, displayName: connector.displayName, kind: connector.kind as ConnectorKind, status: connector.status as ConnectorStatus })),
    });
    apps.set(pair.appClientId, app);
  }
  return [...apps.values()];
}
