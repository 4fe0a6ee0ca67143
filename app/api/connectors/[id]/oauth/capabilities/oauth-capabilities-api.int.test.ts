// GET /api/connectors/[id]/oauth/capabilities: what the signed-in account can do in the
// organization, from Azure DevOps' permission evaluation in the sandbox, with the tenant's name.
import { describe, expect, it } from "vitest";
import { TENANT, USER } from "@/sandbox/world/default/ids";
import { createAdoConnector, signInThroughSandbox, useSandboxEnvironment } from "@/lib/server/oauth/testing/oauth-harness";
import { resetValidationRateLimit } from "@/lib/server/rate-limit/validation-rate-limit";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { OauthCapabilitiesDto } from "@/lib/schemas/oauth-capabilities";
import { GET } from "./route";

const sandbox = sandboxForFile(useSandboxEnvironment);

const get = (id: string, cookie: string) => GET(new Request(`http://localhost/api/connectors/${id}/oauth/capabilities`, { headers: { cookie } }), { params: Promise.resolve({ id }) });

for (const provider of testProviders) {
  describe(`OAuth capability summary on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, reset: [resetValidationRateLimit], tables: ["auditEvent", "oAuthFlow", "connector", "organization"] });

    it("says what Litware's developer can do, per project, with the tenant's name", async () => {
      const id = await createAdoConnector(t.current.db, "litware");
      expect((await get(id, t.cookies.admin)).status).toBe(409);
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      expect((await get(id, t.cookies.reader)).status).toBe(403);
      const response = await get(id, t.cookies.admin);
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
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareIntern.upn);
      const summary = (await (await get(id, t.cookies.admin)).json()) as OauthCapabilitiesDto;
      expect(summary.account).toBe(USER.litwareIntern.upn);
      const payments = summary.projects.find((project) => project.project === "Payments");
      expect(payments?.readCode).toEqual([]);
    });
  });
}
