import "server-only";
// Step 1 of a connector's OAuth sign-in: the authorize URL the popup opens (auth code + PKCE,
// account picker), and the sealed cookie that lets only this browser finish it.
import { randomBytes } from "node:crypto";
import { CryptoProvider } from "@azure/msal-node";
import type { StartOauthInput, StartOauthResponse } from "@/lib/schemas/connector-oauth";
import { secureCookies } from "@/lib/server/auth/session-cookie";
import { settings } from "@/lib/server/settings";
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors";
import { ADO_SIGN_IN_SCOPES, OAUTH_CALLBACK_PATH } from "./connector-oauth-config";
import { createMsalClient } from "./create-msal-client";
import { flowCookieHeader, OAUTH_FLOW_SECONDS, sealFlow } from "./oauth-flow-cookie";

export async function startOauthSignIn(db: Db, operator: Operator, connectorId: string, input: StartOauthInput): Promise<Response> {
  const connector = await db.connector.findUnique({
    where: { id: connectorId },
    select: { kind: true, oauthAccount: true, organization: { select: { name: true } } },
  });
  if (!connector) throw notFound("The connector");
  if (connector.kind !== "ado" || !connector.organization) {
    throw new AppError("validation_failed", "OAuth sign-in is for Azure DevOps connectors; Kusto connectors use a managed identity.");
  }
  // TB_PUBLIC_URL, never the request's Host: behind a proxy Next.js sees its own host, and a Host
  // header is the client's to choose. Entra checks it against the app's registered URIs.
  const redirectUri = `${settings().publicOrigin}${OAUTH_CALLBACK_PATH}`;
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const state = randomBytes(32).toString("base64url");
  const loginHint = input.mode === "sign_in_again" ? (connector.oauthAccount ?? undefined) : undefined;
  const authorizeUrl = await createMsalClient().getAuthCodeUrl({
    scopes: ADO_SIGN_IN_SCOPES,
    redirectUri,
    responseMode: "query",
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state,
    // The picker by default: the account that can reach the organization is often not the one
    // the browser is signed in with (it lives in another tenant). "Sign in again" sends the
    // stored account as login_hint instead, so an existing Entra session finishes in one click;
    // Entra refuses an account hint together with prompt=select_account.
    ...(loginHint ? { loginHint } : { prompt: "select_account" }),
  });
  const expiresAt = new Date(Date.now() + OAUTH_FLOW_SECONDS * 1000);
  // The row makes the flow single-use across replicas: the callback consumes it exactly once.
  // Expired rows of abandoned sign-ins are removed here, so the table stays small.
  await db.oAuthFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.oAuthFlow.create({ data: { id: state, connectorId, operatorId: operator.id, expiresAt } });
  const sealed = sealFlow({ v: 1, state, connectorId, operatorId: operator.id, verifier, redirectUri, expiresAt: expiresAt.getTime() });
  const body: StartOauthResponse = { authorizeUrl, flowId: state };
  const response = Response.json(body);
  response.headers.append("Set-Cookie", flowCookieHeader(sealed, secureCookies()));
  return response;
}
