// The connectors API against real SQLite and PostgreSQL databases, called the way Next.js
// calls route handlers: with a Request and the route's params.
import { beforeAll, describe, expect, it } from "vitest";
import { useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import { sessionCookie } from "@/lib/testing/sessions";
import { GET as listRoute, POST as createRoute } from "./route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "./[id]/route";

const base = "http://localhost/api/connectors";
let cookie = "";
const json = (method: string, body: unknown, url = base, headers: Record<string, string> = {}) =>
  new Request(url, {
    method,
    headers: { "content-type": "application/json", cookie, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers: { cookie, ...headers } });
const del = (url: string) => new Request(url, { method: "DELETE", headers: { cookie } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; message: string }[]; related?: { href: string; label: string } } };

for (const provider of testProviders) {
  describe(`connectors API on ${provider}`, () => {
    const t = useApiTestContext(provider, { tables: ["auditEvent", "connector", "organization"] });
    beforeAll(() => {
      cookie = t.cookies.admin;
    });

    const counts = async () => ({
      connectors: await t.current.db.connector.count(),
      organizations: await t.current.db.organization.count(),
      audit: await t.current.db.auditEvent.count(),
    });

    it("creates an ADO connector, lists it and records who did it", async () => {
      const created = await createRoute(json("POST", { kind: "ado", organization: "Litware", authMethod: "oauth" }));
      expect(created.status).toBe(201);
      const dto = await created.json();
      // Nobody has signed in yet: not set up (not "not checked yet"), with the reason and the fix.
      expect(dto).toMatchObject({
        kind: "ado",
        organization: "litware",
        displayName: "litware",
        version: 1,
        status: "draft",
        statusReason: { from: "setup", text: "Nobody has signed in to Azure DevOps for this connector yet." },
      });
      expect(dto.pat).toEqual({ configured: false, last4: null, setAt: null, expiresAt: null });

      const list = await (await listRoute(get(`${base}?search=lit`))).json();
      expect(list.items.map((item: { id: string }) => item.id)).toEqual([dto.id]);
      const audit = await t.current.db.auditEvent.findMany();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "connector.created", targetId: dto.id, actorId: "admin-oid" });
    });

    it("refuses a second connector for the same organization, naming the field and linking the existing one, and writes nothing", async () => {
      const first = await (await createRoute(json("POST", { kind: "ado", organization: "litware", authMethod: "pat" }))).json();
      const before = await counts();
      const second = await createRoute(json("POST", { kind: "ado", organization: "LITWARE", authMethod: "oauth" }));
      expect(second.status).toBe(409);
      const body = (await second.json()) as ErrorBody;
      expect(body.error.fields).toEqual([{ field: "organization", message: "litware already has a connector. Open it to change its sign-in method." }]);
      expect(body.error.message).toContain("litware");
      expect(body.error.related).toEqual({ href: `/connectors/${first.id}`, label: "Open litware" });
      expect(await counts()).toEqual(before);
    });

    it("gives exactly one 409 for two simultaneous edits, and keeps the winner's change", async () => {
      const dto = await (await createRoute(json("POST", { kind: "ado", organization: "contention", authMethod: "pat" }))).json();
      const [a, b] = await Promise.all([
        patchRoute(json("PATCH", { version: 1, displayName: "Edit A" }, `${base}/${dto.id}`), params(dto.id)),
        patchRoute(json("PATCH", { version: 1, displayName: "Edit B" }, `${base}/${dto.id}`), params(dto.id)),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = a.status === 200 ? "Edit A" : "Edit B";
      const loser = (a.status === 409 ? a : b).clone();
      expect(((await loser.json()) as ErrorBody).error.code).toBe("version_conflict");
      const after = await (await getRoute(get(`${base}/${dto.id}`), params(dto.id))).json();
      expect(after).toMatchObject({ displayName: winner, version: 2 });
      expect(await t.current.db.auditEvent.count({ where: { action: "connector.updated" } })).toBe(1);
    });

    it("rejects a stale delete and deletes with the current version", async () => {
      const dto = await (await createRoute(json("POST", { kind: "ado", organization: "gone", authMethod: "pat" }))).json();
      await patchRoute(json("PATCH", { version: 1, displayName: "Renamed" }, `${base}/${dto.id}`), params(dto.id));
      expect((await deleteRoute(del(`${base}/${dto.id}?version=1`), params(dto.id))).status).toBe(409);
      expect((await deleteRoute(del(`${base}/${dto.id}?version=2`), params(dto.id))).status).toBe(204);
      expect((await getRoute(get(`${base}/${dto.id}`), params(dto.id))).status).toBe(404);
    });

    const badCreates: [string, unknown, string][] = [
      ["a wrong type", { kind: "ado", organization: 42, authMethod: "pat" }, "organization"],
      ["an unknown field", { kind: "ado", organization: "ok", authMethod: "pat", pat: "x" }, "pat"],
      ["an unknown method", { kind: "ado", organization: "ok", authMethod: "password" }, "authMethod"],
      ["an oversized name", { kind: "ado", organization: "a".repeat(51), authMethod: "pat" }, "organization"],
      ["a path in the organization", { kind: "ado", organization: "../etc/passwd", authMethod: "pat" }, "organization"],
      ["markup in the organization", { kind: "ado", organization: "<script>alert(1)</script>", authMethod: "pat" }, "organization"],
      ["a trailing hyphen", { kind: "ado", organization: "litware-", authMethod: "pat" }, "organization"],
      ["a non-GUID tenant", { kind: "ado", organization: "ok", authMethod: "mi_fic", targetTenantId: "litware.com" }, "targetTenantId"],
      ["an http cluster", { kind: "kusto", clusterUrl: "http://x.westeurope.kusto.windows.net", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      ["a foreign cluster host", { kind: "kusto", clusterUrl: "https://evil.example.com", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      ["a look-alike cluster host", { kind: "kusto", clusterUrl: "https://x.kusto.windows.net.evil.example", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      // The outbound allow-list refuses every call to an Azure cluster with a port, so it is refused here too.
      ["a port on an Azure cluster", { kind: "kusto", clusterUrl: "https://x.kusto.windows.net:8643", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      ["a port on a Fabric cluster", { kind: "kusto", clusterUrl: "https://x.z1.kusto.fabric.microsoft.com:1", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      ["credentials in the cluster URL", { kind: "kusto", clusterUrl: "https://u:p@x.kusto.windows.net", database: "db", authMethod: "mi_fic" }, "clusterUrl"],
      ["a PAT for Kusto", { kind: "kusto", clusterUrl: "https://x.westeurope.kusto.windows.net", database: "db", authMethod: "pat" }, "authMethod"],
      ["a missing kind", { organization: "ok", authMethod: "pat" }, "kind"],
    ];
    for (const [name, body, field] of badCreates) {
      it(`answers 422 naming '${field}' for ${name}, and stores nothing`, async () => {
        const response = await createRoute(json("POST", body));
        expect(response.status).toBe(422);
        const error = (await response.json()) as ErrorBody;
        expect(error.error.fields?.map((f) => f.field).join(",")).toContain(field);
        expect(error.error.message).toContain(field);
        expect(await counts()).toEqual({ connectors: 0, organizations: 0, audit: 0 });
      });
    }

    it("answers 4xx for a body that is not JSON, too large, or sent as a form", async () => {
      expect((await createRoute(json("POST", "{not json"))).status).toBe(422);
      expect((await createRoute(json("POST", { kind: "ado", organization: "x".repeat(70_000), authMethod: "pat" }))).status).toBe(413);
      const form = new Request(base, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie }, body: "kind=ado" });
      const formResponse = await createRoute(form);
      expect(formResponse.status).toBe(422);
      expect(((await formResponse.json()) as ErrorBody).error.fields?.[0]?.field).toBe("body");
      expect(await counts()).toEqual({ connectors: 0, organizations: 0, audit: 0 });
    });

    it("answers 422 for a bad update, 404 for an unknown id, and changes nothing", async () => {
      const dto = await (await createRoute(json("POST", { kind: "ado", organization: "stable", authMethod: "pat" }))).json();
      const bad = await patchRoute(json("PATCH", { version: "1", displayName: "" }, `${base}/${dto.id}`), params(dto.id));
      expect(bad.status).toBe(422);
      const fields = ((await bad.json()) as ErrorBody).error.fields?.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(["version", "displayName"]));
      expect((await patchRoute(json("PATCH", { version: 1 }, `${base}/nope`), params("nope"))).status).toBe(404);
      const after = await (await getRoute(get(`${base}/${dto.id}`), params(dto.id))).json();
      expect(after).toMatchObject({ displayName: "stable", version: 1 });
    });

    it("answers 422 for a bad list query", async () => {
      const response = await listRoute(get(`${base}?status=sideways&take=9999&x=1`));
      expect(response.status).toBe(422);
      const fields = ((await response.json()) as ErrorBody).error.fields?.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(["status", "take"]));
    });

    describe("who may call it", () => {
      const create = (headers: Record<string, string>) => createRoute(json("POST", { kind: "ado", organization: "guarded", authMethod: "pat" }, base, headers));

      it("refuses a caller with no session (401), a forged or expired session (401), and a reader (403)", async () => {
        expect((await create({ cookie: "" })).status).toBe(401);
        expect((await create({ cookie: "tb_session=forged-token-value" })).status).toBe(401);
        expect((await create({ cookie: `${cookie}x` })).status).toBe(401);
        const expired = await sessionCookie(t.current.db, "admin", -1);
        expect((await create({ cookie: expired })).status).toBe(401);
        const reader = await sessionCookie(t.current.db, "reader");
        const refused = await create({ cookie: reader });
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as ErrorBody).error.message).toMatch(/role/);
        expect((await listRoute(get(base, { cookie: reader }))).status).toBe(200);
        expect(await counts()).toEqual({ connectors: 0, organizations: 0, audit: 0 });
      });

      it("refuses a write from another origin", async () => {
        const response = await create({ origin: "https://evil.example" });
        expect(response.status).toBe(403);
        expect(await counts()).toEqual({ connectors: 0, organizations: 0, audit: 0 });
      });
    });
  });
}
