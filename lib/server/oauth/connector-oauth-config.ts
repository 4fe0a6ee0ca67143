import "server-only";
// The portal's app registration as a confidential client for OAuth connectors. The authority is
// `organizations` so that an account of ANOTHER tenant (the organization's) can sign in; the
// refresh token stays on the server because browser (SPA) refresh tokens live 24 hours only.
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";

/** Azure DevOps' first-party resource id (the same in every tenant). */
export const ADO_RESOURCE_ID = "499b84ac-1321-427f-aa17-267ca6975798";
/**
 * ADO's only delegated permission, named explicitly: Entra answers a `.default` request with the
 * granted scope (user_impersonation), and MSAL then never finds the cached token for `.default`,
 * so every silent call would refresh. offline_access asks for the refresh token.
 */
export const ADO_SCOPES = [`${ADO_RESOURCE_ID}/user_impersonation`];
export const ADO_SIGN_IN_SCOPES = [...ADO_SCOPES, "offline_access"];

export const OAUTH_CALLBACK_PATH = "/api/oauth/callback";

/** How the portal app authenticates: a client secret, or its managed identity's token as a client assertion. */
export type PortalCredential = { kind: "secret"; secret: string } | { kind: "managed_identity"; miClientId: string };

export type ConnectorOauthConfig = { authorityHost: string; authority: string; knownAuthority: string; clientId: string; credential: PortalCredential };

export function connectorOauthConfig(): ConnectorOauthConfig {
  const config = settings();
  const { clientId, clientSecret, assertionMiClientId } = config.portal;
  const credential: PortalCredential | undefined = assertionMiClientId
    ? { kind: "managed_identity", miClientId: assertionMiClientId }
    : clientSecret
      ? { kind: "secret", secret: clientSecret }
      : undefined;
  if (!clientId || !credential) {
    throw new AppError("misconfigured", "OAuth sign-in for connectors is not configured on this portal.", {
      hint:
        "Set TB_PORTAL_CLIENT_ID and either TB_PORTAL_CLIENT_SECRET or TB_PORTAL_CLIENT_ASSERTION=managed-identity with TB_PORTAL_MI_CLIENT_ID " +
        "(the portal's app registration also needs a web redirect URI <portal>/api/oauth/callback).",
    });
  }
  return {
    authorityHost: config.authorityHost,
    authority: `${config.authorityHost}/organizations`,
    knownAuthority: new URL(config.authorityHost).host,
    clientId,
    credential,
  };
}
