// The Azure Blob Storage data plane subset of the sandbox: List Containers, mounted at
// {origin}/storage/{account} (the real endpoint is https://{account}.blob.core.windows.net).
// Storage checks the bearer token (x-ms-version 2017-11-09 or later, audience, issuer tenant),
// then Azure RBAC's data actions from the world's role assignments. Error bodies are Storage's
// XML envelope; codes and texts are taken from the Blob service error code list
// (https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes) and common
// REST API error codes (https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes).
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from "../contract";
import { pathSegments } from "../ado/route-match";
import { isDataAuthorized } from "../arm/authorization";
import { storageAccountScope, type ArmSubscription, type StorageAccount } from "../world/arm";
import { RESOURCE } from "../world/default/ids";

/** Audiences Storage accepts: the service-wide resource, or the account's own blob endpoint. */
const storageAudiences = (ctx: SandboxContext, account: string) => [RESOURCE.storage.uri, `${RESOURCE.storage.uri}/`, `${ctx.origin}/storage/${account}`, `https://${account}.blob.core.windows.net`];
/** Listing containers is a read of the containers' data (Storage Blob Data Reader or above). */
export const LIST_CONTAINERS_DATA_ACTION = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function storageError(ctx: SandboxContext, status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  const requestId = ctx.newTraceId();
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`;
  return { status, headers: { "content-type": "application/xml", "x-ms-request-id": requestId, "x-ms-error-code": code, ...headers }, body };
}

/** The challenge Storage sends with a 401 for bearer tokens: where to get one, for which resource. */
const challenge = (ctx: SandboxContext, tenantId: string) => ({
  "www-authenticate": `Bearer authorization_uri=${ctx.origin}/${tenantId}/oauth2/authorize resource_id=${RESOURCE.storage.uri}`,
});

function findAccount(ctx: SandboxContext, name: string): { subscription: ArmSubscription; account: StorageAccount } | null {
  for (const subscription of ctx.world().arm.subscriptions) {
    const account = subscription.storageAccounts.find((candidate) => candidate.name === name.toLowerCase());
    if (account) return { subscription, account };
  }
  return null;
}

function listContainers(ctx: SandboxContext, account: StorageAccount): SandboxResponse {
  const endpoint = `${ctx.origin}/storage/${account.name}/`;
  const containers = [...account.containers]
    .sort()
    .map(
      (name) =>
        `<Container><Name>${escapeXml(name)}</Name><Properties><Last-Modified>Mon, 06 Jan 2025 09:00:00 GMT</Last-Modified><Etag>"0x8DD2E3B1C0FFEE0"</Etag><LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState><HasImmutabilityPolicy>false</HasImmutabilityPolicy><HasLegalHold>false</HasLegalHold></Properties></Container>`,
    )
    .join("");
  const body = `<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="${escapeXml(endpoint)}"><Containers>${containers}</Containers><NextMarker /></EnumerationResults>`;
  return { status: 200, headers: { "content-type": "application/xml", "x-ms-request-id": ctx.newTraceId(), "x-ms-version": "2021-08-06" }, body };
}

async function handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null> {
  const segments = pathSegments(req.url.pathname);
  if (!segments || segments[0] !== "storage" || segments.length !== 2 || req.method.toUpperCase() !== "GET") return null;
  if (req.url.searchParams.get("comp") !== "list") return null;
  const found = findAccount(ctx, segments[1] as string);
  // A real account name that does not exist has no DNS name; the sandbox answers 404 instead.
  if (!found) return storageError(ctx, 404, "ResourceNotFound", "The specified resource does not exist.");
  const { subscription, account } = found;
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (!match)
    return storageError(
      ctx,
      401,
      "NoAuthenticationInformation",
      "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
      challenge(ctx, subscription.tenantId),
    );
  const version = String(req.headers["x-ms-version"] ?? "");
  if (!version || version < "2017-11-09") return storageError(ctx, 400, "AuthenticationFailed", "Authentication scheme Bearer is not supported in this version.");
  const claims = await ctx.verifyAccessToken(match[1] as string);
  if (!claims)
    return storageError(
      ctx,
      401,
      "InvalidAuthenticationInfo",
      "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.",
      challenge(ctx, subscription.tenantId),
    );
  if (!storageAudiences(ctx, account.name).includes(claims.aud)) {
    return storageError(
      ctx,
      401,
      "InvalidAuthenticationInfo",
      "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.\nAuthenticationErrorDetail:Audience validation failed. Audience did not match.",
      challenge(ctx, subscription.tenantId),
    );
  }
  if (claims.tid.toLowerCase() !== subscription.tenantId.toLowerCase()) {
    return storageError(
      ctx,
      401,
      "InvalidAuthenticationInfo",
      "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.\nAuthenticationErrorDetail:Issuer validation failed. Issuer did not match.",
      challenge(ctx, subscription.tenantId),
    );
  }
  if (!isDataAuthorized(subscription, claims.oid, LIST_CONTAINERS_DATA_ACTION, storageAccountScope(subscription.subscriptionId, account))) {
    return storageError(ctx, 403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.");
  }
  return listContainers(ctx, account);
}

export const storageService: SandboxService = { name: "Azure Storage (Blob)", prefix: "/storage", handle };
