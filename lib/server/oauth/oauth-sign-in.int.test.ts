// The OAuth connector flow end to end against the sandbox cloud with the real msal-node: the
// popup's pages are driven with fetch like a browser, then the portal's own route handlers run.
import { describe, expect, it } from "vitest";
import { TENANT, USER } from "@/sandbox/world/default/ids";
import { admin, cloneWorld } from "@/sandbox/testing/test-sandbox";
import { readOauthCache } from "@/lib/server/connectors/connector-secrets";
import { AppError } from "@/lib/server/errors";
import { sessionCookie } from "@/lib/testing/sessions";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { testProviders } from "@/lib/testing/test-db";
import { rejection } from "@/lib/testing/rejection";
import {
  attemptSignInThroughSandbox,
  authorizeThroughSandbox,
  cacheSecrets,
  callback,
  createAdoConnector,
  PORTAL_ORIGIN,
  signInThroughSandbox,
  startSignIn,
  useSandboxEnvironment,
} from "./testing/oauth-harness";
import { getOauthAccessToken, REFRESH_BUFFER_MS } from "./get-oauth-access-token";
import { StoredCachePlugin } from "./stored-cache-plugin";

const sandbox = sandboxForFile(useSandboxEnvironment);

const lifetimes = (body: Record<string, number>) => admin(sandbox, "PUT", "/token-lifetimes", body);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The access token lifetime to sign in with when a test needs the server to refresh next: the
 * callback shows the sign-in's token to Azure DevOps right after redeeming the code, so it must
 * still be good then however slow the machine (a lifetime of a second or two is not: the sandbox's
 * `exp` is a whole second, so such a token can lapse within milliseconds), yet it is within
 * REFRESH_BUFFER_MS of its expiry, so the next use refreshes it.
 */
const REFRESH_DUE_SECONDS = REFRESH_BUFFER_MS / 1000 / 2;

/** Refresh grants the sandbox answered since its tally was last cleared, for Azure DevOps' scope. */
async function adoRefreshGrants(): Promise<number> {
  const { tokenRequests } = (await (await admin(sandbox, "GET", "/token-requests")).json()) as { tokenRequests: { grantType: string; scope: string; count: number }[] };
  return tokenRequests.filter((entry) => entry.grantType === "refresh_token" && entry.scope.includes("499b84ac-1321-427f-aa17-267ca6975798")).reduce((sum, entry) => sum + entry.count, 0);
}

/** Calls ADO as the token's user: proves a token is real and accepted by the organization. */
async function whoAmI(accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.origin}/ado/litware/_apis/connectionData?api-version=7.1-preview`, {
    headers: { authorization: `Bearer ${accessToken}`, "x-tfs-fedauthredirect": "Suppress" },
  });
  return response.status;
}

/** Asks ADO with the token until it refuses it (it has expired), or fails after `withinMs`. */
async function untilExpired(accessToken: string, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const status = await whoAmI(accessToken);
    if (status === 401) return;
    if (Date.now() > deadline) throw new Error(`Azure DevOps still answers ${status} to the token after ${withinMs} ms`);
    await sleep(100);
  }
}

for (const provider of testProviders) {
  describe(`OAuth sign-in for a connector on ${provider}`, () => {
    const t = useApiTestContext(provider, { sandbox, tables: ["auditEvent", "oAuthFlow", "connector", "organization"] });

    it("signs in Litware's developer from another tenant, stores the cache encrypted and never shows a token", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      const outcome = await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);

      expect(outcome.message).toEqual({
        type: "tenantbridge.oauth-result",
        flowId: outcome.flowId,
        outcome: "connected",
        account: USER.litwareDev.upn,
        tenantId: TENANT.litware,
        tenantName: "Litware",
        organization: "litware",
      });
      // Posted to the portal's origin only, then the flow cookie is cleared.
      expect(outcome.html).toContain(`var target = "${PORTAL_ORIGIN}";`);
      expect(outcome.setCookie).toMatch(/tb_oauth_flow=;.*Max-Age=0/);

      const row = await db.connector.findUniqueOrThrow({ where: { id }, select: { oauthCacheCiphertext: true, oauthAccount: true, oauthTenantId: true, oauthSetAt: true, organization: true } });
      expect(row).toMatchObject({ oauthAccount: USER.litwareDev.upn, oauthTenantId: TENANT.litware });
      expect(row.organization?.targetTenantId).toBe(TENANT.litware);
      expect(row.oauthCacheCiphertext).toMatch(/^tb1\.k1\./);
      const stored = await readOauthCache(db, id);
      const { accessTokens, otherAccessTokens, refreshTokens } = cacheSecrets(stored!.serializedCache);
      expect(accessTokens).toHaveLength(1);
      expect(otherAccessTokens).toHaveLength(1); // Graph, read once for the tenant's name
      expect(refreshTokens).toHaveLength(1);

      const audit = await db.auditEvent.findMany();
      expect(audit.map((event) => event.action)).toEqual(["connector.oauth_signed_in"]);
      expect(audit[0]!.summary).toContain(`from tenant Litware (${TENANT.litware})`);
      for (const secret of [...accessTokens, ...otherAccessTokens, ...refreshTokens]) {
        expect(row.oauthCacheCiphertext).not.toContain(secret);
        expect(outcome.html).not.toContain(secret);
        expect(JSON.stringify(audit)).not.toContain(secret);
      }
      expect(outcome.html).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
      expect(await whoAmI(accessTokens[0]!)).toBe(200);
    });

    it("refreshes server-side when the access token has expired, rotating and storing the refresh token", async () => {
      const { db } = t.current;
      await lifetimes({ accessTokenSeconds: REFRESH_DUE_SECONDS });
      const id = await createAdoConnector(db, "litware");
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      const signedInAt = (await db.connector.findUniqueOrThrow({ where: { id } })).oauthSetAt;
      // A refresh now stores a token that lives a second; wait until Azure DevOps refuses it.
      await lifetimes({ accessTokenSeconds: 1 });
      await getOauthAccessToken(db, id);
      const before = cacheSecrets((await readOauthCache(db, id))!.serializedCache);
      await untilExpired(before.accessTokens[0]!);

      await lifetimes({ accessTokenSeconds: 3599 });
      const token = await getOauthAccessToken(db, id);
      expect(token.account).toBe(USER.litwareDev.upn);
      expect(token.accessToken).not.toBe(before.accessTokens[0]);
      expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 3000 * 1000);
      expect(await whoAmI(token.accessToken)).toBe(200);

      const after = await db.connector.findUniqueOrThrow({ where: { id } });
      const rotated = cacheSecrets((await readOauthCache(db, id))!.serializedCache);
      expect(rotated.refreshTokens).toHaveLength(1);
      expect(rotated.refreshTokens[0]).not.toBe(before.refreshTokens[0]);
      expect(rotated.accessTokens).toEqual([token.accessToken]);
      // A refresh is not a sign-in: "signed in <when>" stays.
      expect(after.oauthSetAt).toEqual(signedInAt);

      // The next call is served from the stored cache without another refresh.
      const again = await getOauthAccessToken(db, id);
      expect(again.accessToken).toBe(token.accessToken);
      expect(cacheSecrets((await readOauthCache(db, id))!.serializedCache).refreshTokens).toEqual(rotated.refreshTokens);
    });

    it("refreshes ahead of expiry: a token with less than 5 minutes left is replaced, one with an hour is kept", async () => {
      const { db } = t.current;
      await lifetimes({ accessTokenSeconds: 240 });
      const id = await createAdoConnector(db, "litware");
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      const first = cacheSecrets((await readOauthCache(db, id))!.serializedCache).accessTokens[0];
      await lifetimes({ accessTokenSeconds: 3599 });
      const refreshed = await getOauthAccessToken(db, id);
      expect(refreshed.accessToken).not.toBe(first);
      const kept = await getOauthAccessToken(db, id);
      expect(kept.accessToken).toBe(refreshed.accessToken);
    });

    it("shares one refresh between concurrent callers (a second use of the rotated refresh token would fail)", async () => {
      const { db } = t.current;
      await lifetimes({ accessTokenSeconds: REFRESH_DUE_SECONDS });
      const id = await createAdoConnector(db, "litware");
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      const signedIn = cacheSecrets((await readOauthCache(db, id))!.serializedCache);
      await lifetimes({ accessTokenSeconds: 3599 });
      await admin(sandbox, "DELETE", "/token-requests");
      const tokens = await Promise.all(Array.from({ length: 8 }, () => getOauthAccessToken(db, id)));
      expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
      expect(tokens[0]!.accessToken).not.toBe(signedIn.accessTokens[0]);
      expect(await adoRefreshGrants()).toBe(1);
      const connector = await db.connector.findUniqueOrThrow({ where: { id } });
      // Created 1, sign-in 2; the refresh is not an operator edit, so an operator's form stays valid.
      expect(connector.version).toBe(2);
      expect(await whoAmI(tokens[0]!.accessToken)).toBe(200);
    });

    it("keeps a rotated refresh token when an operator edit bumps the version mid-refresh (compare-and-swap)", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      const plugin = new StoredCachePlugin(db, id);
      const fakeCache = {
        serialized: "",
        deserialize(text: string) {
          this.serialized = text;
        },
        serialize() {
          return this.serialized;
        },
      };
      await plugin.beforeCacheAccess({ tokenCache: fakeCache, cacheHasChanged: false } as never);
      await db.connector.update({ where: { id }, data: { displayName: "Litware (renamed)", version: { increment: 1 } } });
      const rotated = plugin.stored!.serializedCache.replace(/"secret":"([^"]+)","home_account_id/, '"secret":"rotated-refresh-token","home_account_id');
      fakeCache.serialized = rotated;
      await plugin.afterCacheAccess({ tokenCache: fakeCache, cacheHasChanged: true } as never);
      expect(plugin.superseded).toBe(false);
      expect((await readOauthCache(db, id))!.serializedCache).toBe(rotated);

      // But a cache someone else stored meanwhile (a new sign-in) wins over ours.
      const second = new StoredCachePlugin(db, id);
      await second.beforeCacheAccess({ tokenCache: fakeCache, cacheHasChanged: false } as never);
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      const fresh = (await readOauthCache(db, id))!.serializedCache;
      fakeCache.serialized = `${rotated}`;
      await second.afterCacheAccess({ tokenCache: fakeCache, cacheHasChanged: true } as never);
      expect(second.superseded).toBe(true);
      expect((await readOauthCache(db, id))!.serializedCache).toBe(fresh);
    });

    it("marks the connector needs_signin when the refresh token has lapsed, and Sign in again restores it", async () => {
      const { db } = t.current;
      // The refresh token lapses a second after the sign-in; the access token is due for a refresh.
      await lifetimes({ accessTokenSeconds: REFRESH_DUE_SECONDS, refreshTokenSeconds: 1 });
      const id = await createAdoConnector(db, "litware");
      await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      await sleep(1500);
      const error = await rejection(getOauthAccessToken(db, id));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "unauthenticated", message: expect.stringMatching(/dev@litware\.example has lapsed: .*AADSTS700082/), hint: expect.stringMatching(/^Sign in again/) });
      const lapsed = await db.connector.findUniqueOrThrow({ where: { id } });
      expect(lapsed.status).toBe("needs_signin");
      expect((await db.auditEvent.findMany({ where: { action: "connector.oauth_sign_in_lapsed" } })).length).toBe(1);

      await lifetimes({ accessTokenSeconds: 3599, refreshTokenSeconds: 86400 });
      const again = await startSignIn(id, t.cookies.admin, "sign_in_again");
      const { authorizeUrl } = (await again.json()) as { authorizeUrl: string };
      expect(new URL(authorizeUrl).searchParams.get("login_hint")).toBe(USER.litwareDev.upn);
      // One click: Entra signs the suggested account in when its session is still there.
      expect(new URL(authorizeUrl).searchParams.get("prompt")).toBeNull();
      const outcome = await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn, "sign_in_again");
      expect(outcome.message?.outcome).toBe("connected");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).status).toBe("unchecked");
      expect((await getOauthAccessToken(db, id)).account).toBe(USER.litwareDev.upn);
    });

    it("refuses an account of another tenant: no access to the organization, nothing stored", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      const outcome = await attemptSignInThroughSandbox(id, t.cookies.admin, USER.contosoAdmin.upn, "different_account");
      expect(outcome.message).toMatchObject({
        outcome: "failed",
        problem: {
          title: `${USER.contosoAdmin.upn} has no access to organization 'litware'`,
          cause: expect.stringContaining(`connected to tenant ${TENANT.litware}`),
          fix: expect.stringContaining("Sign in with a different account"),
        },
      });
      const row = await db.connector.findUniqueOrThrow({ where: { id }, select: { oauthCacheCiphertext: true, oauthAccount: true } });
      expect(row).toEqual({ oauthCacheCiphertext: null, oauthAccount: null });
      expect(await db.auditEvent.count()).toBe(0);
    });

    it("explains TF401444 for an account of the organization's tenant that is not an organization user", async () => {
      const { db } = t.current;
      const world = cloneWorld(sandbox);
      const org = world.ado.organizations.find((candidate) => candidate.name === "litware")!;
      org.members = org.members.filter((member) => member.principalId !== USER.litwareIntern.oid);
      sandbox.loadWorld(world);
      const id = await createAdoConnector(db, "litware");
      const outcome = await attemptSignInThroughSandbox(id, t.cookies.admin, USER.litwareIntern.upn);
      expect(outcome.message).toMatchObject({ outcome: "failed", problem: { code: "TF401444", title: `${USER.litwareIntern.upn} has no access to organization 'litware'` } });
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).oauthAccount).toBeNull();
    });

    it("explains consent required (AADSTS65001) for Fabrikam with an admin consent link for Fabrikam's tenant", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "fabrikam");
      const outcome = await attemptSignInThroughSandbox(id, t.cookies.admin, USER.fabrikamAdmin.upn);
      expect(outcome.message).toMatchObject({ outcome: "failed", problem: { code: "AADSTS65001", title: "The organization's tenant has not consented to TenantBridge" } });
      const link = outcome.message?.outcome === "failed" ? outcome.message.problem.link : undefined;
      expect(link?.href).toBe(`${sandbox.origin}/${TENANT.fabrikam}/adminconsent?client_id=${process.env.TB_PORTAL_CLIENT_ID}`);
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).oauthAccount).toBeNull();
      // The harness's sign-in for tests that need a signed-in connector fails right there, with the popup's reason.
      await expect(signInThroughSandbox(id, t.cookies.admin, USER.fabrikamAdmin.upn)).rejects.toThrow(
        /^The sign-in of admin@fabrikam\S* did not connect: popup answered 200 with .*"outcome":"failed".*AADSTS65001.*The organization's tenant has not consented/,
      );
    });

    it("ignores a callback without this browser's flow cookie (CSRF): nothing is posted or stored", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      const start = await startSignIn(id, t.cookies.admin);
      const { flowId } = (await start.json()) as { flowId: string };
      const outcome = await callback(`${PORTAL_ORIGIN}/api/oauth/callback?code=stolen-code&state=${flowId}`, t.cookies.admin, flowId);
      expect(outcome.message).toBeNull(); // no script at all: the page only explains
      expect(outcome.html).toContain("This sign-in was not started in this browser");
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).oauthAccount).toBeNull();
    });

    it("completes a sign-in once: a replayed or concurrent callback is refused before it reaches Entra ID, and the popup says why", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      const back = await authorizeThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
      // A zero-latency fault on the token endpoint changes nothing but counts the requests that reach it.
      await admin(sandbox, "POST", "/faults", { path: "oauth2/v2.0/token$", latencyMs: 0, times: 1000 });
      const tokenRequests = async () => {
        const { faults } = (await (await admin(sandbox, "GET", "/faults")).json()) as { faults: { remaining: number | null }[] };
        return 1000 - (faults[0]?.remaining ?? 1000);
      };
      // Two callbacks at once (two replicas, a double load): exactly one consumes the flow.
      const both = await Promise.all([callback(back.location, back.cookie, back.flowId), callback(back.location, back.cookie, back.flowId)]);
      const outcomes = both.map((outcome) => outcome.message?.outcome ?? "refused").sort();
      expect(outcomes).toEqual(["connected", "refused"]);
      const afterFirst = await tokenRequests();
      expect(afterFirst).toBeGreaterThanOrEqual(1);

      const replay = await callback(back.location, back.cookie, back.flowId);
      expect(replay.message).toBeNull(); // nothing is posted to the opener
      expect(replay.html).toContain("This sign-in was already completed");
      expect(replay.html).toContain("can be completed only once");
      expect(await tokenRequests()).toBe(afterFirst); // the replay never reached Entra ID
      expect(await db.auditEvent.count({ where: { action: "connector.oauth_signed_in" } })).toBe(1);
      expect(await db.oAuthFlow.count()).toBe(0);
      await admin(sandbox, "DELETE", "/faults");
    });

    it("answers a 400 page naming an over-long state, with no stack in the log and the flow cookie kept", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      const start = await startSignIn(id, t.cookies.admin);
      const flowCookie = /tb_oauth_flow=[^;]+/.exec(start.headers.get("set-cookie") ?? "")?.[0] ?? "";
      const logged: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array) => logged.push(String(chunk)) > 0) as typeof process.stderr.write;
      let outcome;
      try {
        outcome = await callback(`${PORTAL_ORIGIN}/api/oauth/callback?code=x&state=${"s".repeat(513)}`, `${t.cookies.admin}; ${flowCookie}`);
      } finally {
        process.stderr.write = write;
      }
      expect(outcome.status).toBe(400);
      expect(outcome.html).toContain("This sign-in answer is malformed");
      expect(outcome.html).toContain("The state parameter is not what Entra ID sends");
      expect(outcome.message).toBeNull();
      expect(outcome.setCookie).toBeNull();
      expect(logged.join("")).not.toMatch(/ZodError|"stack"|internal_error/);
      expect((await db.connector.findUniqueOrThrow({ where: { id } })).oauthAccount).toBeNull();
    });

    it("refuses a reader and a signed-out caller at the start", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      expect((await startSignIn(id, await sessionCookie(db, "reader"))).status).toBe(403);
      expect((await startSignIn(id, "")).status).toBe(401);
    });

    it("answers 'nobody signed in' for a connector without a sign-in", async () => {
      const { db } = t.current;
      const id = await createAdoConnector(db, "litware");
      await expect(getOauthAccessToken(db, id)).rejects.toMatchObject({ code: "unauthenticated", hint: expect.stringContaining("Sign in") });
    });
  });
}
