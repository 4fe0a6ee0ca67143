// ARM's error envelope `{"error":{"code","message"}}` and the headers ARM adds to answers.
import type { SandboxContext, SandboxResponse } from "../contract";

export function armHeaders(ctx: SandboxContext): Record<string, string> {
  const id = ctx.newTraceId();
  return {
    "content-type": "application/json; charset=utf-8",
    "x-ms-request-id": id,
    "x-ms-correlation-request-id": id,
    "x-ms-routing-request-id": `SANDBOX:${new Date().toISOString().replace(/[-:.]/g, "")}:${id}`,
  };
}

export function armJson(ctx: SandboxContext, body: unknown, status = 200): SandboxResponse {
  return { status, headers: armHeaders(ctx), body };
}

export function armError(ctx: SandboxContext, status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { ...armHeaders(ctx), ...headers }, body: { error: { code, message } } };
}

/** The 401 ARM returns for token problems, with a challenge naming the authority to use. */
export function armUnauthorized(ctx: SandboxContext, code: string, message: string, tenantId?: string): SandboxResponse {
  const authority = `${ctx.origin}/${tenantId ?? "common"}`;
  return armError(ctx, 401, code, message, {
    "www-authenticate": `Bearer authorization_uri="${authority}", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  });
}

/** Seed 002's error: the caller's oid holds no role that allows `action` at `scope` in this tenant. */
export function authorizationFailed(ctx: SandboxContext, client: { name: string; objectId: string }, action: string, scope: string): SandboxResponse {
  return armError(
    ctx,
    403,
    "AuthorizationFailed",
    `The client '${client.name}' with object id '${client.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    { "x-ms-failure-cause": "gateway" },
  );
}
