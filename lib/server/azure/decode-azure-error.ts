import "server-only";
// Explains what ARM, Storage, Key Vault and Graph answer when an Azure resource connector's call
// fails. The one that matters most is ARM's AuthorizationFailed across tenants: a role assigned to
// the identity's object id in its home tenant (the managed identity's principal id, or the app's
// service principal there) is never honoured in the target tenant, which knows the app only by its
// own service principal: the object id the exchange's token carries in `oid`.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { notAnswering } from "@/lib/server/pipeline/unanswered";
import type { UnansweredReason } from "@/lib/server/outbound/outbound-fetch";
import { azureResourceInfo, type AzureResource } from "@/lib/schemas/azure-resource";

export type AzureErrorContext = {
  resource: AzureResource;
  target: string | null;
  method: "mi_fic" | "managed_identity";
  /** The caller's object id in the resource's tenant (the token's oid). */
  principalId: string | null;
  appClientId: string | null;
  targetTenantId: string | null;
  miClientId: string | null;
  miPrincipalId: string | null;
};

export type AzureFailure = { unreachable: string; hint?: string; reason?: UnansweredReason } | { status: number; body: string; headers: Headers };

const RAW_LIMIT = 2000;
const RBAC_DOCS = "https://learn.microsoft.com/azure/role-based-access-control/troubleshooting";

function errorOf(body: string): { code?: string; message?: string; inner?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown; innererror?: { code?: unknown } } };
    const error = parsed.error;
    if (error && typeof error === "object") {
      return {
        code: typeof error.code === "string" ? error.code : undefined,
        message: typeof error.message === "string" ? error.message : undefined,
        inner: typeof error.innererror?.code === "string" ? error.innererror.code : undefined,
      };
    }
  } catch {
    // Storage answers XML.
  }
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1];
  return { code, message: message?.split("\n")[0] };
}

/** Who the caller is, in words, for the cause. */
function callerWords(context: AzureErrorContext, objectId: string): string {
  return context.method === "mi_fic"
    ? `the service principal of app ${context.appClientId ?? "?"} in tenant ${context.targetTenantId ?? "?"} (object id ${objectId})`
    : `the managed identity ${context.miClientId ?? "?"} (object id ${objectId})`;
}

/** The home-tenant object ids an operator may have assigned the role to by mistake. */
function homeObjectIds(context: AzureErrorContext, objectId: string): string {
  if (context.method !== "mi_fic") return "";
  const home = [
    context.miPrincipalId && context.miPrincipalId !== objectId ? `the managed identity's principal id ${context.miPrincipalId}` : null,
    "the app's service principal in its home tenant",
  ].filter(Boolean);
  return ` A role assigned to an object id from the agent's tenant (${home.join(", or ")}) is never honoured here: the target tenant knows the app only by its own service principal.`;
}

function assignFix(role: string, objectId: string, scope: string): string {
  return `az role assignment create --assignee-object-id ${objectId} --assignee-principal-type ServicePrincipal --role "${role}" --scope ${scope}`;
}

export function decodeAzureError(failure: AzureFailure, context: AzureErrorContext): DecodedError {
  const info = azureResourceInfo[context.resource];
  if ("unreachable" in failure) return notAnswering(info.label, failure, `Check the portal's network access to ${info.label}, then try again.`);
  const { status, body, headers } = failure;
  const { code, message, inner } = errorOf(body);
  const raw = (message ?? body).slice(0, RAW_LIMIT) || `HTTP ${status}`;
  const traceId = headers.get("x-ms-request-id") ?? headers.get("request-id") ?? undefined;
  const base = { raw, traceId, correlationId: headers.get("x-ms-correlation-request-id") ?? undefined };

  if (code === "AuthorizationFailed") {
    const objectId = /object id '([0-9a-f-]{36})'/i.exec(message ?? "")?.[1] ?? context.principalId ?? "?";
    const action = /perform action '([^']+)'/.exec(message ?? "")?.[1] ?? "Microsoft.Resources/subscriptions/resourcegroups/read";
    const scope = /over scope '([^']+)'/.exec(message ?? "")?.[1] ?? `/subscriptions/${context.target ?? "?"}`;
    return {
      code,
      title: "No role for this identity in the target tenant",
      cause: `Azure Resource Manager evaluated the caller as ${callerWords(context, objectId)} and found no role that allows ${action} at ${scope}.${homeObjectIds(context, objectId)}`,
      fix: `In the target tenant, assign Reader (or a role that allows ${action}) at ${scope} to object id ${objectId}, type ServicePrincipal, and remove any assignment that names a home-tenant object id: ${assignFix("Reader", objectId, scope)}. Role assignments can take a few minutes to apply.`,
      expected: `A role assignment at ${scope} for object id ${objectId} (the caller in this tenant)`,
      configured: "No role assignment for that object id (one naming another tenant's object id does not count)",
      link: { label: "Troubleshoot Azure RBAC", href: RBAC_DOCS },
      ...base,
    };
  }
  if (code === "InvalidAuthenticationTokenTenant" || (context.resource !== "arm" && /Issuer validation failed|AKV10032/.test(raw))) {
    const wanted = /associated with this subscription|Expected one of/.test(raw)
      ? (/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?'? associated/i.exec(raw)?.[1] ?? /sts\.windows\.net\/([0-9a-f-]{36})/i.exec(raw)?.[1])
      : undefined;
    return {
      code: code ?? `HTTP ${status}`,
      title: `The ${context.target ?? "resource"} is in another tenant`,
      cause: `${info.label} refused a token issued in tenant ${context.targetTenantId ?? "?"}: the ${info.target?.label.toLowerCase() ?? "resource"} belongs to ${wanted ? `tenant ${wanted}` : "another tenant"}.`,
      fix: wanted
        ? `Set the connector's target tenant to ${wanted} (and consent the app there), or pick a ${info.target?.label.toLowerCase() ?? "resource"} in tenant ${context.targetTenantId}.`
        : "Set the connector's target tenant to the tenant that owns the resource.",
      expected: wanted ? `target tenant = ${wanted}` : undefined,
      configured: `target tenant = ${context.targetTenantId ?? "?"}`,
      ...base,
    };
  }
  if (code === "SubscriptionNotFound" || code === "ResourceNotFound" || code === "VaultNotFound" || status === 404) {
    return {
      code: code ?? "HTTP 404",
      title: `${info.target?.label ?? "The resource"} ${context.target ?? ""} was not found`.replace(/\s+/g, " ").trim(),
      cause: `${info.label} has no ${info.target?.label.toLowerCase() ?? "resource"} named ${context.target ?? "?"}.`,
      fix: `Check the ${info.target?.label.toLowerCase() ?? "target"} in the Azure portal and correct it on the connector.`,
      ...base,
    };
  }
  const objectId = context.principalId ?? "?";
  if (code === "AuthorizationPermissionMismatch" || (context.resource === "storage" && status === 403)) {
    const scope = `the storage account ${context.target ?? "?"}`;
    return {
      code: code ?? "HTTP 403",
      title: "No Storage Blob Data role for this identity",
      cause: `Storage authorizes data by Azure RBAC's data roles: ${callerWords(context, objectId)} holds none on ${scope}. Owner, Contributor and Reader manage the account but read no data.${homeObjectIds(context, objectId)}`,
      fix: `Assign Storage Blob Data Reader on ${scope} (Access control (IAM) → Add role assignment) to object id ${objectId}, type ServicePrincipal. Role assignments can take a few minutes to apply.`,
      expected: `Storage Blob Data Reader on ${scope} for object id ${objectId}`,
      configured: "No data role for that object id",
      link: { label: "Authorize access to blobs with Microsoft Entra ID", href: "https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory" },
      ...base,
    };
  }
  if (context.resource === "keyvault" && status === 403) {
    const rbac = inner === "ForbiddenByRbac";
    return {
      code: inner ?? code ?? "HTTP 403",
      title: "The identity may not list this vault's secrets",
      cause: rbac
        ? `The vault uses Azure RBAC and ${callerWords(context, objectId)} holds no role with secrets/readMetadata on it.${homeObjectIds(context, objectId)}`
        : `The vault's access policies give ${callerWords(context, objectId)} no List permission on secrets.`,
      fix: rbac
        ? `Assign Key Vault Secrets User (or Key Vault Reader, which lists names without values) on the vault ${context.target ?? "?"} to object id ${objectId}, type ServicePrincipal. Role assignments can take a few minutes to apply.`
        : `Add an access policy for object id ${objectId} with the secret permission List (Key vault → Access policies → Create).`,
      expected: `Secret list permission for object id ${objectId}`,
      configured: "None",
      link: { label: "Key Vault RBAC guide", href: "https://learn.microsoft.com/azure/key-vault/general/rbac-guide" },
      ...base,
    };
  }
  if (context.resource === "graph" && status === 403) {
    return {
      code: code ?? "HTTP 403",
      title: "The app has no Graph permission to read the organization",
      cause: `Microsoft Graph found no application permission for ${callerWords(context, objectId)} that allows GET /organization.`,
      fix: "Add the application permission Organization.Read.All to the app (API permissions → Microsoft Graph → Application permissions), then have the target tenant's admin grant consent.",
      expected: "Organization.Read.All (application) consented in the target tenant",
      configured: "Not granted",
      link: { label: "Graph: get organization permissions", href: "https://learn.microsoft.com/graph/api/organization-get" },
      ...base,
    };
  }
  if (status === 401) {
    return {
      code: code ?? "HTTP 401",
      title: `${info.label} did not accept the token`,
      cause: `${info.label} refused the token: ${message ?? "no reason given"}.`,
      fix: `Check that the token is for ${info.resource} and was issued in the tenant that owns the resource, then run the test again.`,
      ...base,
    };
  }
  return {
    code: code ?? `HTTP ${status}`,
    title: `${info.label} answered ${status}`,
    cause: "TenantBridge has no explanation for this answer; it is shown verbatim below.",
    fix: "Read the message below; quote its request id to Azure support if it persists.",
    ...base,
  };
}
