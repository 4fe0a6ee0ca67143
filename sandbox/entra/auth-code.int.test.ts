// Interactive sign-in with the real @azure/msal-node: authorization code + PKCE through the
// sandbox's account picker (driven with fetch, as a browser would), refresh after the access
// token expires with refresh-token rotation, and the interactive errors Entra shows.
import { ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../server";
import { errorCodeOf, openAuthorize, pickAccount, signIn, useAnotherAccount } from "../testing/drive-picker";
import { failureOf } from "../testing/errors";
import { authorizeUrl, PORTAL_REDIRECT_URI, portalClient as portalClientOf, signInAs } from "../testing/portal-sign-in";
import { admin, postForm, startTestSandbox } from "../testing/test-sandbox";
import { PORTAL_APP, PORTAL_APP_ROLE, RESOURCE, SANDBOX_SECRET, TENANT, USER } from "../world/default/ids";
import { pickerTileId } from "./pages";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await admin(sandbox, "POST", "/reset");
});
afterAll(async () => {
  await sandbox.stop();
});

const redirectUri = PORTAL_REDIRECT_URI;
const adoScope = `${RESOURCE.azureDevOps.appId}/user_impersonation`;
const portalClient = (tenant?: string) => portalClientOf(sandbox, tenant);

function refreshTokensIn(client: ConfidentialClientApplication): string[] {
  const cache = JSON.parse(client.getTokenCache().serialize()) as { RefreshToken: Record<string, { secret: string }> };
  return Object.values(cache.RefreshToken).map((entry) => entry.secret);
}

describe("authorization code + PKCE with msal-node", () => {
  it("signs a Litware developer in for Azure DevOps", async () => {
    const { callback, result } = await signInAs(portalClient(), USER.litwareDev.upn, [adoScope]);
    expect(callback.searchParams.get("state")).toBe("state-1");
    expect(callback.searchParams.get("session_state")).toBeTruthy();
    expect(JSON.parse(Buffer.from(callback.searchParams.get("client_info")!, "base64url").toString())).toEqual({ uid: USER.litwareDev.oid, utid: TENANT.litware });
    expect(result.account).toMatchObject({ username: USER.litwareDev.upn, tenantId: TENANT.litware, homeAccountId: `${USER.litwareDev.oid}.${TENANT.litware}` });
    expect(result.idTokenClaims).toMatchObject({ nonce: "nonce-1", oid: USER.litwareDev.oid, aud: PORTAL_APP.appId });
    expect(decodeJwt(result.accessToken)).toMatchObject({ aud: RESOURCE.azureDevOps.appId, scp: "user_impersonation", tid: TENANT.litware, idtyp: "user", upn: USER.litwareDev.upn });
  });

  it("puts the portal's app roles in the ID token of a Contoso operator", async () => {
    const { result } = await signInAs(portalClient(TENANT.contoso), USER.contosoAdmin.upn, ["User.Read"]);
    expect(result.idTokenClaims).toMatchObject({ roles: [PORTAL_APP_ROLE.admin.value], tid: TENANT.contoso });
  });

  it("refreshes after the access token expires, rotating the refresh token", async () => {
    // MSAL treats a token as expired 300 s before `exp` (whole seconds): 301 s means "expired in 1-2 s".
    await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: 301 });
    const client = portalClient();
    const { result } = await signInAs(client, USER.litwareDev.upn, [adoScope]);
    const firstRefreshToken = refreshTokensIn(client)[0]!;

    const cached = await client.acquireTokenSilent({ account: result.account!, scopes: [adoScope] });
    expect(cached.accessToken).toBe(result.accessToken);

    await new Promise((resolve) => setTimeout(resolve, 2500));
    const refreshed = await client.acquireTokenSilent({ account: result.account!, scopes: [adoScope] });
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    expect(decodeJwt(refreshed.accessToken).exp).toBeGreaterThan(decodeJwt(result.accessToken).exp!);
    const [rotated] = refreshTokensIn(client);
    expect(rotated).toBeTruthy();
    expect(rotated).not.toBe(firstRefreshToken);

    // The replaced refresh token no longer works.
    const reuse = await postForm(`${sandbox.origin}/organizations/oauth2/v2.0/token`, {
      grant_type: "refresh_token",
      client_id: PORTAL_APP.appId,
      client_secret: SANDBOX_SECRET.portal,
      refresh_token: firstRefreshToken,
      scope: adoScope,
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
  });

  it("AADSTS700082: an expired refresh token", async () => {
    await admin(sandbox, "PUT", "/token-lifetimes", { refreshTokenSeconds: 1 });
    const client = portalClient();
    await signInAs(client, USER.litwareDev.upn, [adoScope]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await postForm(`${sandbox.origin}/organizations/oauth2/v2.0/token`, {
      grant_type: "refresh_token",
      client_id: PORTAL_APP.appId,
      client_secret: SANDBOX_SECRET.portal,
      refresh_token: refreshTokensIn(client)[0]!,
      scope: adoScope,
    });
    expect(await response.json()).toMatchObject({ error: "invalid_grant", error_codes: [700082] });
  });

  it("AADSTS54005: a code can be redeemed once", async () => {
    const client = portalClient();
    const { code, verifier } = await signInAs(client, USER.litwareDev.upn, [adoScope]);
    const failure = await failureOf(client.acquireTokenByCode({ code, scopes: [adoScope], redirectUri, codeVerifier: verifier }));
    expect(failure.errorNo).toBe("54005");
    expect(failure.errorCode).toBe("invalid_grant");
  });

  it("AADSTS501481: the code verifier must match the challenge", async () => {
    const client = portalClient();
    const { url } = await authorizeUrl(client, [adoScope]);
    const code = new URL(await signIn(url, USER.litwareDev.upn)).searchParams.get("code")!;
    const other = await new CryptoProvider().generatePkceCodes();
    const failure = await failureOf(client.acquireTokenByCode({ code, scopes: [adoScope], redirectUri, codeVerifier: other.verifier }));
    expect(failure.errorNo).toBe("501481");
  });

  it("AADSTS65001 (consent_required): a resource the app is not consented for in Fabrikam", async () => {
    const client = portalClient();
    // Plain sign-in works (User.Read is user-consentable) ...
    const { result } = await signInAs(client, USER.fabrikamAdmin.upn, ["User.Read"]);
    expect(result.account?.tenantId).toBe(TENANT.fabrikam);
    // ... but Azure DevOps was never consented in Fabrikam: MSAL says interaction is required.
    const failure = await failureOf(client.acquireTokenSilent({ account: result.account!, scopes: [adoScope], forceRefresh: true }));
    expect(failure.name).toBe("InteractionRequiredAuthError");
    expect(failure.errorNo).toBe("65001");
    expect(failure.subError).toBe("consent_required");

    // Asked interactively, the authorize endpoint sends the same code back to the redirect URI.
    const { url } = await authorizeUrl(client, [adoScope]);
    const callback = new URL(await signIn(url, USER.fabrikamAdmin.upn));
    expect(callback.searchParams.get("error")).toBe("consent_required");
    expect(callback.searchParams.get("error_description")).toMatch(/^AADSTS65001: /);
    expect(callback.searchParams.get("state")).toBe("state-1");
  });
});

describe("authorize pages", () => {
  it("AADSTS50020: a user who is neither member nor guest of the authority's tenant", async () => {
    const { url } = await authorizeUrl(portalClient(TENANT.contoso), ["User.Read"]);
    const picker = await openAuthorize(url);
    if (picker.kind !== "page") throw new Error("expected the picker");
    const outcome = await pickAccount(url, picker.html, USER.litwareDev.upn);
    expect(outcome.kind === "page" && errorCodeOf(outcome.html)).toBe(50020);
  });

  it("AADSTS50011: an unregistered redirect URI is an error page, never a redirect", async () => {
    const { url } = await authorizeUrl(portalClient(), ["User.Read"], { redirectUri: "http://localhost:3000/somewhere-else" });
    const outcome = await openAuthorize(url);
    expect(outcome.kind === "page" && errorCodeOf(outcome.html)).toBe(50011);
    const https = await openAuthorize(url.replace(encodeURIComponent("http://localhost:3000/somewhere-else"), encodeURIComponent("https://evil.example/api/auth/callback")));
    expect(https.kind === "page" && errorCodeOf(https.html)).toBe(50011);
  });

  it("ignores the port of an http://localhost redirect URI", async () => {
    const { url } = await authorizeUrl(portalClient(), ["User.Read"], { redirectUri: "http://localhost:49321/api/auth/callback" });
    const location = await signIn(url, USER.contosoReader.upn);
    expect(location.startsWith("http://localhost:49321/api/auth/callback?")).toBe(true);
  });

  it("AADSTS700016: an unknown client id", async () => {
    const outcome = await openAuthorize(
      `${sandbox.origin}/organizations/oauth2/v2.0/authorize?client_id=00000000-0000-4000-8000-000000000009&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=openid`,
    );
    expect(outcome.kind === "page" && errorCodeOf(outcome.html)).toBe(700016);
  });

  it("AADSTS90002: an unknown tenant, on the page and from msal-node's token request", async () => {
    const outcome = await openAuthorize(
      `${sandbox.origin}/no-such-tenant.example/oauth2/v2.0/authorize?client_id=${PORTAL_APP.appId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=openid`,
    );
    expect(outcome.kind === "page" && errorCodeOf(outcome.html)).toBe(90002);
    // Discovery refuses the tenant, so hand MSAL the metadata and let the token endpoint answer.
    const authority = `${sandbox.origin}/no-such-tenant.example`;
    const client = new ConfidentialClientApplication({
      auth: {
        clientId: PORTAL_APP.appId,
        clientSecret: SANDBOX_SECRET.portal,
        authority,
        knownAuthorities: [new URL(sandbox.origin).host],
        authorityMetadata: JSON.stringify({
          issuer: `${authority}/v2.0`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
          end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
        }),
      },
    });
    const failure = await failureOf(client.acquireTokenByClientCredential({ scopes: ["https://management.azure.com/.default"] }));
    expect(failure.errorNo).toBe("90002");
  });

  it("login_hint signs in directly without prompt, and is the suggested tile with prompt=select_account", async () => {
    const client = portalClient();
    const direct = await authorizeUrl(client, ["User.Read"], { loginHint: USER.litwareDev.upn, prompt: undefined });
    const outcome = await openAuthorize(direct.url);
    expect(outcome.kind).toBe("redirect");

    // MSAL drops login_hint next to prompt=select_account; other clients send both.
    const hintedUrl = `${(await authorizeUrl(client, ["User.Read"])).url}&login_hint=${encodeURIComponent(USER.litwareIntern.upn)}`;
    const picker = await openAuthorize(hintedUrl);
    if (picker.kind !== "page") throw new Error("expected the picker");
    const firstTile = /<button[^>]*class="tile([^"]*)"[^>]*id="([^"]+)"/.exec(picker.html)!;
    expect(firstTile[2]).toBe(pickerTileId(USER.litwareIntern.upn));
    expect(firstTile[1]).toContain("hint");
    expect(picker.html).toContain("SANDBOX");
  });

  it("'Use another account' takes a typed username and explains an unknown one (AADSTS50034)", async () => {
    const { url } = await authorizeUrl(portalClient(), ["User.Read"]);
    const picker = await openAuthorize(url);
    if (picker.kind !== "page") throw new Error("expected the picker");
    const unknown = await useAnotherAccount(url, picker.html, "nobody@litware.example");
    expect(unknown.kind === "page" && unknown.html).toContain("AADSTS50034");
    const known = await useAnotherAccount(url, picker.html, USER.litwareAdmin.upn.toUpperCase());
    expect(known.kind).toBe("redirect");
  });

  it("answers in form_post mode with an auto-submitting form", async () => {
    const { url } = await authorizeUrl(portalClient(), ["User.Read"], { responseMode: "form_post" });
    const picker = await openAuthorize(url);
    if (picker.kind !== "page") throw new Error("expected the picker");
    const posted = await pickAccount(url, picker.html, USER.contosoReader.upn);
    expect(posted.kind === "page" && posted.html).toMatch(/<form method="post" action="http:\/\/localhost:3000\/api\/auth\/callback"><input type="hidden" name="code"/);
  });

  it("AADSTS9002326 / 9002327: web codes are redeemed server-side, SPA codes cross-origin", async () => {
    const { url, verifier } = await authorizeUrl(portalClient(), ["User.Read"]);
    const code = new URL(await signIn(url, USER.contosoReader.upn)).searchParams.get("code")!;
    const redeem = (extra: Record<string, string>, headers: Record<string, string>) =>
      postForm(
        `${sandbox.origin}/organizations/oauth2/v2.0/token`,
        { grant_type: "authorization_code", client_id: PORTAL_APP.appId, code, redirect_uri: redirectUri, code_verifier: verifier, scope: "User.Read", ...extra },
        headers,
      );
    const fromBrowser = await redeem({ client_secret: SANDBOX_SECRET.portal }, { origin: "http://localhost:3000" });
    expect(await fromBrowser.json()).toMatchObject({ error_codes: [9002326] });

    const spaRedirect = "http://localhost:3000/auth/redirect";
    const spa = await authorizeUrl(portalClient(), ["User.Read"], { redirectUri: spaRedirect });
    const spaCode = new URL((await signIn(spa.url, USER.contosoReader.upn)).replace("#", "?")).searchParams.get("code")!;
    const serverSide = await postForm(`${sandbox.origin}/organizations/oauth2/v2.0/token`, {
      grant_type: "authorization_code",
      client_id: PORTAL_APP.appId,
      code: spaCode,
      redirect_uri: spaRedirect,
      code_verifier: spa.verifier,
      scope: "User.Read",
    });
    expect(await serverSide.json()).toMatchObject({ error_codes: [9002327] });
  });
});
