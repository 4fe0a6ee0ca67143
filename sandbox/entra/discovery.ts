// OpenID Connect discovery, signing keys and instance discovery, shaped like Entra's documents.
// MSAL needs issuer, authorization_endpoint, token_endpoint and jwks_uri, and (msal-common 16)
// checks that the issuer is on the authority's own origin.
import type { SandboxRequest, SandboxResponse } from "../contract";
import { json, withCors } from "../core/http";
import type { SandboxState } from "../core/state";
import { aadsts } from "./error-catalogue";
import { entraErrorResponse } from "./errors";
import { resolveTenantRef } from "./tenant-ref";

export function openIdConfiguration(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  const ref = resolveTenantRef(state.world(), tenantSegment);
  if (!ref) return entraErrorResponse(req, aadsts.tenantNotFoundDiscovery(tenantSegment));
  const origin = state.origin;
  // Entra answers a domain-named authority with the tenant id in every endpoint.
  const pathTenant = ref.kind === "tenant" ? ref.tenant.id : ref.alias;
  const issuerTenant = ref.kind === "tenant" ? ref.tenant.id : "{tenantid}";
  const base = `${origin}/${pathTenant}`;
  return withCors(
    req,
    json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${origin}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/graph/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: [
        "sub",
        "iss",
        "cloud_instance_name",
        "cloud_instance_host_name",
        "cloud_graph_host_name",
        "msgraph_host",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "acr",
        "nonce",
        "preferred_username",
        "name",
        "tid",
        "ver",
        "at_hash",
        "c_hash",
        "email",
      ],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: ref.kind === "tenant" ? "EU" : null,
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
      rbac_url: "https://pas.windows.net",
    }),
  );
}

export function jwks(req: SandboxRequest, state: SandboxState, tenantSegment: string): SandboxResponse {
  if (!resolveTenantRef(state.world(), tenantSegment)) return entraErrorResponse(req, aadsts.tenantNotFoundDiscovery(tenantSegment));
  return withCors(req, json(200, { keys: [state.signingKey.jwk] }));
}

/** Only clients configured without knownAuthorities ask this; answer for the sandbox host. */
export function instanceDiscovery(req: SandboxRequest, state: SandboxState): SandboxResponse {
  const host = new URL(state.origin).host;
  const authorizationEndpoint = req.url.searchParams.get("authorization_endpoint");
  const tenant = authorizationEndpoint ? new URL(authorizationEndpoint).pathname.split("/")[1] || "common" : "common";
  return withCors(
    req,
    json(200, {
      tenant_discovery_endpoint: `${state.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  );
}
