// One error type for expected failures. Each has a stable code that clients can branch on
// and a message that is safe to show (it never contains a secret). lib/server/http/
// translate-error.ts is the one place that maps these to HTTP.
export type AppErrorCode =
  "validation_failed" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "version_conflict" | "rate_limited" | "upstream_failed" | "misconfigured" | "payload_too_large";

export type FieldIssue = { field: string; message: string };
export type RelatedLink = { href: string; label: string };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: FieldIssue[];
  readonly hint?: string;
  /** For rate_limited: how long the caller should wait (sent as Retry-After). */
  readonly retryAfterSeconds?: number;
  /** The portal page the caller most likely wants next (e.g. the connector a duplicate collides with). */
  readonly related?: RelatedLink;
  /** For unauthenticated bearer requests: the WWW-Authenticate challenge (RFC 6750). */
  readonly wwwAuthenticate?: string;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { fields?: FieldIssue[]; hint?: string; cause?: unknown; retryAfterSeconds?: number; related?: RelatedLink; wwwAuthenticate?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields ?? [];
    this.hint = options.hint;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.related = options.related;
    this.wwwAuthenticate = options.wwwAuthenticate;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found.`);

export const versionConflict = (what: string) =>
  new AppError("version_conflict", `${what} was changed by someone else since you loaded it.`, {
    hint: "Reload to see the latest values, then apply your change again.",
  });
