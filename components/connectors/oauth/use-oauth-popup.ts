"use client";
// The OAuth popup as one async step for the panel: open the window in the click (so it is not
// blocked), ask the server for the authorize URL, send the window there, and wait for the
// result page's message (origin, source, shape and flow id checked by the bridge). The message's
// schema is loaded with the start request, so a page with the panel does not load it before a sign-in.
import type { OauthProblem, StartOauthInput, StartOauthResponse } from "@/lib/schemas/connector-oauth";
import { openPopup, waitForPopupMessage } from "@/lib/client/popup-bridge";
import { ApiError, type ApiProblem } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";

/** The server keeps a pending sign-in for 10 minutes (its cookie); the page waits as long. */
const POPUP_TIMEOUT_MS = 10 * 60 * 1000;

export type PopupSignInResult =
  | { kind: "connected"; account: string; tenantId: string; tenantName: string | null }
  | { kind: "problem"; problem: OauthProblem }
  | { kind: "blocked" }
  | { kind: "closed" }
  | { kind: "timed_out" }
  | { kind: "request_failed"; error: ApiProblem };

/** Must be called synchronously from a click handler: the popup opens before the first await. */
export function signInThroughPopup(connectorId: string, mode: StartOauthInput["mode"]): Promise<PopupSignInResult> {
  const popup = openPopup(`tenantbridge-oauth-${connectorId}`);
  if (!popup) return Promise.resolve({ kind: "blocked" });
  try {
    popup.document.title = "Azure DevOps sign-in";
    popup.document.body.textContent = "Opening the Microsoft sign-in…";
  } catch {
    // A reused window may already show another origin; the text is only a courtesy.
  }
  return run(popup, connectorId, mode);
}

async function run(popup: Window, connectorId: string, mode: StartOauthInput["mode"]): Promise<PopupSignInResult> {
  let start: StartOauthResponse;
  let oauthResultMessageSchema: typeof import("@/lib/schemas/connector-oauth").oauthResultMessageSchema;
  try {
    [start, oauthResultMessageSchema] = await Promise.all([connectorsApi.startOauth(connectorId, { mode }), import("@/lib/schemas/connector-oauth").then((module) => module.oauthResultMessageSchema)]);
  } catch (error) {
    popup.close();
    return { kind: "request_failed", error: ApiError.from(error).toProblem() };
  }
  popup.location.href = start.authorizeUrl;
  const outcome = await waitForPopupMessage(popup, {
    schema: oauthResultMessageSchema,
    accept: (message) => message.flowId === start.flowId,
    timeoutMs: POPUP_TIMEOUT_MS,
  });
  if (outcome.kind !== "message") {
    if (!popup.closed) popup.close();
    return outcome;
  }
  const { message } = outcome;
  return message.outcome === "connected" ? { kind: "connected", account: message.account, tenantId: message.tenantId, tenantName: message.tenantName } : { kind: "problem", problem: message.problem };
}
