// Entra ID's URL space on the sandbox origin: /{tenant}/... for discovery, keys, authorize,
// token, logout and admin consent, plus /common/discovery/instance.
import type { SandboxRequest, SandboxResponse } from "../contract";
import { html, preflight, redirect } from "../core/http";
import type { SandboxState } from "../core/state";
import { handleAdminConsentGet, handleAdminConsentPost } from "./admin-consent";
import { handleAuthorizeGet, handleAuthorizePost } from "./authorize";
import { instanceDiscovery, jwks, openIdConfiguration } from "./discovery";
import { handleToken } from "./token-endpoint";

export async function handleEntra(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse | null> {
  const segments = req.url.pathname.split("/").filter(Boolean);
  const [tenant, ...rest] = segments;
  if (!tenant) return null;
  const route = rest.join("/");
  const method = req.method.toUpperCase();
  if (method === "OPTIONS") return preflight(req);

  if (tenant === "common" && route === "discovery/instance" && method === "GET") return instanceDiscovery(req, state);
  if (route === "v2.0/.well-known/openid-configuration" && method === "GET") return openIdConfiguration(req, state, tenant);
  if ((route === "discovery/v2.0/keys" || route === "discovery/keys") && method === "GET") return jwks(req, state, tenant);
  // The v1 authorize URL (…/oauth2/authorize?client_id=&response_type=code&redirect_uri=) is still
  // how many guides tell an admin to provision a multi-tenant app; it signs in the same way.
  if (route === "oauth2/v2.0/authorize" || route === "oauth2/authorize") {
    if (method === "GET") return handleAuthorizeGet(req, state, tenant);
    if (method === "POST") return handleAuthorizePost(req, state, tenant);
  }
  if (route === "oauth2/v2.0/token" && method === "POST") return handleToken(req, state, tenant);
  if (route === "oauth2/v2.0/logout" && method === "GET") {
    const target = req.url.searchParams.get("post_logout_redirect_uri");
    return target ? redirect(target) : html(200, "<!doctype html><title>Signed out</title><p>You signed out of the sandbox.</p>");
  }
  if (route === "adminconsent" || route === "v2.0/adminconsent") {
    if (method === "GET") return handleAdminConsentGet(req, state, tenant);
    if (method === "POST") return handleAdminConsentPost(req, state, tenant);
  }
  return null;
}
