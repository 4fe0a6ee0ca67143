// Delivering an authorize result to the client in the response mode it asked for, and the
// `client_info` blob MSAL builds its account id from (`uid.utid`).
import type { SandboxResponse } from "../contract";
import { redirect } from "../core/http";
import type { EntraError } from "./errors";
import { entraErrorBody } from "./errors";
import { formPostPage } from "./pages";

export type ResponseMode = "query" | "fragment" | "form_post";

export function clientInfo(userOid: string, homeTenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userOid, utid: homeTenantId })).toString("base64url");
}

export function deliver(redirectUri: string, mode: ResponseMode, params: Record<string, string>): SandboxResponse {
  if (mode === "form_post") return formPostPage(redirectUri, params);
  const encoded = new URLSearchParams(params).toString();
  if (mode === "fragment") return redirect(`${redirectUri.split("#")[0]}#${encoded}`);
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return redirect(url.toString());
}

/** Errors after the redirect URI is trusted go back to the client, as Entra does. */
export function deliverError(redirectUri: string, mode: ResponseMode, err: EntraError, correlationId: string, state: string | undefined): SandboxResponse {
  const body = entraErrorBody(err, correlationId);
  const params: Record<string, string> = {
    error: err.error,
    error_description: String(body.error_description),
    error_codes: String(err.code),
    error_uri: String(body.error_uri),
    trace_id: String(body.trace_id),
    correlation_id: correlationId,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
  if (state !== undefined) params.state = state;
  return deliver(redirectUri, mode, params);
}
