import "server-only";
// "Check all tenants": the token exchange of each multi-tenant app in each of its target tenants,
// as the agent runs it (the managed identity's assertion, then the app's token there for the
// scope its first connector uses). Each result is kept per (app, tenant) and audited. Like a
// chain test it calls into other tenants, so it is rate-limited across replicas.
import type { Operator } from "@/lib/server/auth/permissions";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { brokerConnectorById, chainContext } from "@/lib/server/broker/broker-connector";
import { decodeExchangeError } from "@/lib/server/broker/decode-identity-error";
import { exchangeForService } from "@/lib/server/broker/managed-identity-source";
import { serviceScope } from "@/lib/server/broker/service-scope";
import { tokenClaims } from "@/lib/server/pipeline/token-claims";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { recordRateLimited } from "@/lib/server/observability/metrics";
import { slidingWindowPolicy } from "@/lib/server/rate-limit/rate-limit-policies";
import { resetSharedRateLimit, takeSharedSlot } from "@/lib/server/rate-limit/take-shared-slot";
import type { Access } from "@/lib/server/auth/access";
import type { TenantAppDto } from "@/lib/schemas/tenants";
import { listTenants } from "./list-tenants";

export const TENANT_CHECKS_PER_MINUTE = 6;
const tenantChecks = slidingWindowPolicy("tenant-check", TENANT_CHECKS_PER_MINUTE, 60_000);
/** The whole sweep ends while the operator looks; each exchange gets its share, at least 3 s. */
const SWEEP_BUDGET_MS = 25_000;
/** A sweep checks at most this many (app, tenant) pairs; more wait for the next sweep. */
export const MAX_PAIRS = 25;

export async function checkAllTenants(access: Access<"health.check">, db: Db, operator: Operator): Promise<TenantAppDto[]> {
  const slot = await takeSharedSlot(db, tenantChecks, "all", Date.now());
  if (!slot.ok) {
    recordRateLimited("chain_test");
    throw new AppError("rate_limited", `All tenants were checked ${TENANT_CHECKS_PER_MINUTE} times in the last minute.`, {
      hint: `Wait ${slot.retryAfterSeconds} s before checking them again.`,
      retryAfterSeconds: slot.retryAfterSeconds,
    });
  }
  const pairs = (await listTenants(access, db)).flatMap((app) => app.tenants.map((tenant) => ({ appClientId: app.appClientId, tenant }))).slice(0, MAX_PAIRS);
  const perPairMs = Math.max(3000, Math.floor(SWEEP_BUDGET_MS / Math.max(1, pairs.length)));
  const outcomes = await Promise.all(
    pairs.map(async ({ appClientId, tenant }) => {
      const connector = await brokerConnectorById(db, tenant.connectors[0]!.id);
      const at = new Date();
      let row: { outcome: "pass" | "fail" | "unknown"; code: string | null; title: string | null; fix: string | null; servicePrincipalId: string | null };
      if (!connector.miClientId) {
        row = {
          outcome: "fail",
          code: "not_configured",
          title: "The managed identity's client id is not configured",
          fix: "Set it on the connector or in the portal's agent settings.",
          servicePrincipalId: null,
        };
      } else {
        try {
          const token = await exchangeForService({ targetTenantId: tenant.tenantId, appClientId, miClientId: connector.miClientId, scope: serviceScope(connector), timeoutMs: perPairMs });
          row = { outcome: "pass", code: null, title: null, fix: null, servicePrincipalId: tokenClaims(token.token).oid ?? null };
        } catch (error) {
          const decoded = decodeExchangeError(error, chainContext(connector));
          row = { outcome: decoded.code === "timeout" || decoded.code === "unreachable" ? "unknown" : "fail", code: decoded.code, title: decoded.title, fix: decoded.fix, servicePrincipalId: null };
        }
      }
      await db.tenantExchange.upsert({
        where: { appClientId_tenantId: { appClientId, tenantId: tenant.tenantId } },
        create: { appClientId, tenantId: tenant.tenantId, at, checkedBy: operator.id, ...row },
        update: { at, checkedBy: operator.id, ...row },
      });
      return { tenantId: tenant.tenantId, appClientId, outcome: row.outcome, code: row.code };
    }),
  );
  await recordAuditEvent(db, operator, {
    action: "tenants.checked",
    targetType: "tenant",
    summary: `Checked the token exchange in ${outcomes.length} tenant${outcomes.length === 1 ? "" : "s"}: ${outcomes.filter((o) => o.outcome === "pass").length} passed`,
    details: { outcomes },
  });
  return listTenants(access, db);
}

/** Tests only: start from an empty window. */
export function resetTenantCheckRateLimit(db: Db): Promise<void> {
  return resetSharedRateLimit(db, tenantChecks);
}
