// The managed identity endpoint, on its own plain-HTTP listener as on Azure hosts. Two protocols:
//  - App Service (IDENTITY_ENDPOINT + IDENTITY_HEADER): GET /msi/token?api-version=2019-08-01
//    &resource=…[&client_id|object_id|mi_res_id], header X-IDENTITY-HEADER must equal the secret;
//  - IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST): GET /metadata/identity/oauth2/token[/]
//    ?api-version=…&resource=…[&client_id|object_id|msi_res_id|mi_res_id], header Metadata: true.
// Tokens for api://AzureADTokenExchange are the assertions of the FIC exchange: v2.0 (aud = the
// exchange's app id, iss = the identity's tenant v2.0 issuer), sub = oid = principal id, idtyp
// app, and Entra's xms_mirid claim. Tokens for ARM, ADO, Kusto and Graph are v1.0.
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { header, json, queryRecord } from "../core/http";
import type { SandboxState } from "../core/state";
import { findManagedIdentity, findTenant, rolesOf } from "../entra/directory";
import { aadsts } from "../entra/error-catalogue";
import { MANAGED_IDENTITY_CLAIM } from "../entra/federated-assertion";
import { resolveResource } from "../entra/resources";
import { signToken } from "../entra/tokens";
import { appAccessClaims } from "../entra/token-shape";

const tokenQuery = z.object({
  "api-version": z.string().optional(),
  resource: z.string().min(1).optional(),
  client_id: z.string().optional(),
  object_id: z.string().optional(),
  principal_id: z.string().optional(),
  mi_res_id: z.string().optional(),
  msi_res_id: z.string().optional(),
});

export async function handleManagedIdentity(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse | null> {
  const path = req.url.pathname;
  const appService = path === "/msi/token";
  const imds = path === "/metadata/identity/oauth2/token" || path === "/metadata/identity/oauth2/token/";
  if (!appService && !imds) return null;
  if (req.method.toUpperCase() !== "GET") return json(405, { error: "invalid_request", error_description: "Only GET is supported." });

  if (appService && header(req, "x-identity-header") !== state.identityHeader) {
    return json(401, { statusCode: 401, message: "Unauthorized: the X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER." });
  }
  if (imds && header(req, "metadata")?.toLowerCase() !== "true") {
    return json(400, { error: "invalid_request", error_description: "Required metadata header not specified" });
  }
  const query = tokenQuery.safeParse(queryRecord(req.url));
  if (!query.success || !query.data.resource) {
    return badRequest(appService, "invalid_request", "Required query variable 'resource' is missing");
  }
  const world = state.world();
  state.tokenRequests.add({
    endpoint: "mi",
    grantType: "managed_identity",
    tenant: "",
    clientId: query.data.client_id ?? query.data.object_id ?? query.data.principal_id ?? query.data.mi_res_id ?? query.data.msi_res_id ?? "",
    scope: query.data.resource,
  });
  const identity = findManagedIdentity(world, {
    clientId: query.data.client_id,
    objectId: query.data.object_id ?? query.data.principal_id,
    resourceId: query.data.mi_res_id ?? query.data.msi_res_id,
  });
  if (!identity) {
    return badRequest(appService, "invalid_request", appService ? "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId." : "Identity not found");
  }
  // MSAL asks with a resource, never a scope; accept `.default` too in case a caller passes a scope.
  const resourceRef = query.data.resource.replace(/\/\.default$/, "");
  const resource = resolveResource(world, state.origin, resourceRef);
  if (!resource) {
    // The managed identity endpoint passes Entra's error through (IMDS as {error, error_description}).
    const tenantName = findTenant(world, identity.tenantId)?.displayName ?? identity.tenantId;
    const failure = aadsts.resourceNotFound(resourceRef, tenantName);
    return badRequest(appService, failure.error, `AADSTS${failure.code}: ${failure.message}`);
  }
  const lifetime = world.tokenLifetimes.managedIdentitySeconds;
  const roles = rolesOf(world, identity.tenantId, resource.appId, identity.principalId);
  const claims = appAccessClaims(state, {
    tenantId: identity.tenantId,
    resource,
    clientAppId: identity.clientId,
    clientAuthMethod: "2",
    objectId: identity.principalId,
    roles,
    lifetimeSeconds: lifetime,
  });
  // Managed identity tokens name the identity's ARM resource: a userAssignedIdentities resource
  // for a user-assigned identity, the host (a web app, a VM, a container app) for a system-assigned one.
  const accessToken = await signToken(state, { ...claims, [MANAGED_IDENTITY_CLAIM]: identity.resourceId });
  const times = { exp: Number(claims.exp), nbf: Number(claims.nbf) };
  // MSAL requires expires_on (unix seconds); the other fields are what IMDS returns.
  return json(200, {
    access_token: accessToken,
    client_id: identity.clientId,
    expires_in: String(lifetime),
    expires_on: String(times.exp),
    ext_expires_in: String(lifetime),
    not_before: String(times.nbf),
    resource: query.data.resource,
    token_type: "Bearer",
  });
}

function badRequest(appService: boolean, error: string, description: string): SandboxResponse {
  // App Service answers {statusCode, message}; IMDS answers OAuth-style {error, error_description}.
  return appService ? json(400, { statusCode: 400, message: description, correlationId: crypto.randomUUID() }) : json(400, { error, error_description: description });
}
