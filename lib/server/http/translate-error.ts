import "server-only";
// The one place that maps errors to HTTP. Expected failures (AppError, zod) keep their
// message; anything else becomes a generic 500 that quotes the request id, and the details go
// to the server log only. Every error body carries the request id (the access log's, sent
// upstream as x-ms-client-request-id), so one id finds the request everywhere.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { AppError, type AppErrorCode, type FieldIssue, type RelatedLink } from "@/lib/server/errors";
import { log } from "@/lib/server/log";
import { currentRequestId } from "@/lib/server/observability/request-context";

const statusByCode: Record<AppErrorCode, number> = {
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  rate_limited: 429,
  upstream_failed: 502,
  misconfigured: 500,
  payload_too_large: 413,
};

export type ErrorBody = {
  /** correlationId: the request id, kept under its older name on 500s for existing clients. */
  error: { code: string; message: string; fields?: FieldIssue[]; hint?: string; related?: RelatedLink; requestId: string; correlationId?: string };
};

export function fieldIssuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    if (issue.code === "unrecognized_keys") {
      return { field: issue.keys.join(", "), message: `is not a known field (${issue.keys.join(", ")})` };
    }
    return { field, message: issue.message };
  });
}

export function translateError(error: unknown, requestId: string = currentRequestId() ?? randomUUID()): Response {
  if (error instanceof ZodError) {
    error = new AppError("validation_failed", "The request has invalid fields.", { fields: fieldIssuesFromZod(error) });
  }
  if (error instanceof AppError) {
    const fields = error.fields.length > 0 ? error.fields : undefined;
    const message = fields ? `${error.message} ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}` : error.message;
    const body: ErrorBody = { error: { code: error.code, message, fields, hint: error.hint, related: error.related, requestId } };
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    if (error.wwwAuthenticate) headers["WWW-Authenticate"] = error.wwwAuthenticate;
    return Response.json(body, { status: statusByCode[error.code], headers });
  }
  log.error("unhandled error", { requestId, error });
  const body: ErrorBody = {
    error: {
      code: "internal_error",
      message: `Something went wrong on the server. Quote reference ${requestId} when you report it.`,
      requestId,
      correlationId: requestId,
    },
  };
  return Response.json(body, { status: 500 });
}
