// Agent identities and API tokens through their routes on SQLite and PostgreSQL: registered with
// normalized assignments, duplicates and bad values refused naming the field with nothing
// written, edits version-checked, every change audited, and only administrators with a session.
import { beforeAll, describe, expect, it } from "vitest";
import { useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import { sessionCookie } from "@/lib/testing/sessions";
import { GET as listRoute, POST as createRoute } from "./route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "./[id]/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "../api-tokens/route";
import { DELETE as revokeRoute } from "../api-tokens/[id]/route";

const TENANT = "c0550000-0000-4000-8000-000000000001";
const PRINCIPAL = "a9e00000-0000-4000-8000-0000000000c2";
let cookie = "";
const request = (url: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[] } };

for (const provider of testProviders) {
  describe(`agent identities and API tokens on ${provider}`, () => {
    const t = useApiTestContext(provider, { tables: ["auditEvent", "agentIdentity", "apiToken"] });
    beforeAll(() => {
      cookie = t.cookies.admin;
    });
    const counts = async () => ({
      identities: await t.current.db.agentIdentity.count(),
      assignments: await t.current.db.agentAssignment.count(),
      tokens: await t.current.db.apiToken.count(),
      audit: await t.current.db.auditEvent.count(),
    });

    it("registers an identity with normalized, de-duplicated assignments and audits it", async () => {
      const response = await createRoute(
        request("/api/agent-identities", "POST", {
          tenantId: TENANT.toUpperCase(),
          principalId: PRINCIPAL,
          displayName: "Contoso agent",
          assignments: [{ organization: "Litware" }, { organization: "litware" }, { clusterUrl: "https://help.westeurope.kusto.windows.net/", database: "Samples" }],
        }),
      );
      expect(response.status).toBe(201);
      const identity = (await response.json()) as { id: string; tenantId: string; assignments: unknown[] };
      expect(identity.tenantId).toBe(TENANT);
      expect(identity.assignments).toEqual([
        { kind: "ado", organization: "litware" },
        { kind: "kusto", clusterUrl: "https://help.westeurope.kusto.windows.net", database: "Samples" },
      ]);
      const audit = await t.current.db.auditEvent.findMany();
      expect(audit).toMatchObject([{ action: "agent_identity.created", targetType: "agent_identity", targetId: identity.id, actorName: "Test admin" }]);
      const list = (await (await listRoute(request("/api/agent-identities"))).json()) as { items: { id: string }[] };
      expect(list.items.map((item) => item.id)).toEqual([identity.id]);
    });

    const badCreates: [string, unknown, string][] = [
      ["a client id shaped like nothing", { tenantId: TENANT, principalId: "agent-identity" }, "principalId"],
      ["a tenant domain", { tenantId: "contoso.example", principalId: PRINCIPAL }, "tenantId"],
      ["a bad organization", { tenantId: TENANT, principalId: PRINCIPAL, assignments: [{ organization: "-litware" }] }, "assignments.0"],
      ["a foreign cluster", { tenantId: TENANT, principalId: PRINCIPAL, assignments: [{ clusterUrl: "https://evil.example.com", database: "db" }] }, "assignments.0"],
      ["an unknown field", { tenantId: TENANT, principalId: PRINCIPAL, clientId: PRINCIPAL }, "clientId"],
    ];
    for (const [name, body, field] of badCreates) {
      it(`answers 422 naming '${field}' for ${name}, and writes nothing`, async () => {
        const response = await createRoute(request("/api/agent-identities", "POST", body));
        expect(response.status).toBe(422);
        const error = (await response.json()) as ErrorBody;
        expect(error.error.fields?.map((f) => f.field).join(",")).toContain(field);
        expect(await counts()).toEqual({ identities: 0, assignments: 0, tokens: 0, audit: 0 });
      });
    }

    it("refuses a second registration of the same identity with 409, and a stale edit", async () => {
      const body = { tenantId: TENANT, principalId: PRINCIPAL, assignments: [{ organization: "litware" }] };
      const first = (await (await createRoute(request("/api/agent-identities", "POST", body))).json()) as { id: string };
      const before = await counts();
      const second = await createRoute(request("/api/agent-identities", "POST", body));
      expect(second.status).toBe(409);
      expect(((await second.json()) as ErrorBody).error.fields?.[0]?.field).toBe("principalId");
      expect(await counts()).toEqual(before);

      const edited = await patchRoute(request(`/api/agent-identities/${first.id}`, "PATCH", { version: 1, assignments: [{ organization: "fabrikam" }] }), params(first.id));
      expect(edited.status).toBe(200);
      expect(((await edited.json()) as { assignments: unknown[] }).assignments).toEqual([{ kind: "ado", organization: "fabrikam" }]);
      const stale = await patchRoute(request(`/api/agent-identities/${first.id}`, "PATCH", { version: 1, assignments: [] }), params(first.id));
      expect(stale.status).toBe(409);
      expect(await t.current.db.agentAssignment.count()).toBe(1);
      expect((await deleteRoute(request(`/api/agent-identities/${first.id}?version=2`, "DELETE"), params(first.id))).status).toBe(204);
      expect(await t.current.db.agentAssignment.count()).toBe(0);
      const actions = (await t.current.db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((event) => event.action);
      expect(actions).toEqual(["agent_identity.created", "agent_identity.updated", "agent_identity.deleted"]);
    });

    it("creates, lists and revokes API tokens; a duplicate name is 409; a reader may do none of it", async () => {
      const created = await createTokenRoute(request("/api/api-tokens", "POST", { name: "ci", scope: "read", expiresInDays: 7 }));
      expect(created.status).toBe(201);
      const { token, apiToken } = (await created.json()) as { token: string; apiToken: { id: string } };
      const duplicate = await createTokenRoute(request("/api/api-tokens", "POST", { name: "ci", scope: "write", expiresInDays: 7 }));
      expect(duplicate.status).toBe(409);
      const tooLong = await createTokenRoute(request("/api/api-tokens", "POST", { name: "x", scope: "write", expiresInDays: 3650 }));
      expect(tooLong.status).toBe(422);
      expect(await t.current.db.apiToken.count()).toBe(1);
      const revoked = await revokeRoute(request(`/api/api-tokens/${apiToken.id}`, "DELETE"), params(apiToken.id));
      expect(((await revoked.json()) as { state: string }).state).toBe("revoked");
      const listed = await (await listTokensRoute(request("/api/api-tokens"))).text();
      expect(listed).not.toContain(token);

      const readerCookie = await sessionCookie(t.current.db, "reader");
      const asReader = new Request("http://localhost/api/api-tokens", { headers: { cookie: readerCookie } });
      expect((await listTokensRoute(asReader)).status).toBe(403);
      expect((await listRoute(new Request("http://localhost/api/agent-identities", { headers: { cookie: readerCookie } }))).status).toBe(403);
      expect((await listRoute(new Request("http://localhost/api/agent-identities"))).status).toBe(401);
    });
  });
}
