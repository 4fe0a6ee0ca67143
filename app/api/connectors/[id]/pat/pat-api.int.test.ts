// PUT/DELETE /api/connectors/[id]/pat against the sandbox's Azure DevOps and real databases.
// The PAT is a canary: it must not come back in any response, the connector API or the audit table.
import { describe, expect, it } from "vitest";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { USER } from "@/sandbox/world/default/ids";
import { cloneWorld } from "@/sandbox/testing/test-sandbox";
import { readPat } from "@/lib/server/connectors/connector-secrets";
import { createAdoConnector, useSandboxEnvironment } from "@/lib/server/oauth/testing/oauth-harness";
import { sessionCookie } from "@/lib/testing/sessions";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import { GET as getConnector } from "../route";
import { DELETE as deletePat, PUT as putPat } from "./route";

const sandbox = sandboxForFile(useSandboxEnvironment);

const base = "http://localhost:3000/api/connectors";
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const put = (id: string, cookie: string, body: unknown) =>
  putPat(new Request(`${base}/${id}/pat`, { method: "PUT", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }), params(id));

for (const provider of testProviders) {
  describe(`PAT API on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, tables: ["auditEvent", "connector", "organization"] });

    const auditDump = async () => JSON.stringify(await t.current.db.auditEvent.findMany());

    it("validates a PAT against the organization, stores it encrypted and never returns it", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware", "pat");
      const pat = ADO_PATS.devCodeAndWork;
      const response = await put(id, t.cookies.admin, { pat, expiresAt: "2099-12-30", version: 1 });
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(JSON.parse(text)).toEqual({
        configured: true,
        last4: pat.slice(-4),
        setAt: expect.any(String),
        expiresAt: "2099-12-30T23:59:59.999Z",
        authenticatedAs: USER.litwareDev.upn,
      });
      expect(text).not.toContain(pat);
      expect(await readPat(db, id)).toEqual({ pat, expiresAt: new Date("2099-12-30T23:59:59.999Z") });
      const stored = await db.connector.findUniqueOrThrow({ where: { id }, select: { patCiphertext: true } });
      expect(stored.patCiphertext).not.toContain(pat);

      const dto = await (await getConnector(new Request(`${base}/${id}`, { headers: { cookie: t.cookies.admin } }), params(id))).text();
      expect(dto).not.toContain(pat);
      expect(JSON.parse(dto).pat).toMatchObject({ configured: true, last4: pat.slice(-4) });

      const audit = await auditDump();
      expect(audit).toContain("connector.pat_saved");
      expect(audit).toContain(USER.litwareDev.upn);
      expect(audit).not.toContain(pat);
      expect(audit).not.toContain(pat.slice(0, 12));
    });

    it.each([
      ["expired", ADO_PATS.devExpired],
      ["revoked", ADO_PATS.devRevoked],
      ["unknown", "not-a-real-pat-for-litware-canary"],
    ])("refuses a %s PAT with 422 on field pat, the cause and the fix, and stores nothing", async (_kind, pat) => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware", "pat");
      const response = await put(id, t.cookies.admin, { pat, version: 1 });
      const text = await response.text();
      expect(response.status).toBe(422);
      const body = JSON.parse(text) as { error: { fields: { field: string; message: string }[]; hint: string } };
      expect(body.error.fields).toEqual([{ field: "pat", message: expect.stringContaining("refused this PAT for organization 'litware'") }]);
      expect(body.error.hint).toContain("Create a new PAT for organization 'litware'");
      expect(body.error.hint).toContain("Code (Read)");
      expect(text).not.toContain(pat);
      expect(await readPat(db, id)).toBeNull();
      expect(await db.auditEvent.count()).toBe(0);
    });

    it("refuses a PAT without the Code (Read) scope, naming the scope", async () => {
      const { db } = t.current;
      const world = cloneWorld(sandbox);
      const pat = "sandbox-pat-dev-litware-work-only-5d21aa";
      world.ado.organizations
        .find((org) => org.name === "litware")!
        .pats.push({ token: pat, ownerId: USER.litwareDev.oid, displayName: "work items only", scopes: ["vso.work"], validTo: "2099-12-31T00:00:00Z", revoked: false });
      sandbox.loadWorld(world);
      const id = await createAdoConnector(db, "litware", "pat");
      const response = await put(id, t.cookies.admin, { pat, version: 1 });
      const text = await response.text();
      expect(response.status).toBe(422);
      expect(text).toContain("lacks the Code (Read) scope (vso.code)");
      expect(text).not.toContain(pat);
      expect(await readPat(db, id)).toBeNull();
    });

    it("refuses a reader (403) and unknown or oversized fields (422) without storing anything", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware", "pat");
      const reader = await put(id, await sessionCookie(db, "reader"), { pat: ADO_PATS.devCodeAndWork, version: 1 });
      expect(reader.status).toBe(403);
      expect(await reader.text()).not.toContain(ADO_PATS.devCodeAndWork);
      expect((await put(id, t.cookies.admin, { pat: ADO_PATS.devCodeAndWork, version: 1, owner: "x" })).status).toBe(422);
      const huge = await put(id, t.cookies.admin, { pat: "x".repeat(1025), version: 1 });
      expect(huge.status).toBe(422);
      expect(await huge.text()).toContain("at most 1024 characters");
      expect((await put(id, t.cookies.admin, { pat: ADO_PATS.devCodeAndWork, expiresAt: "2001-01-01", version: 1 })).status).toBe(422);
      expect(await readPat(db, id)).toBeNull();
    });

    it("replaces a PAT (PUT again with the new version), then removes it", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware", "pat");
      expect((await put(id, t.cookies.admin, { pat: ADO_PATS.devCodeAndWork, version: 1 })).status).toBe(200);
      expect((await put(id, t.cookies.admin, { pat: ADO_PATS.devCodeOnly, version: 1 })).status).toBe(409);
      const replaced = await put(id, t.cookies.admin, { pat: ADO_PATS.devCodeOnly, version: 2 });
      expect(await replaced.json()).toMatchObject({ last4: ADO_PATS.devCodeOnly.slice(-4), expiresAt: null });
      expect((await readPat(db, id))?.pat).toBe(ADO_PATS.devCodeOnly);

      const removed = await deletePat(new Request(`${base}/${id}/pat?version=3`, { method: "DELETE", headers: { cookie: t.cookies.admin } }), params(id));
      expect(removed.status).toBe(200);
      expect(await readPat(db, id)).toBeNull();
      const actions = (await db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((event) => event.action);
      expect(actions).toEqual(["connector.pat_saved", "connector.pat_replaced", "connector.pat_removed"]);
      expect(await auditDump()).not.toContain(ADO_PATS.devCodeOnly);
    });
  });
}
