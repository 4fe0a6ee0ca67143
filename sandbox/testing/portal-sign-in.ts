// The portal app's sign-in as a web app does it with msal-node: authorization code + PKCE,
// with the account picker driven by drive-picker.ts.
import { ConfidentialClientApplication, CryptoProvider, type AuthorizationUrlRequest } from "@azure/msal-node";
import type { RunningSandbox } from "../server";
import { PORTAL_APP, SANDBOX_SECRET } from "../world/default/ids";
import { signIn } from "./drive-picker";

/** Registered as http://localhost/api/auth/callback: Entra ignores the port of localhost URIs. */
export const PORTAL_REDIRECT_URI = "http://localhost:3000/api/auth/callback";

export function portalClient(sandbox: RunningSandbox, tenant = "organizations"): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId: PORTAL_APP.appId, authority: `${sandbox.origin}/${tenant}`, clientSecret: SANDBOX_SECRET.portal, knownAuthorities: [new URL(sandbox.origin).host] },
  });
}

export async function authorizeUrl(client: ConfidentialClientApplication, scopes: string[], extra: Partial<AuthorizationUrlRequest> = {}) {
  const pkce = await new CryptoProvider().generatePkceCodes();
  const url = await client.getAuthCodeUrl({
    scopes,
    redirectUri: PORTAL_REDIRECT_URI,
    codeChallenge: pkce.challenge,
    codeChallengeMethod: "S256",
    prompt: "select_account",
    state: "state-1",
    nonce: "nonce-1",
    ...extra,
  });
  return { url, verifier: pkce.verifier };
}

export async function signInAs(client: ConfidentialClientApplication, upn: string, scopes: string[]) {
  const { url, verifier } = await authorizeUrl(client, scopes);
  const callback = new URL(await signIn(url, upn));
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`sign-in failed: ${callback.searchParams.get("error_description")}`);
  // msal-node 7 checks the ID token's nonce against the one the web app kept from the request.
  const result = await client.acquireTokenByCode(
    { code, scopes, redirectUri: PORTAL_REDIRECT_URI, codeVerifier: verifier, nonce: "nonce-1", state: "state-1" },
    { code, state: callback.searchParams.get("state") ?? "" },
  );
  return { callback, code, verifier, result };
}
