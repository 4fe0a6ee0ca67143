import "server-only";
// Explains failures of the two identity hops: the managed identity endpoint (no AADSTS codes;
// its errors are the host's) and the exchange in the target tenant (Entra's AADSTS codes).
import { decodeEntraError } from "@/lib/server/entra/decode-entra-error";
import type { ChainContext, DecodedError } from "@/lib/server/entra/decoded-error";
import { notAnswering } from "@/lib/server/pipeline/unanswered";
import { redact } from "@/lib/server/log";
import { UpstreamError } from "@/lib/server/outbound/outbound-fetch";
import { DeadlineError } from "./with-deadline";

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

function rawOf(error: unknown): string {
  const text = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `\n${error.cause.message}` : ""}` : String(error);
  return String(redact(text)).replace(JWT, "[token]");
}

function timeout(error: DeadlineError, fix: string): DecodedError {
  return { code: "timeout", title: error.message, cause: "No answer arrived before the time limit of this check.", fix, raw: error.message };
}

/** The outbound layer's error, wherever @azure/identity or MSAL wrapped it. */
function upstreamErrorIn(error: unknown): UpstreamError | null {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof UpstreamError) return current;
    current = (current as { cause?: unknown; originalError?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
  }
  return null;
}

/** A 5xx from the endpoint, as MSAL and @azure/identity quote it in their messages. */
const SERVER_ERROR = /\b(?:status(?: code)?|HTTP)[^0-9]{0,12}(5\d\d)\b/i;

/** `status`: the endpoint's HTTP status when the caller saw it (MSAL does not always quote it). */
export function decodeManagedIdentityError(error: unknown, context: ChainContext, status: number | null = null): DecodedError {
  if (error instanceof DeadlineError) {
    return timeout(error, "Check that the agent host's managed identity endpoint (IMDS, or IDENTITY_ENDPOINT on App Service) is reachable, then run the test again.");
  }
  // The caller's signal stopped the wait (a test's time budget ran out): no answer, not a refusal.
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return {
      code: "timeout",
      title: "The managed identity endpoint did not answer in time",
      cause: `No answer arrived before the check stopped waiting (${error.message}).`,
      fix: "Check that the agent host's managed identity endpoint (IMDS, or IDENTITY_ENDPOINT on App Service) is reachable, then run the test again.",
      raw: error.message,
    };
  }
  const upstream = upstreamErrorIn(error);
  const fix = "Check that the agent host's managed identity endpoint (IMDS, or IDENTITY_ENDPOINT on App Service) is reachable and healthy, then run the test again.";
  if (upstream) return notAnswering("The managed identity endpoint", { unreachable: upstream.message, hint: upstream.hint, reason: upstream.reason }, fix);
  const raw = rawOf(error);
  const serverError = status !== null && status >= 500 ? String(status) : SERVER_ERROR.exec(raw)?.[1];
  if (serverError) {
    return {
      code: `HTTP ${serverError}`,
      title: "The managed identity endpoint is not answering",
      cause: `The host's managed identity endpoint answered ${serverError} (a server error): it is down or overloaded, so no new token can be issued. Cached tokens keep working until they expire.`,
      fix,
      raw,
    };
  }
  return {
    code: "managed_identity_unavailable",
    title: "The managed identity endpoint gave no token",
    cause: `The host's managed identity endpoint did not issue a token for the user-assigned identity ${context.miClientId ?? "(no client id configured)"}. Usually the identity is not attached to the host, or the client id is wrong.`,
    fix: "Attach the user-assigned identity to the agent's host (its Identity blade → User assigned) and check that the client id here is that identity's Client ID.",
    expected: context.miClientId ? `A user-assigned identity with client id ${context.miClientId} attached to the host` : "A user-assigned identity's client id",
    configured: context.miClientId ?? "None",
    raw,
    traceId: /Trace ID: ([0-9a-f-]{36})/i.exec(raw)?.[1],
  };
}

export function decodeExchangeError(error: unknown, context: ChainContext): DecodedError {
  if (error instanceof DeadlineError) {
    return timeout(error, "Check that the portal can reach Entra ID (the authority host), then run the test again.");
  }
  const upstream = upstreamErrorIn(error);
  if (upstream) {
    const service = upstream.service === "managed_identity" ? "The managed identity endpoint" : "Entra ID";
    return notAnswering(
      service,
      { unreachable: upstream.message, hint: upstream.hint, reason: upstream.reason },
      "Check that the portal can reach Entra ID (the authority host), then run the test again.",
    );
  }
  const decoded = decodeEntraError(error, context);
  return { ...decoded, raw: String(redact(decoded.raw)).replace(JWT, "[token]") };
}
