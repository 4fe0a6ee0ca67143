import "server-only";
// Step 2: Entra ID sends the popup back to /api/oauth/callback. Check that this browser started
// this sign-in (state + sealed cookie) and that the same admin is still signed in, redeem the code
// server-side (confidential client + PKCE), prove the account can reach the organization, and
// only then store MSAL's token cache, encrypted, for this connector.
import { z } from "zod";
import { OAUTH_RESULT_MESSAGE_TYPE, type OauthProblem, type OauthResultMessage } from "@/lib/schemas/connector-oauth";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { operatorFromRequest } from "@/lib/server/auth/current-operator";
import { can } from "@/lib/server/auth/permissions";
import { reportRefusal } from "@/lib/server/auth/security-events";
import { secureCookies } from "@/lib/server/auth/session-cookie";
import { settings } from "@/lib/server/settings";
import { setOauthCache } from "@/lib/server/connectors/connector-secrets";
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { ADO_SCOPES, connectorOauthConfig } from "./connector-oauth-config";
import { createMsalClient } from "./create-msal-client";
import { adoAccessProblem, declinedProblem, entraProblem, type OauthFailureContext } from "./explain-oauth-failure";
import { clearFlowCookieHeader, readFlowCookie, sameState, unsealFlow, type OauthFlow } from "./oauth-flow-cookie";
import { organizationTenantId, probeAdoConnection } from "./probe-ado-connection";
import { renderPopupResult } from "./render-popup-result";
import { tenantDisplayName } from "./tenant-display-name";
import { currentRequestId } from "@/lib/server/observability/request-context";

// Entra adds parameters over time (client_info, session_state, …); unknown ones are ignored.
const callbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(4096).optional(),
});

type Outcome = { message: OauthResultMessage; deliver: boolean };

const failed = (flowId: string, problem: OauthProblem, deliver = true): Outcome => ({
  message: { type: OAUTH_RESULT_MESSAGE_TYPE, flowId, outcome: "failed", problem },
  deliver,
});

export async function completeOauthSignIn(db: Db, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const query = callbackQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return malformedCallback(request, url, query.error);
  const flow = unsealFlow(readFlowCookie(request));
  const secure = secureCookies();
  let outcome: Outcome;
  try {
    outcome = await complete(db, request, query.data, flow);
  } catch (error) {
    const correlationId = currentRequestId() ?? crypto.randomUUID();
    log.error("oauth callback failed", { requestId: correlationId, error });
    outcome = failed(
      flow?.state ?? "",
      {
        code: "internal_error",
        title: "The sign-in could not be completed",
        cause: `Something went wrong on the server. Quote reference ${correlationId} when you report it.`,
        fix: "Try again; if it keeps failing, ask your TenantBridge administrator to check the server log.",
      },
      flow !== null,
    );
  }
  return renderPopupResult(request, {
    ...outcome,
    targetOrigin: flow ? new URL(flow.redirectUri).origin : settings().publicOrigin,
    extraHeaders: { "set-cookie": clearFlowCookieHeader(secure) },
  });
}

/**
 * Entra never sends parameters this long, so the request did not come from a sign-in this portal
 * started: a 400 page that names the parameters, nothing posted to the opener, the flow cookie
 * left alone (a forged link must not cancel the operator's real sign-in), and no stack in the log.
 */
function malformedCallback(request: Request, url: URL, error: z.ZodError): Response {
  const parameters = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "query")))];
  const list = parameters.join(", ");
  log.warn("oauth callback refused: malformed query", { parameters });
  return renderPopupResult(request, {
    ...failed(
      "",
      {
        code: "invalid_request",
        title: "This sign-in answer is malformed",
        cause: `The ${list} parameter${parameters.length > 1 ? "s are" : " is"} not what Entra ID sends (too long or not text), so this page did not come from a sign-in TenantBridge started.`,
        fix: "Close this window and select “Sign in to Azure DevOps” again on the connector page.",
      },
      false,
    ),
    status: 400,
    targetOrigin: url.origin,
  });
}

async function complete(db: Db, request: Request, query: z.infer<typeof callbackQuerySchema>, flow: OauthFlow | null): Promise<Outcome> {
  if (!flow || !query.state || !sameState(flow.state, query.state)) {
    reportRefusal(request, { code: "oauth_state_mismatch" });
    return failed(
      query.state ?? "",
      {
        code: "state_mismatch",
        title: "This sign-in was not started in this browser",
        cause: "The sign-in expired (after 10 minutes), a newer sign-in replaced it, or it was started in another browser.",
        fix: "Close this window and select “Sign in to Azure DevOps” again on the connector page.",
      },
      false,
    );
  }
  // Single use, before anything else talks to Entra ID: of two callbacks carrying the same cookie
  // and state (a replayed URL, a double submit, two replicas), exactly one deletes the row.
  const consumed = await db.oAuthFlow.deleteMany({
    where: { id: flow.state, connectorId: flow.connectorId, operatorId: flow.operatorId, expiresAt: { gt: new Date() } },
  });
  if (consumed.count !== 1) {
    reportRefusal(request, { code: "oauth_flow_already_used", operatorId: flow.operatorId });
    return failed(
      flow.state,
      {
        code: "flow_already_used",
        title: "This sign-in was already completed",
        cause: "The answer from Microsoft for this sign-in has already been used once (the page was reloaded, or its address was opened again), or it expired. A sign-in can be completed only once.",
        fix: "Close this window. The connector page shows whether the organization is connected; if not, select “Sign in to Azure DevOps” again.",
      },
      false,
    );
  }
  const operator = await operatorFromRequest(request);
  if (!operator || operator.id !== flow.operatorId || !can(operator, "connectors.write")) {
    return failed(flow.state, {
      code: "unauthenticated",
      title: "Your TenantBridge session ended",
      cause: "The administrator who started this sign-in is no longer signed in to TenantBridge in this browser.",
      fix: "Sign in to TenantBridge again, then connect the organization again.",
    });
  }
  const connector = await db.connector.findUnique({
    where: { id: flow.connectorId },
    select: { displayName: true, status: true, organization: { select: { id: true, name: true, targetTenantId: true } } },
  });
  if (!connector?.organization) {
    return failed(flow.state, {
      code: "not_found",
      title: "The connector was deleted",
      cause: "The connector this sign-in was for no longer exists.",
      fix: "Create the connector again, then sign in.",
    });
  }
  const organization = connector.organization.name;
  const config = connectorOauthConfig();
  const context = async (): Promise<OauthFailureContext> => ({
    authorityHost: config.authorityHost,
    portalClientId: config.clientId,
    organization,
    organizationTenantId: connector.organization?.targetTenantId ?? (await organizationTenantId(organization)),
  });

  if (query.error) {
    const description = query.error_description ?? query.error;
    if (query.error === "access_denied" && !/AADSTS65001/.test(description)) return failed(flow.state, declinedProblem(description));
    return failed(flow.state, entraProblem(`${query.error}: ${description}`, await context()));
  }
  if (!query.code) {
    return failed(flow.state, {
      code: "invalid_request",
      title: "Entra ID sent no authorization code",
      cause: "The sign-in came back without a code or an error.",
      fix: "Close this window and sign in again.",
    });
  }

  const msal = createMsalClient();
  let result;
  try {
    result = await msal.acquireTokenByCode({ code: query.code, scopes: ADO_SCOPES, redirectUri: flow.redirectUri, codeVerifier: flow.verifier });
  } catch (error) {
    return failed(flow.state, entraProblem(error, await context()));
  }
  const account = result.account;
  if (!account) {
    return failed(flow.state, {
      code: "no_account",
      title: "Entra ID returned no account",
      cause: "The token response had no ID token, so TenantBridge cannot tell who signed in.",
      fix: "Sign in again.",
    });
  }
  const probe = await probeAdoConnection(organization, `Bearer ${result.accessToken}`);
  if (probe.kind !== "ok") return failed(flow.state, adoAccessProblem(probe, account.username, account.tenantId, organization));
  const tenantName = await tenantDisplayName(msal, account);
  const fromTenant = tenantName ? `${tenantName} (${account.tenantId})` : account.tenantId;

  await setOauthCache(db, flow.connectorId, { serializedCache: msal.getTokenCache().serialize(), account: account.username, tenantId: account.tenantId });
  await db.$transaction(async (tx) => {
    // A successful sign-in ends a lapsed one; health checks decide the rest.
    if (connector.status === "needs_signin") await tx.connector.update({ where: { id: flow.connectorId }, data: { status: "unchecked" } });
    if (!connector.organization?.targetTenantId) {
      await tx.organization.update({ where: { id: connector.organization!.id }, data: { targetTenantId: account.tenantId } });
    }
    await recordAuditEvent(tx, operator, {
      action: "connector.oauth_signed_in",
      targetType: "connector",
      targetId: flow.connectorId,
      summary: `Signed in to Azure DevOps '${organization}' as ${account.username} from tenant ${fromTenant} for connector '${connector.displayName}'`,
      details: { account: account.username, accountTenantId: account.tenantId, accountTenantName: tenantName, adoIdentity: probe.caller.displayName },
    });
  });
  return {
    message: { type: OAUTH_RESULT_MESSAGE_TYPE, flowId: flow.state, outcome: "connected", account: account.username, tenantId: account.tenantId, tenantName, organization },
    deliver: true,
  };
}
