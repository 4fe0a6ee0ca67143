// The Tenants view's API against the sandbox cloud and real databases: every target tenant of the
// connectors' multi-tenant app with its consent state; "check all tenants" exchanges a token in
// each (Fabrikam is unconsented until its admin consents), is audited, refused to a reader, and
// rate-limited like the chain test.
import { describe, expect, it } from "vitest";
import { openAuthorize, pickAccount } from "@/sandbox/testing/drive-picker";
import { CONNECTOR_APP, TENANT, USER } from "@/sandbox/world/default/ids";
import { adoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { resetTenantCheckRateLimit, TENANT_CHECKS_PER_MINUTE } from "@/lib/server/tenants/check-all-tenants";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { TenantAppDto } from "@/lib/schemas/tenants";
import { GET as listRoute } from "./route";
import { POST as checkRoute } from "./check/route";

const sandbox = sandboxForFile(usePortalEnvironment);

const request = (cookie: string, method = "GET", url = "http://localhost/api/tenants") => new Request(url, { method, headers: { cookie } });
const tenantsOf = async (response: Response) => ((await response.json()) as { apps: TenantAppDto[] }).apps;

async function adminConsent(link: string, upn: string): Promise<void> {
  const picker = await openAuthorize(link);
  if (picker.kind !== "page") throw new Error("expected the account picker");
  const done = await pickAccount(link, picker.html, upn);
  if (done.kind !== "page" || done.status !== 200) throw new Error("admin consent did not complete");
}

for (const provider of testProviders) {
  describe(`tenants API on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, reset: [forgetBrokerTokens, resetTenantCheckRateLimit], tables: ["tenantExchange", "connector", "organization"] });

    it("lists Litware and Fabrikam, checks both, and sees Fabrikam consented after its admin consents", async () => {
      const { db } = t.current;
      const litware = await adoConnector(db, "litware");
      const fabrikam = await adoConnector(db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      const before = await tenantsOf(await listRoute(request(t.cookies.reader)));
      expect(before).toHaveLength(1);
      expect(before[0]!.appClientId).toBe(CONNECTOR_APP.appId);
      expect(before[0]!.tenants.map((tenant) => [tenant.tenantId, tenant.consent])).toEqual(
        [
          [TENANT.litware, "unknown"],
          [TENANT.fabrikam, "unknown"],
        ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
      );

      expect((await checkRoute(request(t.cookies.reader, "POST", "http://localhost/api/tenants/check"))).status).toBe(403);
      const checked = await tenantsOf(await checkRoute(request(t.cookies.admin, "POST", "http://localhost/api/tenants/check")));
      const byTenant = (apps: TenantAppDto[]) => new Map(apps[0]!.tenants.map((tenant) => [tenant.tenantId, tenant]));
      const litwareRow = byTenant(checked).get(TENANT.litware)!;
      expect(litwareRow).toMatchObject({ consent: "consented", lastExchange: { outcome: "pass", servicePrincipalId: CONNECTOR_APP.spLitware, from: "tenant_check" } });
      expect(litwareRow.connectors.map((connector) => connector.id)).toEqual([litware]);
      const fabrikamRow = byTenant(checked).get(TENANT.fabrikam)!;
      expect(fabrikamRow).toMatchObject({ consent: "not_consented", lastExchange: { outcome: "fail", code: "AADSTS700016" } });
      expect(fabrikamRow.connectors.map((connector) => connector.id)).toEqual([fabrikam]);
      expect(fabrikamRow.consentUrl).toContain(`/${TENANT.fabrikam}/adminconsent?client_id=${CONNECTOR_APP.appId}`);
      const audit = await db.auditEvent.findFirst({ where: { action: "tenants.checked" } });
      expect(audit?.summary).toBe("Checked the token exchange in 2 tenants: 1 passed");

      await adminConsent(fabrikamRow.consentUrl, USER.fabrikamAdmin.upn);
      const after = byTenant(await tenantsOf(await checkRoute(request(t.cookies.admin, "POST", "http://localhost/api/tenants/check"))));
      expect(after.get(TENANT.fabrikam)).toMatchObject({ consent: "consented", lastExchange: { outcome: "pass" } });
    });

    it("is rate-limited like the chain test: 429 with Retry-After past the limit", async () => {
      await adoConnector(t.current.db, "litware");
      for (let index = 0; index < TENANT_CHECKS_PER_MINUTE; index++) {
        expect((await checkRoute(request(t.cookies.admin, "POST", "http://localhost/api/tenants/check"))).status).toBe(200);
      }
      const refused = await checkRoute(request(t.cookies.admin, "POST", "http://localhost/api/tenants/check"));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    });
  });
}
