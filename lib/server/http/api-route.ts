import "server-only";
// The one wrapper every route handler goes through: it finds the operator, checks the
// permission, parses and validates the body with the handler's zod schema, and translates
// errors. Handlers read like a sentence and never build error responses themselves.
import type { z } from "zod";
import { grantAccess, type Access } from "@/lib/server/auth/access";
import { operatorFromRequest } from "@/lib/server/auth/current-operator";
import { operatorFromApiToken } from "@/lib/server/agent/api-token-operator";
import { can, type Operator, type Permission } from "@/lib/server/auth/permissions";
import { reportRefusal } from "@/lib/server/auth/security-events";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { text } from "@/lib/schemas/text";
import { acceptRequestId, currentRequestId, runWithRequestId } from "@/lib/server/observability/request-context";
import { translateError } from "./translate-error";

export const MAX_BODY_BYTES = 64 * 1024;

export type RouteContext<TBody, TOperator = Operator> = {
  request: Request;
  operator: TOperator;
  body: TBody;
  params: Record<string, string>;
  query: URLSearchParams;
};

/**
 * Cookie-authenticated writes must come from the portal's own pages. SameSite=Lax and the JSON
 * content type already stop cross-site forms; this refuses any cross-origin browser call too.
 * The portal's origin is TB_PUBLIC_URL: request.url is built from the Host the server saw, which
 * behind a reverse proxy is not the origin in the browser's address bar.
 */
function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== settings().publicOrigin) {
    reportRefusal(request, { code: "cross_origin" });
    throw new AppError("forbidden", "Cross-origin requests are not accepted.");
  }
}

// Path segments reach Prisma as ids and names. Next.js has decoded them, so "%00" arrives as a
// NUL, which PostgreSQL text cannot hold: refuse it with the segment named instead of a 500.
const pathSegmentSchema = text();

function checkPathSegments(params: Record<string, string>): void {
  const fields = Object.entries(params).flatMap(([name, value]) => {
    const result = pathSegmentSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((issue) => ({ field: name, message: issue.message }));
  });
  if (fields.length > 0) throw new AppError("validation_failed", "The URL has an invalid path segment.", { fields });
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export async function readJsonBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    throw new AppError("validation_failed", "The request body must be JSON.", {
      fields: [{ field: "body", message: "send Content-Type: application/json" }],
    });
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation_failed", "The request body is not valid JSON.", {
      fields: [{ field: "body", message: "is not valid JSON" }],
    });
  }
}

type Body<TSchema> = TSchema extends z.ZodType ? z.infer<TSchema> : undefined;

/** A route for signed-in operators that hold `permission`; `access` is the proof the data functions ask for. */
export function apiRoute<P extends Permission, TSchema extends z.ZodType | undefined = undefined>(
  options: { permission: P; body?: TSchema },
  handler: (context: RouteContext<Body<TSchema>> & { access: Access<P> }) => Promise<unknown>,
) {
  return route(options, handler as (context: RouteContext<Body<TSchema>, Operator | null> & { access?: Access<Permission> }) => Promise<unknown>);
}

/** A route anyone may call (sign-in, sign-out); the operator is null when signed out. */
export function publicRoute<TSchema extends z.ZodType | undefined = undefined>(options: { body?: TSchema }, handler: (context: RouteContext<Body<TSchema>, Operator | null>) => Promise<unknown>) {
  return route({ ...options, permission: null }, handler);
}

function route<TSchema extends z.ZodType | undefined>(
  options: { permission: Permission | null; body?: TSchema },
  handler: (context: RouteContext<Body<TSchema>, Operator | null> & { access?: Access<Permission> }) => Promise<unknown>,
) {
  return async (request: Request, nextContext?: NextRouteContext): Promise<Response> => {
    // The access log (instrumentation.ts) has usually set the id already; a handler called
    // without it (integration tests) takes the caller's x-request-id the same way.
    const requestId = currentRequestId() ?? acceptRequestId(request.headers.get("x-request-id"));
    const response = await runWithRequestId(requestId, () => handle(request, nextContext, requestId));
    response.headers.set("x-request-id", requestId);
    return response;
  };

  async function handle(request: Request, nextContext: NextRouteContext | undefined, requestId: string): Promise<Response> {
    try {
      // An Authorization header on an operator route means an API token, and only that: the cookie
      // is not read, so a request is never both. Browsers cannot attach it cross-site without a
      // CORS preflight the portal never grants, so the Origin rule is for cookies alone.
      const bearer = options.permission !== null && request.headers.has("authorization");
      if (!bearer) assertSameOrigin(request);
      const operator = bearer ? await operatorFromApiToken(request) : await operatorFromRequest(request);
      let access: Access<Permission> | undefined;
      if (options.permission) {
        if (!operator) {
          reportRefusal(request, { code: "unauthenticated", permission: options.permission });
          throw new AppError("unauthenticated", "Sign in to use TenantBridge.");
        }
        if (!can(operator, options.permission)) {
          reportRefusal(request, { code: "forbidden", operatorId: operator.id, permission: options.permission });
          throw new AppError(
            "forbidden",
            operator.via === "api_token"
              ? `${operator.name} cannot do this: it needs the ${options.permission} permission, which its scope does not give.`
              : "Your role cannot do this. Ask a TenantBridge administrator.",
            operator.via === "api_token" ? { hint: "Use a write-scope token; agent identities and API tokens are managed only by a signed-in administrator." } : {},
          );
        }
        access = grantAccess(operator, options.permission);
      }
      // Routes without dynamic segments get no params from Next.js.
      const rawParams = (nextContext ? await nextContext.params : undefined) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
      checkPathSegments(params);
      const body = options.body ? options.body.parse(await readJsonBody(request)) : undefined;
      const result = await handler({
        request,
        operator,
        access,
        body: body as Body<TSchema>,
        params,
        query: new URL(request.url).searchParams,
      });
      const response = result instanceof Response ? result : Response.json(result);
      // A streamed answer sets its own (no-store, no-transform); everything else is no-store.
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      const response = translateError(error, requestId);
      response.headers.set("Cache-Control", "no-store");
      return response;
    }
  }
}
