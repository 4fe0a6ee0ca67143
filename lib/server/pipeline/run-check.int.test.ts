// The chain test hop by hop against the sandbox cloud (real @azure/identity, msal-node, HTTPS)
// and real SQLite and PostgreSQL databases: the working Litware setup, each broken setup of the
// default world failing at the right hop with the right cause and fix, and the fixes replayed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { openAuthorize, pickAccount } from "@/sandbox/testing/drive-picker";
import { admin, cloneWorld, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { ADO_PATS } from "@/sandbox/world/default/ado";
import { AGENT_IDENTITY, CONNECTOR_APP, TENANT, USER, WRONG_SUBJECT_APP, WRONG_TENANT_APP } from "@/sandbox/world/default/ids";
import { setOauthCache, setPat } from "@/lib/server/connectors/connector-secrets";
import { keyRing } from "@/lib/server/crypto/load-key-ring";
import { msalCache } from "@/lib/server/crypto/test-connectors";
import { testKey, testRing } from "@/lib/server/crypto/test-keys";
import { setDbForTests } from "@/lib/server/db/client";
import { sessionCookie } from "@/lib/testing/sessions";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { signInThroughSandbox } from "@/lib/server/oauth/testing/oauth-harness";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { adoConnector, countRequests, JWT_PATTERN, kustoConnector, miFic, usePortalEnvironment } from "./testing/chain-sandbox";
import { runChainTest } from "./run-check";
import { forgetBrokerTokens } from "@/lib/server/broker/testing/forget-broker-tokens";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const statuses = (run: ValidationRunDto) => run.checks.map((check) => `${check.key}:${check.status}`);
const operator = { id: "admin-oid", name: "Test admin" };

/** Where the admin of `tenant` accepts the admin consent link, as in a browser. */
async function adminConsent(link: string, upn: string): Promise<void> {
  const picker = await openAuthorize(link);
  if (picker.kind !== "page") throw new Error("expected the account picker");
  const done = await pickAccount(link, picker.html, upn);
  if (done.kind !== "page" || done.status !== 200) throw new Error(`admin consent did not complete: ${JSON.stringify(done).slice(0, 300)}`);
}

for (const provider of testProviders) {
  describe(`chain test on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeAll(() => setDbForTests(t.current.db));
    beforeEach(async () => {
      await admin(sandbox, "POST", "/reset");
      await forgetBrokerTokens(t.current.db);
      await t.current.db.auditEvent.deleteMany();
      await t.current.db.connector.deleteMany();
      await t.current.db.organization.deleteMany();
    });

    it("passes every hop for Litware's ADO with MI + FIC, showing the token's iss, sub and aud but never a token", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      const run = await runChainTest(db, id, "manual", { operator });
      expect(run.outcome).toBe("pass");
      expect(statuses(run)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:pass"]);
      const [mi, exchange, ado] = run.checks;
      expect(mi!.label).toBe("Managed identity token for api://AzureADTokenExchange");
      expect(mi!.detail).toContain(`Issuer: ${sandbox.origin}/${TENANT.contoso}/v2.0 (the agent tenant's issuer)`);
      expect(mi!.detail).toContain(`Subject: ${AGENT_IDENTITY.principalId} (matches the configured principal id)`);
      expect(mi!.detail).toContain("Audience: api://AzureADTokenExchange");
      expect(exchange!.detail).toContain(`service principal ${CONNECTOR_APP.spLitware} of app ${CONNECTOR_APP.appId}`);
      expect(ado!.detail).toMatch(/knows the caller as TenantBridge Connector/);
      expect(ado!.detail).toContain("Projects it can read: 1 (Payments)");
      for (const check of run.checks) expect(check.durationMs).toBeGreaterThanOrEqual(0);

      const stored = await db.connector.findUniqueOrThrow({ where: { id } });
      expect(stored).toMatchObject({ status: "healthy", version: 1 });
      expect(stored.lastCheckedAt).not.toBeNull();
      const audit = await db.auditEvent.findMany({ where: { action: "connector.tested" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorId: "admin-oid", targetId: id });
      expect(audit[0]!.summary).toMatch(/every check passed/);
      const rows = await db.validationRun.findMany();
      for (const value of [run, rows, audit]) expect(JSON.stringify(value)).not.toMatch(JWT_PATTERN);
    });

    it("passes for Litware's Telemetry database with the viewer role and the probe's row count", async () => {
      const { db } = t.current;
      const run = await runChainTest(db, await kustoConnector(db, sandbox, "Telemetry"), "manual");
      expect(statuses(run)).toEqual(["mi-token:pass", "exchange:pass", "kusto-call:pass"]);
      expect(run.checks[2]!.detail).toContain("Role on database Telemetry: Viewer");
      expect(run.checks[2]!.detail).toContain("returned 1 row");
      expect((await db.auditEvent.findFirstOrThrow()).actorId).toBe("system");
    });

    it("fails the Billing database at the Kusto hop with the exact viewer grant, which works when replayed", async () => {
      const { db } = t.current;
      const id = await kustoConnector(db, sandbox, "Billing");
      const run = await runChainTest(db, id, "manual");
      expect(statuses(run)).toEqual(["mi-token:pass", "exchange:pass", "kusto-call:fail"]);
      const grant = `.add database Billing viewers ('aadapp=${CONNECTOR_APP.appId};${TENANT.litware}')`;
      expect(run.checks[2]).toMatchObject({ code: "HTTP 403", expected: "Database Viewer (or better) on Billing" });
      expect(run.checks[2]!.fix).toContain(grant);
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("failing");

      // The Litware admin runs the command the portal showed, as the cluster's admin would.
      const world = cloneWorld(sandbox);
      world.kusto.clusters[0]!.databases.find((database) => database.name === "Billing")!.principals.push({
        role: "viewers",
        fqn: `aadapp=${CONNECTOR_APP.appId};${TENANT.litware}`,
        displayName: "TenantBridge Connector",
      });
      sandbox.loadWorld(world);
      expect((await runChainTest(db, id, "manual")).outcome).toBe("pass");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("healthy");
    });

    it("answers 'not found' for a connector deleted while its test runs, stores nothing and writes no audit event", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "litware");
      // The ADO call is slowed, so the connector is gone well before the run is stored.
      await admin(sandbox, "POST", "/faults", { path: "/ado/", latencyMs: 800 });
      let deleted: Promise<unknown> | undefined;
      const attempt = runChainTest(db, id, "manual", {
        operator,
        onHop: (_check, position) => {
          // A Prisma query runs once something waits for it: start it now.
          if (position === 0) deleted = db.connector.delete({ where: { id } }).then(() => undefined);
        },
      });
      await expect(attempt).rejects.toMatchObject({ code: "not_found", message: "The connector was not found." });
      await admin(sandbox, "DELETE", "/faults");
      await deleted;
      expect(await db.validationRun.count({ where: { connectorId: id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { action: "connector.tested", targetId: id } })).toBe(0);
    });

    it("fails Fabrikam at the exchange with AADSTS700016 and the consent link; after consent the next hop names what is left", async () => {
      const { db } = t.current;
      const id = await adoConnector(db, "fabrikam", miFic(CONNECTOR_APP.appId, TENANT.fabrikam));
      const first = await runChainTest(db, id, "manual");
      expect(statuses(first)).toEqual(["mi-token:pass", "exchange:fail", "ado-call:skipped"]);
      const exchange = first.checks[1]!;
      expect(exchange.code).toBe("AADSTS700016");
      expect(exchange.link?.href).toBe(`${sandbox.origin}/${TENANT.fabrikam}/adminconsent?client_id=${CONNECTOR_APP.appId}`);
      expect(exchange.expected).toContain(TENANT.fabrikam);
      expect(exchange.traceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(first.checks[2]!.cause).toBe("Skipped because “Exchange in the target tenant for Azure DevOps” did not pass.");

      await adminConsent(exchange.link!.href, USER.fabrikamAdmin.upn);
      const second = await runChainTest(db, id, "manual");
      expect(statuses(second)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:fail"]);
      const ado = second.checks[2]!;
      expect(ado.code).toBe("TF401444");
      const spFabrikam = /service principal ([0-9a-f-]{36})/.exec(second.checks[1]!.detail!)![1]!;
      expect(ado.fix).toContain(spFabrikam);
      expect(ado.fix).toMatch(/Basic/);

      // Fabrikam's admin adds the service principal to the organization and the Storefront project.
      const world = cloneWorld(sandbox);
      const org = world.ado.organizations.find((candidate) => candidate.name === "fabrikam")!;
      org.members.push({ principalId: spFabrikam, kind: "servicePrincipal", displayName: "TenantBridge Connector", accessLevel: "basic" });
      org.projects[0]!.groups.readers.push(spFabrikam);
      sandbox.loadWorld(world);
      const third = await runChainTest(db, id, "manual");
      expect(third.outcome).toBe("pass");
      expect(third.checks[2]!.detail).toContain("Storefront");
    });

    it("fails the app registered in the wrong tenant with AADSTS700236, expected next to configured", async () => {
      const { db } = t.current;
      const run = await runChainTest(db, await adoConnector(db, "litware", miFic(WRONG_TENANT_APP.appId, TENANT.litware)), "manual");
      expect(statuses(run)).toEqual(["mi-token:pass", "exchange:fail", "ado-call:skipped"]);
      expect(run.checks[1]).toMatchObject({
        code: "AADSTS700236",
        title: "The app is registered in the wrong tenant",
        expected: `App registered in the agent tenant ${TENANT.contoso}`,
        configured: `App ${WRONG_TENANT_APP.appId}, registered in another tenant`,
      });
    });

    it("fails the FIC whose subject is the client id with AADSTS700213, showing the principal id", async () => {
      const { db } = t.current;
      const run = await runChainTest(db, await adoConnector(db, "litware", miFic(WRONG_SUBJECT_APP.appId, TENANT.litware)), "manual");
      expect(run.checks[1]).toMatchObject({ status: "fail", code: "AADSTS700213", expected: `subject = ${AGENT_IDENTITY.principalId}` });
      expect(run.checks[1]!.configured).toMatch(/client id/);
      expect(run.checks[1]!.raw).toContain(`presented assertion subject '${AGENT_IDENTITY.principalId}'`);
    });

    it("fails at the ADO hop with TF401444 when the identity is not a user of the organization", async () => {
      const { db } = t.current;
      const world = cloneWorld(sandbox);
      const litware = world.ado.organizations.find((candidate) => candidate.name === "litware")!;
      litware.members = litware.members.filter((member) => member.principalId !== CONNECTOR_APP.spLitware);
      sandbox.loadWorld(world);
      const run = await runChainTest(db, await adoConnector(db, "litware"), "manual");
      expect(statuses(run)).toEqual(["mi-token:pass", "exchange:pass", "ado-call:fail"]);
      expect(run.checks[2]).toMatchObject({ code: "TF401444", title: "The identity is not a user of the organization" });
      expect(run.checks[2]!.fix).toContain(`object id ${CONNECTOR_APP.spLitware}`);
    });

    it("fails hop 1 when the configured principal id is not the identity's", async () => {
      const { db } = t.current;
      const settings = { ...miFic(CONNECTOR_APP.appId, TENANT.litware), miPrincipalId: AGENT_IDENTITY.clientId };
      const run = await runChainTest(db, await adoConnector(db, "litware", settings), "manual");
      expect(statuses(run)).toEqual(["mi-token:fail", "exchange:skipped", "ado-call:skipped"]);
      expect(run.checks[0]).toMatchObject({ code: "mi_subject_mismatch", configured: `principal id = ${AGENT_IDENTITY.clientId}` });
      expect(run.checks[0]!.expected).toContain(AGENT_IDENTITY.principalId);
    });

    it("explains a same-tenant managed identity refused by a cluster in another tenant", async () => {
      const { db } = t.current;
      const id = await kustoConnector(db, sandbox, "Telemetry");
      await db.connector.update({ where: { id }, data: { authMethod: "managed_identity" } });
      const run = await runChainTest(db, id, "manual");
      expect(statuses(run)).toEqual(["mi-token:pass", "kusto-call:fail"]);
      expect(run.checks[0]!.detail).toContain(`in tenant ${TENANT.contoso}`);
      expect(run.checks[1]).toMatchObject({ code: "HTTP 401", title: "The Kusto cluster did not accept the token" });
      expect(run.checks[1]!.raw).toMatch(/not the cluster's tenant/);
    });

    describe("PAT", () => {
      const patConnector = async (pat: string, expiresAt?: Date) => {
        const { db } = t.current;
        const id = await adoConnector(t.current.db, "litware", { authMethod: "pat" });
        await setPat(db, id, { pat, expiresAt: expiresAt ?? null });
        return id;
      };
      const everything = async (db: typeof t.current.db) => JSON.stringify([await db.validationRun.findMany(), await db.auditEvent.findMany()]);

      it("passes with a valid PAT and shows who it authenticates as, never the PAT", async () => {
        const { db } = t.current;
        const run = await runChainTest(db, await patConnector(ADO_PATS.devCodeAndWork, new Date("2099-01-01")), "manual");
        expect(statuses(run)).toEqual(["pat-configured:pass", "ado-call:pass", "ado-projects:pass"]);
        expect(run.checks[0]!.detail).toBe("A PAT is configured. It expires on 2099-01-01.");
        expect(run.checks[1]!.detail).toContain(USER.litwareDev.upn);
        expect(run.checks[2]!.detail).toContain("Repositories it can read: 2 (payments-api, payments-web)");
        for (const text of [JSON.stringify(run), await everything(db)]) {
          expect(text).not.toContain(ADO_PATS.devCodeAndWork);
          expect(text).not.toContain(Buffer.from(`:${ADO_PATS.devCodeAndWork}`).toString("base64"));
        }
      });

      it("fails at the call when Azure DevOps says the PAT expired, and at the first hop when its date is past", async () => {
        const { db } = t.current;
        const refused = await runChainTest(db, await patConnector(ADO_PATS.devExpired), "manual");
        expect(statuses(refused)).toEqual(["pat-configured:pass", "ado-call:fail", "ado-projects:skipped"]);
        expect(refused.checks[1]!.cause).toBe("The PAT is invalid, expired or revoked, or it belongs to another organization.");
        await db.connector.deleteMany();

        const dated = await runChainTest(db, await patConnector(ADO_PATS.devExpired, new Date("2024-06-30")), "manual");
        expect(statuses(dated)).toEqual(["pat-configured:fail", "ado-call:skipped", "ado-projects:skipped"]);
        expect(dated.checks[0]).toMatchObject({ code: "pat_expired", configured: "Expired 2024-06-30" });
        expect(await everything(db)).not.toContain(ADO_PATS.devExpired);
      });

      it("fails a revoked or unknown PAT at the call", async () => {
        const { db } = t.current;
        for (const pat of [ADO_PATS.devRevoked, "not-a-real-pat-value-123456"]) {
          await db.connector.deleteMany();
          const run = await runChainTest(db, await patConnector(pat), "manual");
          expect(run.checks[1]).toMatchObject({ status: "fail", title: "Azure DevOps did not accept the PAT" });
          expect(await everything(db)).not.toContain(pat);
        }
      });
    });

    describe("OAuth", () => {
      const lifetimes = (body: Record<string, number>) => admin(sandbox, "PUT", "/token-lifetimes", body);

      it("passes for a signed-in Litware account, then reports a lapsed sign-in as needs_signin", async () => {
        const { db } = t.current;
        const cookie = await sessionCookie(db, "admin");
        // The access token outlives the ADO calls but enters the 5-minute refresh window after
        // ~5 s; the refresh token (15 s: room for sign-in and the first run on a busy machine) has
        // expired by the second run, so it finds a lapsed sign-in.
        await lifetimes({ accessTokenSeconds: 305, refreshTokenSeconds: 15 });
        const id = await adoConnector(db, "litware", { authMethod: "oauth" });
        await signInThroughSandbox(id, cookie, USER.litwareDev.upn);
        const run = await runChainTest(db, id, "manual");
        expect(statuses(run)).toEqual(["oauth-token:pass", "ado-call:pass", "ado-projects:pass"]);
        expect(run.checks[0]!.detail).toContain(`Account ${USER.litwareDev.upn}`);
        expect(run.checks[1]!.detail).toContain(`tenant ${TENANT.litware}`);
        expect(JSON.stringify(run)).not.toMatch(JWT_PATTERN);
        expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("healthy");

        await new Promise((resolve) => setTimeout(resolve, 15_500));
        const lapsed = await runChainTest(db, id, "schedule");
        expect(statuses(lapsed)).toEqual(["oauth-token:fail", "ado-call:skipped", "ado-projects:skipped"]);
        expect(lapsed.checks[0]).toMatchObject({ code: "sign_in_lapsed", title: "The sign-in has lapsed" });
        expect(lapsed.checks[0]!.fix).toMatch(/^Sign in again/);
        expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("needs_signin");
      });

      it("reports a token cache that does not decrypt as the portal's key problem, not as Entra's, and asks Entra nothing", async () => {
        const { db } = t.current;
        const id = await adoConnector(db, "litware", { authMethod: "oauth" });
        // The ring's current key id with other bytes: what a mistyped TB_ENCRYPTION_KEYS looks like.
        const impostor = testRing(testKey(keyRing().current.id));
        await setOauthCache(db, id, { serializedCache: msalCache("rt-unreadable"), account: USER.litwareDev.upn, tenantId: TENANT.litware }, impostor);
        const tokenRequests = await countRequests(sandbox, "oauth2/v2.0/token$");
        const run = await runChainTest(db, id, "manual");
        expect(statuses(run)).toEqual(["oauth-token:fail", "ado-call:skipped", "ado-projects:skipped"]);
        expect(run.checks[0]).toMatchObject({ code: "secret_authentication_failed", title: "TenantBridge could not decrypt the stored secret" });
        expect(JSON.stringify(run.checks[0])).not.toMatch(/Entra ID refused/);
        expect(await tokenRequests()).toBe(0);
      });
    });
  });
}
