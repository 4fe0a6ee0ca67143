// Security namespaces and permission checks for the calling identity:
// GET _apis/securitynamespaces[/{id}], GET _apis/permissions/{ns}/{bits}?tokens=…&alwaysAllowAdministrators=…
// and POST _apis/security/permissionevaluationbatch. Each answers one boolean per token or
// evaluation, in order, without short-circuiting (the REST spec's own description).
import { z } from "zod";
import type { SandboxResponse } from "../../contract";
import { parseJsonBody, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { hasPermission } from "../permissions";
import { SECURITY_NAMESPACES, findNamespace } from "../security-namespaces";

export function listNamespaces(call: AdoCall): SandboxResponse {
  const id = call.params.namespace;
  const namespaces = id === undefined ? SECURITY_NAMESPACES : SECURITY_NAMESPACES.filter((namespace) => namespace.namespaceId === id.toLowerCase());
  return adoJson({ count: namespaces.length, value: namespaces });
}

export function hasPermissions(call: AdoCall): SandboxResponse {
  const namespaceId = call.params.namespace as string;
  const permissions = Number(call.params.permissions);
  if (!Number.isInteger(permissions) || permissions <= 0) return adoError(400, "ArgumentException", "The permissions value must be a positive integer bit mask.");
  if (!findNamespace(namespaceId)) {
    return adoError(404, "InvalidSecurityNamespaceException", `The security namespace ${namespaceId} is not valid.`);
  }
  const delimiter = call.query.get("delimiter") || ",";
  const tokens = (call.query.get("tokens") ?? "").split(delimiter);
  const alwaysAllowAdministrators = call.query.get("alwaysAllowAdministrators")?.toLowerCase() === "true";
  const value = tokens.map((token) => hasPermission(call.org, call.caller.principalId, { namespaceId, token, permissions, alwaysAllowAdministrators }));
  return adoJson({ count: value.length, value });
}

// ADO ignores fields it does not know in request bodies, so unknown keys are dropped, not refused.
const batchSchema = z.object({
  alwaysAllowAdministrators: z.boolean().default(false),
  evaluations: z
    .array(
      z.object({
        securityNamespaceId: z.guid(),
        token: z.string(),
        permissions: z.number().int().positive(),
        value: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(200),
});

export function evaluationBatch(call: AdoCall): SandboxResponse {
  const parsed = batchSchema.safeParse(parseJsonBody(call));
  if (!parsed.success) {
    return adoError(
      400,
      "ArgumentException",
      `The request body is not a valid PermissionEvaluationBatch: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
    );
  }
  const { alwaysAllowAdministrators, evaluations } = parsed.data;
  return adoJson({
    evaluations: evaluations.map((evaluation) => ({
      securityNamespaceId: evaluation.securityNamespaceId,
      token: evaluation.token,
      permissions: evaluation.permissions,
      value: hasPermission(call.org, call.caller.principalId, {
        namespaceId: evaluation.securityNamespaceId,
        token: evaluation.token,
        permissions: evaluation.permissions,
        alwaysAllowAdministrators,
      }),
    })),
    alwaysAllowAdministrators,
  });
}
