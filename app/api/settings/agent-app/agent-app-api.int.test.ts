// GET/PUT /api/settings/agent-app and what the MI + FIC assistant prefills from it and from what
// the portal learned, against the sandbox cloud and real databases.
import { describe, expect, it } from "vitest";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT } from "@/sandbox/world/default/ids";
import { grantAccess } from "@/lib/server/auth/access";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import { assistantPrefill } from "@/lib/server/fic/assistant-prefill";
import { adoConnector, kustoConnector, miFic, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import { DELETE, GET, PUT } from "./route";

const sandbox = sandboxForFile(usePortalEnvironment);

const url = "http://localhost/api/settings/agent-app";
const put = (cookie: string, body: unknown) =>
  PUT(new Request(url, { method: "PUT", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({}) });
const get = (cookie: string) => GET(new Request(url, { headers: { cookie } }), { params: Promise.resolve({}) });
const reader = { id: "reader-oid", name: "Reader", role: "reader" as const };

for (const provider of testProviders) {
  describe(`agent app setting on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, tables: ["auditEvent", "agentAppSetting", "connector", "organization"] });

    it("is set once by an admin, audited, version-checked, readable by a reader and refused to one", async () => {
      expect(await (await get(t.cookies.reader)).json()).toEqual({ agentApp: null });
      expect((await put(t.cookies.reader, { appClientId: CONNECTOR_APP.appId, version: 0 })).status).toBe(403);

      const first = await put(t.cookies.admin, { appClientId: CONNECTOR_APP.appId.toUpperCase(), miPrincipalId: AGENT_IDENTITY.principalId, version: 0 });
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ appClientId: CONNECTOR_APP.appId, miPrincipalId: AGENT_IDENTITY.principalId, agentTenantId: null, version: 1 });
      expect(await (await get(t.cookies.reader)).json()).toMatchObject({ agentApp: { appClientId: CONNECTOR_APP.appId, version: 1 } });

      // A second first save, or a stale version, is a conflict; nothing changes.
      expect((await put(t.cookies.admin, { appClientId: AGENT_IDENTITY.clientId, version: 0 })).status).toBe(409);
      expect((await put(t.cookies.admin, { appClientId: AGENT_IDENTITY.clientId, version: 7 })).status).toBe(409);
      expect((await put(t.cookies.admin, { appClientId: "ab900000-0000-4000-8000-0000000000ff", version: 1 })).status).toBe(200);

      const audit = await t.current.db.auditEvent.findMany({ where: { action: "settings.agent_app_set" }, orderBy: { at: "asc" } });
      expect(audit.map((event) => event.summary)).toEqual([
        `Set the agent's app to ${CONNECTOR_APP.appId} (identity ${AGENT_IDENTITY.principalId})`,
        "Set the agent's app to ab900000-0000-4000-8000-0000000000ff",
      ]);

      const clear = () => DELETE(new Request(url, { method: "DELETE", headers: { cookie: t.cookies.admin } }), { params: Promise.resolve({}) });
      expect((await DELETE(new Request(url, { method: "DELETE", headers: { cookie: t.cookies.reader } }), { params: Promise.resolve({}) })).status).toBe(403);
      expect(await (await clear()).json()).toEqual({ cleared: true });
      expect(await (await get(t.cookies.reader)).json()).toEqual({ agentApp: null });
      expect(await (await clear()).json()).toEqual({ cleared: false });
      expect(await t.current.db.auditEvent.count({ where: { action: "settings.agent_app_cleared" } })).toBe(1);
    });

    it("names the field for bad input and writes nothing", async () => {
      const notGuid = await put(t.cookies.admin, { appClientId: "my-app", version: 0 });
      expect(notGuid.status).toBe(422);
      expect(JSON.stringify(await notGuid.json())).toContain('"field":"appClientId"');
      const sameIds = await put(t.cookies.admin, { appClientId: CONNECTOR_APP.appId, miClientId: AGENT_IDENTITY.clientId, miPrincipalId: AGENT_IDENTITY.clientId, version: 0 });
      expect(sameIds.status).toBe(422);
      expect(JSON.stringify(await sameIds.json())).toContain('"field":"miPrincipalId"');
      const appIsIdentity = await put(t.cookies.admin, { appClientId: AGENT_IDENTITY.clientId, miClientId: AGENT_IDENTITY.clientId, version: 0 });
      expect(appIsIdentity.status).toBe(422);
      expect(JSON.stringify(await appIsIdentity.json())).toContain('"field":"appClientId"');
      expect(await t.current.db.agentAppSetting.count()).toBe(0);
      expect(await t.current.db.auditEvent.count({ where: { action: "settings.agent_app_set" } })).toBe(0);
    });

    it("prefills the app, the target tenant and a credential to reuse from what the portal knows", async () => {
      const { db } = t.current;
      const access = grantAccess(reader, "connectors.read");
      // Fabrikam without a target tenant: Azure DevOps names the organization's tenant.
      const fabrikam = await adoConnector(db, "fabrikam", { ...miFic(CONNECTOR_APP.appId, TENANT.fabrikam), targetTenantId: null, appClientId: null });
      let prefill = await assistantPrefill(db, access, await getConnectorOrThrow(access, db, fabrikam));
      expect(prefill.agentApp).toBeNull();
      expect(prefill.savedApp).toBeNull();
      expect(prefill.targetTenant).toEqual({ tenantId: TENANT.fabrikam, source: "Azure DevOps names it as the tenant of fabrikam." });
      expect(prefill.knownTrusts).toEqual([]);

      // Litware already uses the app with the same identity: Fabrikam's assistant reuses its credential.
      const litware = await adoConnector(db, "litware");
      await db.auditEvent.create({
        data: {
          actorId: "admin-oid",
          actorName: "Admin",
          action: "connector.fic_created",
          targetType: "connector",
          targetId: litware,
          summary: "Created",
          details: JSON.stringify({ ficName: "tenantbridge-litware", appClientId: CONNECTOR_APP.appId, issuer: `${sandbox.origin}/${TENANT.contoso}/v2.0`, subject: AGENT_IDENTITY.principalId }),
        },
      });
      expect((await put(t.cookies.admin, { appClientId: CONNECTOR_APP.appId, version: 0 })).status).toBe(200);
      prefill = await assistantPrefill(db, access, await getConnectorOrThrow(access, db, fabrikam));
      expect(prefill.agentApp).toMatchObject({ appClientId: CONNECTOR_APP.appId });
      expect(prefill.savedApp).toMatchObject({ appClientId: CONNECTOR_APP.appId, miPrincipalId: AGENT_IDENTITY.principalId, connectors: ["litware"] });
      expect(prefill.knownTrusts).toEqual([
        {
          appClientId: CONNECTOR_APP.appId,
          agentTenantId: TENANT.contoso,
          miPrincipalId: AGENT_IDENTITY.principalId,
          name: "tenantbridge-litware",
          source: "created through this portal for connector 'litware'",
        },
        { appClientId: CONNECTOR_APP.appId, agentTenantId: TENANT.contoso, miPrincipalId: AGENT_IDENTITY.principalId, name: null, source: "saved connector 'litware' uses the same app and identity" },
      ]);
      // Its own connector's credential is not "another" one.
      const own = await assistantPrefill(db, access, await getConnectorOrThrow(access, db, litware));
      expect(own.knownTrusts).toEqual([]);
    });

    it("prefills a Kusto connector's tenant from the cluster's other connectors, else from the cluster's 401", async () => {
      const { db } = t.current;
      const access = grantAccess(reader, "connectors.read");
      const telemetry = await kustoConnector(db, sandbox, "Telemetry");
      await db.connector.update({ where: { id: telemetry }, data: { targetTenantId: null } });
      const alone = await assistantPrefill(db, access, await getConnectorOrThrow(access, db, telemetry));
      expect(alone.targetTenant).toEqual({ tenantId: TENANT.litware, source: "The cluster names it when asked without a token (WWW-Authenticate)." });

      const other = await kustoConnector(db, sandbox, "Sales");
      await db.connector.update({ where: { id: other }, data: { targetTenantId: null } });
      await db.connector.update({ where: { id: telemetry }, data: { targetTenantId: TENANT.litware } });
      const sibling = await assistantPrefill(db, access, await getConnectorOrThrow(access, db, other));
      expect(sibling.targetTenant).toEqual({ tenantId: TENANT.litware, source: "The tenant of Telemetry on litware, on the same cluster." });
    });
  });
}
