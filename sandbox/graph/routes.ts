// The Microsoft Graph subset under /graph/v1.0 (https://graph.microsoft.com/v1.0 in production).
import type { SandboxRequest, SandboxResponse } from "../contract";
import type { SandboxState } from "../core/state";
import { createFederatedCredential, deleteFederatedCredential, getApplication, listFederatedCredentials } from "./applications";
import { getMe, getOrganization, getServicePrincipal, listServicePrincipals } from "./directory-objects";
import { graphError } from "./graph-http";

const APP_REF = String.raw`applications(?:\(appId='([^']+)'\)|/([0-9a-fA-F-]{36}))`;
const APPLICATION = new RegExp(`^/${APP_REF}$`);
const FICS = new RegExp(`^/${APP_REF}/federatedIdentityCredentials$`);
const FIC = new RegExp(`^/${APP_REF}/federatedIdentityCredentials/([^/]+)$`);
const SP_BY_APP_ID = /^\/servicePrincipals\(appId='([^']+)'\)$/;
const SP_BY_ID = /^\/servicePrincipals\/([0-9a-fA-F-]{36})$/;

export async function handleGraph(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse | null> {
  const prefix = "/graph/v1.0";
  const decoded = decodeURIComponent(req.url.pathname);
  if (!decoded.startsWith(prefix)) return null;
  const path = decoded.slice(prefix.length) || "/";
  const method = req.method.toUpperCase();
  const appRef = (m: RegExpExecArray) => ({ appId: m[1], objectId: m[2] });
  let m: RegExpExecArray | null;

  if ((m = APPLICATION.exec(path)) && method === "GET") return getApplication(req, state, appRef(m));
  if ((m = FICS.exec(path))) {
    if (method === "GET") return listFederatedCredentials(req, state, appRef(m));
    if (method === "POST") return createFederatedCredential(req, state, appRef(m));
  }
  if ((m = FIC.exec(path)) && method === "DELETE") return deleteFederatedCredential(req, state, appRef(m), m[3]!);
  if ((m = SP_BY_APP_ID.exec(path)) && method === "GET") return getServicePrincipal(req, state, { appId: m[1] });
  if ((m = SP_BY_ID.exec(path)) && method === "GET") return getServicePrincipal(req, state, { id: m[1] });
  if (path === "/servicePrincipals" && method === "GET") return listServicePrincipals(req, state);
  if (path === "/organization" && method === "GET") return getOrganization(req, state);
  if (path === "/me" && method === "GET") return getMe(req, state);
  return graphError(req, 400, "BadRequest", `Resource not found for the segment '${path.split("/")[1] ?? ""}'.`);
}
