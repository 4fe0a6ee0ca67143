// GET /api/connectors/[id]/oauth/capabilities: what the signed-in account can do in the
// organization, from Azure DevOps' permission evaluation in the sandbox, with the tenant's name.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { TENANT, USER } from "@/sandbox/world/default/ids";
import { setDbForTests } from "@/lib/server/db/client";
import { createAdoConnector, signInThroughSandbox, useSandboxEnvironment } from "@/lib/server/oauth/testing/oauth-harness";
import { resetValidationRateLimit } from "@/lib/server/rate-limit/validation-rate-limit";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { OauthCapabilitiesDto } from "@/lib/schemas/oauth-capabilities";
import { GET } from "./route";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  useSandboxEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const get = (id: string, cookie: string) => GET(new Request(`http://localhost/api/connectors/${id}/oauth/capabilities`, { headers: { cookie } }), { params: Promise.resolve({ id }) });

for (const provider of testProviders) {
  describe(`OAuth capability summary on ${provider}`, () => {
    const t = useTestDb(provider);
    let adminCookie = "";
    let readerCookie = "";
    beforeAll(async () => {
      setDbForTests(t.current.db);
      adminCookie = await sessionCookie(t.current.db, "admin");
      readerCookie = await sessionCookie(t.current.db, "reader");
    });
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await resetValidationRateLimit(t.current.db);
      await t.current.db.auditEvent.deleteMany();
      await t.current.db.oAuthFlow.deleteMany();
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
    });

    it("says what Litware's developer can do, per project, with the tenant's name", async () => {
      const id = await createAdoConnector(t.current.db, "litware");
      expect((await get(id, adminCookie)).status).toBe(409);
      await signInThroughSandbox(id, adminCookie, USER.litwareDev.upn);
      expect((await get(id, readerCookie)).status).toBe(403);
      const response = await get(id, adminCookie);
      expect(response.status).toBe(200);
      const summary = (await response.json()) as OauthCapabilitiesDto;
      expect(summary).toMatchObject({ organization: "litware", account: USER.litwareDev.upn, tenantName: "Litware", tenantId: TENANT.litware, problem: null });
      const payments = summary.projects.find((project) => project.project === "Payments");
      expect(payments?.readCode).toEqual(["payments-api", "payments-web"]);
      expect(payments?.contributeToPullRequests).toEqual(["payments-api", "payments-web"]);
      expect(payments?.editWorkItemsIn).toEqual(["Payments", "Payments\\Checkout", "Payments\\Ledger"]);
    });

    it("a Stakeholder reads no code in a private project", async () => {
      const id = await createAdoConnector(t.current.db, "litware");
      await signInThroughSandbox(id, adminCookie, USER.litwareIntern.upn);
      const summary = (await (await get(id, adminCookie)).json()) as OauthCapabilitiesDto;
      expect(summary.account).toBe(USER.litwareIntern.upn);
      const payments = summary.projects.find((project) => project.project === "Payments");
      expect(payments?.readCode).toEqual([]);
    });
  });
}
