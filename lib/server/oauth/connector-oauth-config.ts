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

export type ConnectorOauthConfig = { authorityHost: string; authority: string; knownAuthority: string; clientId: string; clientSecret: string };

export function connectorOauthConfig(): ConnectorOauthConfig {
  const config = settings();
  const { clientId, clientSecret } = config.portal;
  if (!clientId || !clientSecret) {
    throw new AppError("misconfigured", "OAuth sign-in for connectors is not configured on this portal.", {
      hint: "Set TB_PORTAL_CLIENT_ID and TB_PORTAL_CLIENT_SECRET to the portal's app registration (a web redirect URI <portal>/api/oauth/callback is needed too).",
    });
  }
  return {
    authorityHost: config.authorityHost,
    authority: `${config.authorityHost}/organizations`,
    knownAuthority: new URL(config.authorityHost).host,
    clientId,
    clientSecret,
  };
}
