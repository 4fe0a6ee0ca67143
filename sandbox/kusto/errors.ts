// Kusto's error body (OneApiErrors, the shape azure-kusto-data parses) and the response
// headers every Kusto answer carries: the caller's x-ms-client-request-id echoed and a fresh
// x-ms-activity-id.
import type { SandboxResponse } from "../contract";

export type KustoRequestIds = { clientRequestId: string; activityId: string };

export function kustoHeaders(ids: KustoRequestIds): Record<string, string> {
  return {
    "content-type": "application/json; charset=utf-8",
    "x-ms-client-request-id": ids.clientRequestId,
    "x-ms-activity-id": ids.activityId,
  };
}

export function kustoJson(ids: KustoRequestIds, body: unknown, status = 200): SandboxResponse {
  return { status, headers: kustoHeaders(ids), body };
}

type KustoErrorInput = { status: number; code: string; message: string; type: string; detail: string; extraHeaders?: Record<string, string> };

export function kustoError(ids: KustoRequestIds, input: KustoErrorInput): SandboxResponse {
  return {
    status: input.status,
    headers: { ...kustoHeaders(ids), ...input.extraHeaders },
    body: {
      error: {
        code: input.code,
        message: input.message,
        "@type": input.type,
        "@message": input.detail,
        "@context": {
          timestamp: new Date().toISOString(),
          serviceAlias: "SANDBOX",
          machineName: "KSandbox000000",
          processName: "Kusto.WinSvc.Svc",
          processId: 4242,
          threadId: 4242,
          clientRequestId: ids.clientRequestId,
          activityId: ids.activityId,
          subActivityId: ids.activityId,
          activityType: "DN.FE.ExecuteQuery",
          parentActivityId: ids.activityId,
          activityStack: `(Activity stack: CRID=${ids.clientRequestId} ARID=${ids.activityId})`,
        },
        "@permanent": true,
      },
    },
  };
}

export function badRequest(ids: KustoRequestIds, detail: string): SandboxResponse {
  return kustoError(ids, {
    status: 400,
    code: "General_BadRequest",
    message: "Request is invalid and cannot be executed.",
    type: "Kusto.Data.Exceptions.KustoBadRequestException",
    detail: `Request is invalid and cannot be processed: ${detail}`,
  });
}

/** ADX's answer to a principal without Database Viewer (or better) on the database. */
export function notAuthorizedToRead(ids: KustoRequestIds, principalFqn: string, database: string): SandboxResponse {
  return kustoError(ids, {
    status: 403,
    code: "Forbidden",
    // (from memory) the short message; the @message text is the one quoted in public reports.
    message: "Caller is not authorized to perform this action",
    type: "Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException",
    detail: `Principal '${principalFqn}' is not authorized to read database '${database}'.`,
  });
}

export function forbidden(ids: KustoRequestIds, detail: string): SandboxResponse {
  return kustoError(ids, {
    status: 403,
    code: "Forbidden",
    message: "Caller is not authorized to perform this action",
    type: "Kusto.Data.Exceptions.KustoRequestDeniedException",
    detail,
  });
}
