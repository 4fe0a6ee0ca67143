import "server-only";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { newSignInNonce, readCookie, secureCookies, serializeCookie, sessionCookieName, SIGN_IN_NONCE_COOKIE, signInNonceCookie } from "./session-cookie";
import { createSession, findSessionOperator, revokeSession } from "./sessions";
import { reportSignInFailure } from "./security-events";
import { verifyIdToken, type VerifiedIdentity } from "./verify-id-token";

/**
 * A fresh nonce for the next MSAL popup, remembered in an HttpOnly cookie of this browser. The
 * sign-in page is given one by the proxy as it loads; this is for another try after a refusal.
 */
export function issueSignInNonce(): Response {
  const nonce = newSignInNonce();
  const response = Response.json({ nonce });
  response.headers.append("Set-Cookie", signInNonceCookie(nonce));
  return response;
}

export function portalSignInConfig() {
  const config = settings();
  if (!config.portal.clientId || !config.portal.tenantId) {
    throw new AppError("misconfigured", "Operator sign-in is not configured.", {
      hint: "Set TB_PORTAL_CLIENT_ID and TB_PORTAL_TENANT_ID to the portal's app registration.",
    });
  }
  return { authorityHost: config.authorityHost, clientId: config.portal.clientId, tenantId: config.portal.tenantId };
}

export async function signIn(request: Request, idToken: string): Promise<Response> {
  let identity: VerifiedIdentity;
  try {
    const nonce = readCookie(request.headers.get("cookie"), SIGN_IN_NONCE_COOKIE);
    if (!nonce) throw new AppError("unauthenticated", "The sign-in took too long or cookies are blocked. Sign in again.");
    identity = await verifyIdToken(idToken, { ...portalSignInConfig(), nonce });
  } catch (error) {
    // Only the code and the user-safe message: never the token, nor jose's cause (it may quote claims).
    if (error instanceof AppError && error.code !== "misconfigured") await reportSignInFailure(request, { reason: error.code, message: error.message });
    throw error;
  }
  const { token, expiresAt } = await createSession(db(), identity, settings().sessionHours);
  await recordAuditEvent(
    db(),
    { id: identity.operatorId, name: identity.name },
    {
      action: "operator.signed_in",
      targetType: "settings",
      summary: `${identity.username} signed in as ${identity.role}`,
    },
  );
  const secure = secureCookies();
  const response = Response.json({ name: identity.name, username: identity.username, role: identity.role, expiresAt: expiresAt.toISOString() });
  response.headers.append("Set-Cookie", serializeCookie(sessionCookieName(secure), token, { maxAgeSeconds: Math.floor((expiresAt.getTime() - Date.now()) / 1000), secure }));
  response.headers.append("Set-Cookie", serializeCookie(SIGN_IN_NONCE_COOKIE, "", { maxAgeSeconds: 0, secure }));
  return response;
}

export async function signOut(request: Request): Promise<Response> {
  const secure = secureCookies();
  const name = sessionCookieName(secure);
  const token = readCookie(request.headers.get("cookie"), name);
  const operator = await findSessionOperator(db(), token);
  await revokeSession(db(), token);
  if (operator) {
    await recordAuditEvent(db(), operator, { action: "operator.signed_out", targetType: "settings", summary: `${operator.username} signed out` });
  }
  const response = new Response(null, { status: 204 });
  response.headers.append("Set-Cookie", serializeCookie(name, "", { maxAgeSeconds: 0, secure }));
  return response;
}
