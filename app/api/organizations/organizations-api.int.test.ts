// GET /api/organizations and GET /api/organizations/check-name against real SQLite and
// PostgreSQL databases: the connector summary per organization, ADO's naming rules with a
// field-level message, and nothing stored by a check.
import { beforeAll, describe, expect, it } from "vitest";
import { useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import type { OrganizationDto, OrganizationNameCheckDto } from "@/lib/schemas/source";
import { GET as listRoute } from "./route";
import { GET as checkRoute } from "./check-name/route";
import { GET as openApiRoute } from "../openapi/route";

let cookie = "";
const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers: { cookie, ...headers } });
const check = (name: string) => checkRoute(get(`http://localhost/api/organizations/check-name?name=${encodeURIComponent(name)}`));
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

for (const provider of testProviders) {
  describe(`organizations API on ${provider}`, () => {
    const t = useApiTestContext(provider, { tables: ["connector", "organization"] });
    beforeAll(() => {
      cookie = t.cookies.reader;
    });

    async function seed() {
      const litware = await t.current.db.organization.create({ data: { name: "litware", targetTenantId: "11700000-0000-4000-8000-000000000002" } });
      const connector = await t.current.db.connector.create({
        // Set up and tested healthy: the summary's status is the derived one, as on the connector's page.
        data: {
          kind: "ado",
          displayName: "Litware DevOps",
          authMethod: "mi_fic",
          appClientId: "11700000-0000-4000-8000-0000000000a1",
          targetTenantId: "11700000-0000-4000-8000-000000000002",
          status: "healthy",
          chainStatus: "healthy",
          createdBy: "admin-oid",
          organizationId: litware.id,
        },
      });
      await t.current.db.knowledgeSource.create({
        data: { connectorId: connector.id, organizationId: litware.id, project: "Payments", repository: "payments-api", displayName: "Payments API", createdBy: "admin-oid" },
      });
      await t.current.db.organization.create({ data: { name: "fabrikam" } });
      return connector.id;
    }

    it("lists organizations with their connector summary and source count", async () => {
      const connectorId = await seed();
      const response = await listRoute(get("http://localhost/api/organizations"));
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: OrganizationDto[] };
      expect(items.map((item) => [item.name, item.connector?.id ?? null, item.sourceCount])).toEqual([
        ["fabrikam", null, 0],
        ["litware", connectorId, 1],
      ]);
      expect(items[1]!.connector).toMatchObject({ displayName: "Litware DevOps", authMethod: "mi_fic", status: "healthy" });
    });

    it("says whether a valid name has a connector, case-insensitively", async () => {
      const connectorId = await seed();
      const existing = (await (await check(" LitWare ")).json()) as OrganizationNameCheckDto;
      expect(existing).toMatchObject({ name: "litware", valid: true, connector: { id: connectorId } });
      expect(existing.message).toContain("already has a connector");
      const fresh = (await (await check("contoso-eng-2")).json()) as OrganizationNameCheckDto;
      expect(fresh).toMatchObject({ name: "contoso-eng-2", valid: true, connector: null });
    });

    it.each([
      ["../x", /letters, digits and hyphens/],
      ["a b", /letters, digits and hyphens/],
      ["<script>", /letters, digits and hyphens/],
      ["-litware", /cannot start or end with a hyphen/],
      ["litware-", /cannot start or end with a hyphen/],
      ["a".repeat(51), /at most 50 characters/],
      ["", /is required/],
      ["lit%00ware", /letters, digits and hyphens/],
    ])("answers 422 naming 'name' for %j, and stores nothing", async (name, message) => {
      const before = await t.current.db.organization.count();
      const response = await check(name);
      expect(response.status).toBe(422);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.fields?.[0]?.field).toBe("name");
      expect(body.error.fields?.[0]?.message).toMatch(message);
      expect(await t.current.db.organization.count()).toBe(before);
    });

    it("answers 422 for a missing or unknown query parameter", async () => {
      const missing = await checkRoute(get("http://localhost/api/organizations/check-name"));
      expect(missing.status).toBe(422);
      expect(((await missing.json()) as ErrorBody).error.fields?.[0]?.field).toBe("name");
      const unknown = await checkRoute(get("http://localhost/api/organizations/check-name?name=litware&connector=1"));
      expect(((await unknown.json()) as ErrorBody).error.fields?.[0]?.field).toBe("connector");
    });

    it("serves the OpenAPI document without a session, describing this route", async () => {
      const response = await openApiRoute(new Request("http://localhost/api/openapi"));
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toBe("3.1.0");
      expect(document.paths["/api/organizations/check-name"]).toHaveProperty("get");
    });

    it("answers 401 without a session", async () => {
      expect((await listRoute(get("http://localhost/api/organizations", { cookie: "" }))).status).toBe(401);
    });
  });
}
