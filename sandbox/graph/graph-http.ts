// Microsoft Graph's conventions: Bearer tokens for https://graph.microsoft.com, and the error
// body {"error":{"code","message","innerError":{date, request-id, client-request-id}}}.
import { randomUUID } from "node:crypto";
import type { AccessTokenClaims, SandboxRequest, SandboxResponse } from "../contract";
import { header, json } from "../core/http";
import type { SandboxState } from "../core/state";
import { RESOURCE } from "../world/default/ids";
import { verifyAccessToken } from "../entra/tokens";

export function graphError(req: SandboxRequest, status: number, code: string, message: string): SandboxResponse {
  const requestId = randomUUID();
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": header(req, "client-request-id") ?? requestId },
      },
    },
    { "request-id": requestId },
  );
}

export function graphOk(state: SandboxState, status: number, context: string, body: Record<string, unknown>): SandboxResponse {
  return json(status, { "@odata.context": `${state.origin}/graph/v1.0/$metadata#${context}`, ...body });
}

const GRAPH_AUDIENCES = new Set([RESOURCE.graph.uri, `${RESOURCE.graph.uri}/`, RESOURCE.graph.appId]);

export type GraphCaller = AccessTokenClaims & { isApp: boolean; roleSet: Set<string>; scopeSet: Set<string> };

export async function graphCaller(req: SandboxRequest, state: SandboxState): Promise<GraphCaller | SandboxResponse> {
  const authorization = header(req, "authorization") ?? "";
  if (!authorization.toLowerCase().startsWith("bearer ")) {
    return graphError(req, 401, "InvalidAuthenticationToken", "Access token is empty.");
  }
  const claims = await verifyAccessToken(state, authorization.slice(7).trim());
  if (!claims) return graphError(req, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
  if (!GRAPH_AUDIENCES.has(claims.aud)) return graphError(req, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
  return {
    ...claims,
    isApp: claims.idtyp === "app",
    roleSet: new Set(claims.roles ?? []),
    scopeSet: new Set((claims.scp ?? "").split(" ").filter(Boolean)),
  };
}

export function denied(req: SandboxRequest): SandboxResponse {
  return graphError(req, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
}

export function notFoundIn(req: SandboxRequest, id: string): SandboxResponse {
  return graphError(req, 404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}
