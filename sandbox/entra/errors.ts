// Entra ID's error body: `error`, an `error_description` that starts with the AADSTS code and ends
// with trace id, correlation id and timestamp, `error_codes`, and the same ids as fields. MSAL
// builds its ServerError from exactly these fields (errorNo = error_codes[0]), and the portal's
// error decoder reads the AADSTS code, so the shape matters more than the wording.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import { randomUUID } from "node:crypto";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { header, json, withCors } from "../core/http";

export type EntraError = {
  /** OAuth error code: invalid_client, invalid_grant, unauthorized_client, ... */
  error: string;
  /** AADSTS number. */
  code: number;
  /** Text after "AADSTS<code>: ". */
  message: string;
  suberror?: string;
  /** HTTP status; defaults per Entra: 401 for invalid_client, 400 otherwise. */
  status?: number;
};

/** Entra's timestamp format: `YYYY-MM-DD hh:mm:ssZ`. */
export function entraTimestamp(date = new Date()): string {
  return date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

export function correlationIdOf(req: SandboxRequest): string {
  return req.url.searchParams.get("client-request-id") ?? header(req, "client-request-id") ?? randomUUID();
}

export function entraErrorBody(err: EntraError, correlationId: string): Record<string, unknown> {
  const traceId = randomUUID();
  const timestamp = entraTimestamp();
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
}

export function entraErrorResponse(req: SandboxRequest, err: EntraError): SandboxResponse {
  const status = err.status ?? (err.error === "invalid_client" ? 401 : 400);
  const correlationId = correlationIdOf(req);
  return withCors(req, json(status, entraErrorBody(err, correlationId), { "client-request-id": correlationId, "cache-control": "no-store" }));
}

/** Thrown inside grant handlers; the token endpoint turns it into Entra's body. */
export class EntraFailure extends Error {
  constructor(readonly detail: EntraError) {
    super(`AADSTS${detail.code}: ${detail.message}`);
  }
}
