// POST /api/connectors/[id]/test and GET /api/connectors/[id]/runs, called as Next.js calls
// route handlers, against the sandbox cloud and real databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { setPat } from "@/lib/server/connectors/connector-secrets";
import { setDbForTests } from "@/lib/server/db/client";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";
import { CHAIN_TESTS_PER_MINUTE, resetChainTestRateLimit } from "@/lib/server/chain/chain-test-rate-limit";
import { adoConnector, JWT_PATTERN, usePortalEnvironment } from "@/lib/server/chain/testing/chain-sandbox";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { POST as testRoute } from "./route";
import { GET as runsRoute } from "../runs/route";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const base = "http://localhost/api/connectors";
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (id: string, cookie: string, headers: Record<string, string> = {}) =>
  testRoute(new Request(`${base}/${id}/test`, { method: "POST", headers: { cookie, ...headers } }), params(id));
const runs = (id: string, cookie: string, query = "") => runsRoute(new Request(`${base}/${id}/runs${query}`, { headers: { cookie } }), params(id));

for (const provider of testProviders) {
  describe(`chain test API on ${provider}`, () => {
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
      await forgetBrokerTokens(t.current.db);
      await resetChainTestRateLimit(t.current.db);
      await t.current.db.auditEvent.deleteMany();
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
    });

    it("runs the test for an admin and lists the runs, newest first, to a reader", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await post(id, adminCookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const run = (await response.json()) as ValidationRunDto;
      expect(run).toMatchObject({ connectorId: id, trigger: "manual", outcome: "pass" });
      expect(run.checks.map((check) => check.key)).toEqual(["mi-token", "exchange", "ado-call"]);
      await post(id, adminCookie);

      const list = await runs(id, readerCookie, "?take=1");
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as { items: ValidationRunDto[] };
      expect(items).toHaveLength(1);
      expect(items[0]!.id).not.toBe(run.id);
      expect(items[0]!.checks).toHaveLength(3);
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "connector.tested" } });
      expect(audit.map((event) => event.actorId)).toEqual(["admin-oid", "admin-oid"]);
    });

    it("refuses a reader, a signed-out caller and another origin, and answers 404 for an unknown connector", async () => {
      const id = await adoConnector(t.current.db, "litware");
      expect((await post(id, readerCookie)).status).toBe(403);
      expect((await post(id, "")).status).toBe(401);
      expect((await post(id, adminCookie, { origin: "https://evil.example" })).status).toBe(403);
      expect((await post("nope", adminCookie)).status).toBe(404);
      expect((await runs("nope", readerCookie)).status).toBe(404);
      expect((await runs(id, "")).status).toBe(401);
      expect(await t.current.db.validationRun.count()).toBe(0);
    });

    it("names the field of a bad take", async () => {
      const id = await adoConnector(t.current.db, "litware");
      const response = await runs(id, readerCookie, "?take=500");
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe("take");
      expect((await runs(id, readerCookie, "?order=asc")).status).toBe(422);
    });

    it(`answers 429 with Retry-After after ${CHAIN_TESTS_PER_MINUTE} tests of one connector in a minute`, async () => {
      const id = await adoConnector(t.current.db, "litware");
      const other = await adoConnector(t.current.db, "fabrikam");
      for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) expect((await post(id, adminCookie)).status).toBe(200);
      const limited = await post(id, adminCookie);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
      expect((await post(other, adminCookie)).status).toBe(200);
      expect(await t.current.db.validationRun.count({ where: { connectorId: id } })).toBe(CHAIN_TESTS_PER_MINUTE);
    });

    it("never answers the PAT or a token", async () => {
      const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
      await setPat(t.current.db, id, { pat: ADO_PATS.devCodeAndWork });
      const text = await (await post(id, adminCookie)).text();
      const listed = await (await runs(id, readerCookie)).text();
      for (const body of [text, listed]) {
        expect(body).toContain("pat-configured");
        expect(body).not.toContain(ADO_PATS.devCodeAndWork);
        expect(body).not.toMatch(JWT_PATTERN);
      }
    });
  });
}
