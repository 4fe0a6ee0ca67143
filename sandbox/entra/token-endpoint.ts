// POST /{tenant}/oauth2/v2.0/token. Unknown form fields (MSAL's x-client-* telemetry, claims,
// client_info) are ignored, as Entra ignores them.
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import { formBody, json, withCors } from "../core/http";
import type { SandboxState } from "../core/state";
import { aadsts } from "./error-catalogue";
import { correlationIdOf, EntraFailure, entraErrorResponse } from "./errors";
import { clientCredentialFields, readClientCredential } from "./grants/client-auth";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { authorizationCodeGrant, refreshTokenGrant } from "./grants/user-grants";
import { resolveTenantRef } from "./tenant-ref";

const tokenForm = clientCredentialFields.extend({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  scope: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

export async function handleToken(req: SandboxRequest, state: SandboxState, tenantSegment: string): Promise<SandboxResponse> {
  try {
    const body = await dispatch(req, state, tenantSegment);
    const correlationId = correlationIdOf(req);
    return withCors(req, json(200, body, { "cache-control": "no-store", pragma: "no-cache", "client-request-id": correlationId }));
  } catch (err) {
    if (err instanceof EntraFailure) return entraErrorResponse(req, err.detail);
    throw err;
  }
}

async function dispatch(req: SandboxRequest, state: SandboxState, tenantSegment: string): Promise<Record<string, unknown>> {
  const ref = resolveTenantRef(state.world(), tenantSegment);
  if (!ref) throw new EntraFailure(aadsts.tenantNotFound(tenantSegment));
  const form = tokenForm.parse(formBody(req));
  state.tokenRequests.add({ endpoint: "entra", grantType: form.grant_type ?? "", tenant: tenantSegment, clientId: form.client_id ?? "", scope: form.scope ?? "" });
  if (!form.grant_type) throw new EntraFailure(aadsts.missingParameter("grant_type"));
  if (!form.client_id) throw new EntraFailure(aadsts.missingParameter("client_id"));
  const credential = readClientCredential(req, form);
  const pathTenant = ref.kind === "tenant" ? ref.tenant : null;
  switch (form.grant_type) {
    case "client_credentials":
      // An app token is always for one tenant: organizations/common cannot say which.
      if (!pathTenant) throw new EntraFailure(aadsts.tenantRequired(tenantSegment));
      return clientCredentialsGrant(state, pathTenant, { clientId: form.client_id, scope: form.scope, credential });
    case "authorization_code":
      return authorizationCodeGrant(req, state, pathTenant, {
        clientId: form.client_id,
        scope: form.scope,
        credential,
        code: form.code,
        redirectUri: form.redirect_uri,
        codeVerifier: form.code_verifier,
      });
    case "refresh_token":
      return refreshTokenGrant(req, state, pathTenant, { clientId: form.client_id, scope: form.scope, credential, refreshToken: form.refresh_token });
    default:
      throw new EntraFailure(aadsts.unsupportedGrant(form.grant_type));
  }
}
