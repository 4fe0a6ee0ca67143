// Graph reads of the caller's tenant: service principals (is the app provisioned here?), the
// organization (tenant name and domains) and /me.
import type { SandboxRequest, SandboxResponse } from "../contract";
import type { SandboxState } from "../core/state";
import { findApplication, findServicePrincipal, findTenant, findUserByOid } from "../entra/directory";
import { firstPartyByAppId } from "../entra/first-party";
import type { ServicePrincipal } from "../world/identity";
import { denied, graphCaller, graphError, graphOk, notFoundIn } from "./graph-http";

const DIRECTORY_READ_ROLES = ["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const ORGANIZATION_READ_ROLES = ["Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

function servicePrincipalJson(state: SandboxState, sp: ServicePrincipal): Record<string, unknown> {
  const app = findApplication(state.world(), sp.appId);
  return {
    id: sp.id,
    appId: sp.appId,
    displayName: sp.displayName ?? app?.displayName ?? firstPartyByAppId(sp.appId)?.displayName ?? sp.appId,
    accountEnabled: sp.enabled && !app?.disabled,
    appOwnerOrganizationId: app?.homeTenantId ?? "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
    servicePrincipalType: "Application",
    signInAudience: app?.signInAudience ?? "AzureADMultipleOrgs",
    appRoles: (app?.appRoles ?? []).map((r) => ({ ...r, description: r.displayName, isEnabled: true, origin: "Application" })),
  };
}

export async function getServicePrincipal(req: SandboxRequest, state: SandboxState, ref: { appId?: string; id?: string }): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (caller.isApp && !DIRECTORY_READ_ROLES.some((r) => caller.roleSet.has(r))) return denied(req);
  const world = state.world();
  const sp = ref.appId ? findServicePrincipal(world, caller.tid, ref.appId) : world.servicePrincipals.find((s) => s.id === ref.id && s.tenantId === caller.tid);
  if (!sp) return notFoundIn(req, ref.appId ?? ref.id ?? "");
  return graphOk(state, 200, "servicePrincipals/$entity", servicePrincipalJson(state, sp));
}

export async function listServicePrincipals(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (caller.isApp && !DIRECTORY_READ_ROLES.some((r) => caller.roleSet.has(r))) return denied(req);
  const filter = req.url.searchParams.get("$filter");
  const world = state.world();
  if (filter) {
    // The portal only filters by appId; other filters are not supported by the sandbox.
    const match = /^\s*appId\s+eq\s+'([^']+)'\s*$/i.exec(filter);
    if (!match) return graphError(req, 400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified: ${filter}`);
    const sp = findServicePrincipal(world, caller.tid, match[1]!);
    return graphOk(state, 200, "servicePrincipals", { value: sp ? [servicePrincipalJson(state, sp)] : [] });
  }
  const inTenant = world.servicePrincipals.filter((s) => s.tenantId === caller.tid);
  return graphOk(state, 200, "servicePrincipals", { value: inTenant.map((sp) => servicePrincipalJson(state, sp)) });
}

export async function getOrganization(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (caller.isApp && !ORGANIZATION_READ_ROLES.some((r) => caller.roleSet.has(r))) return denied(req);
  const tenant = findTenant(state.world(), caller.tid);
  if (!tenant) return notFoundIn(req, caller.tid);
  return graphOk(state, 200, "organization", {
    value: [
      {
        id: tenant.id,
        displayName: tenant.displayName,
        tenantType: "AAD",
        verifiedDomains: [{ name: tenant.defaultDomain, isDefault: true, isInitial: true, type: "Managed", capabilities: "Email, OfficeCommunicationsOnline" }],
      },
    ],
  });
}

export async function getMe(req: SandboxRequest, state: SandboxState): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (caller.isApp) {
    return graphError(req, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  }
  const user = findUserByOid(state.world(), caller.oid);
  if (!user) return notFoundIn(req, caller.oid);
  return graphOk(state, 200, "users/$entity", { id: user.oid, displayName: user.displayName, userPrincipalName: user.upn, mail: user.upn });
}
