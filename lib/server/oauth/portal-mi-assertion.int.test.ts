// The secretless portal: with TB_PORTAL_CLIENT_ASSERTION=managed-identity and no client secret,
// msal-node proves the portal app with its managed identity's token for api://AzureADTokenExchange.
// Against the sandbox cloud: the sign-in works once the portal app has a federated credential
// trusting the identity (and fails without one, so the assertion is what authenticates), and the
// tokens Entra issues say the client authenticated with an assertion (appidacr 2).
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { AGENT_IDENTITY, PORTAL_APP, TENANT, USER } from "@/sandbox/world/default/ids";
import { TOKEN_EXCHANGE_AUDIENCE, authorityIssuer } from "@/sandbox/world/issuer";
import { admin, cloneWorld } from "@/sandbox/testing/test-sandbox";
import { readOauthCache } from "@/lib/server/connectors/connector-secrets";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";
import { attemptSignInThroughSandbox, cacheSecrets, createAdoConnector, signInThroughSandbox, useSandboxEnvironment } from "./testing/oauth-harness";

const sandbox = sandboxForFile((running) => {
  useSandboxEnvironment(running);
  // Before anything reads settings(): the portal has no secret, only its managed identity.
  delete process.env.TB_PORTAL_CLIENT_SECRET;
  process.env.TB_PORTAL_CLIENT_ASSERTION = "managed-identity";
  process.env.TB_PORTAL_MI_CLIENT_ID = AGENT_IDENTITY.clientId;
});

/** The default world plus a federated credential on the portal app that trusts the identity. */
function trustPortalIdentity(): void {
  const world = cloneWorld(sandbox);
  const portalApp = world.applications.find((app) => app.appId === PORTAL_APP.appId)!;
  portalApp.federatedIdentityCredentials = [
    {
      id: "7b000000-0000-4000-8000-0000000000f1",
      name: "portal-managed-identity",
      issuer: authorityIssuer(TENANT.contoso),
      subject: AGENT_IDENTITY.principalId,
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    },
  ];
  sandbox.loadWorld(world);
}

describe("OAuth sign-in with the portal's managed identity as its client assertion", () => {
  const t = useApiTestContext("sqlite", { sandbox, tables: ["connector", "organization"] });

  it("redeems the code with the identity's assertion once the portal app trusts it", async () => {
    trustPortalIdentity();
    await admin(sandbox, "DELETE", "/requests");
    const { db } = t.current;
    const id = await createAdoConnector(db, "litware");
    const outcome = await signInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
    expect(outcome.message).toMatchObject({ outcome: "connected", account: USER.litwareDev.upn, tenantId: TENANT.litware });

    const stored = await readOauthCache(db, id);
    const [accessToken] = cacheSecrets(stored!.serializedCache).accessTokens;
    expect(decodeJwt(accessToken!)).toMatchObject({ appid: PORTAL_APP.appId, appidacr: "2" });

    const { requests } = (await (await admin(sandbox, "GET", "/requests")).json()) as { requests: { listener: string; path: string }[] };
    expect(requests.some((request) => request.listener === "mi")).toBe(true);
  });

  it("fails the sign-in when no federated credential on the portal app trusts the identity", async () => {
    const { db } = t.current;
    const id = await createAdoConnector(db, "litware");
    const outcome = await attemptSignInThroughSandbox(id, t.cookies.admin, USER.litwareDev.upn);
    expect(outcome.message?.outcome).not.toBe("connected");
    expect(await readOauthCache(db, id)).toBeNull();
  });
});
