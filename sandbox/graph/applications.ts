// Graph applications and their federated identity credentials, as the portal uses them: read the
// connector app, list its FICs, and create the FIC for the operator when they have the rights.
// https://learn.microsoft.com/graph/api/application-post-federatedidentitycredentials
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract";
import type { SandboxState } from "../core/state";
import { findApplication, findApplicationByObjectId, findServicePrincipal, findUserByOid, stableGuid } from "../entra/directory";
import type { Application, FederatedIdentityCredential } from "../world/identity";
import { resolveIssuer } from "../world/issuer";
import { denied, graphCaller, graphError, graphOk, notFoundIn, type GraphCaller } from "./graph-http";

const MAX_FICS = 20;

const ficCreateSchema = z
  .object({
    name: z.string(),
    issuer: z.string(),
    subject: z.string(),
    audiences: z.array(z.string()),
    description: z.string().nullable().optional(),
  })
  .strict();

/** `/applications(appId='…')` or `/applications/{objectId}` within the caller's tenant. */
export function findCallerApplication(state: SandboxState, caller: GraphCaller, ref: { appId?: string; objectId?: string }): Application | undefined {
  const world = state.world();
  const app = ref.appId ? findApplication(world, ref.appId) : ref.objectId ? findApplicationByObjectId(world, ref.objectId) : undefined;
  return app && app.homeTenantId.toLowerCase() === caller.tid.toLowerCase() ? app : undefined;
}

export function applicationJson(state: SandboxState, app: Application): Record<string, unknown> {
  return {
    id: app.objectId,
    appId: app.appId,
    displayName: app.displayName,
    signInAudience: app.signInAudience,
    publisherDomain: state.world().tenants.find((t) => t.id === app.homeTenantId)?.defaultDomain ?? null,
    identifierUris: app.identifierUris,
    disabledByMicrosoftStatus: app.disabled ? "DisabledDueToViolationOfServicesAgreement" : null,
    web: { redirectUris: app.web.redirectUris },
    spa: { redirectUris: app.spa.redirectUris },
    appRoles: app.appRoles.map((r) => ({ ...r, description: r.displayName, isEnabled: true, origin: "Application" })),
    requiredResourceAccess: app.requiredResourceAccess.map((access) => ({
      resourceAppId: access.resourceAppId,
      resourceAccess: [
        ...access.scopes.map((value) => ({ id: stableGuid(`${access.resourceAppId}/scope/${value}`), type: "Scope" })),
        ...access.roles.map((value) => ({ id: stableGuid(`${access.resourceAppId}/role/${value}`), type: "Role" })),
      ],
    })),
    // Graph never returns a secret's value, only a hint.
    passwordCredentials: app.passwordCredentials.map((p) => ({
      keyId: p.keyId,
      displayName: p.displayName ?? null,
      endDateTime: p.endDateTime ?? null,
      hint: p.secretText.slice(0, 3),
      secretText: null,
    })),
  };
}

export function ficJson(state: SandboxState, fic: FederatedIdentityCredential): Record<string, unknown> {
  return { id: fic.id, name: fic.name, issuer: resolveIssuer(fic.issuer, state.origin), subject: fic.subject, description: fic.description ?? null, audiences: fic.audiences };
}

export async function getApplication(req: SandboxRequest, state: SandboxState, ref: { appId?: string; objectId?: string }): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (!canReadApplications(state, caller)) return denied(req);
  const app = findCallerApplication(state, caller, ref);
  if (!app) return notFoundIn(req, ref.appId ?? ref.objectId ?? "");
  return graphOk(state, 200, "applications/$entity", applicationJson(state, app));
}

export async function listFederatedCredentials(req: SandboxRequest, state: SandboxState, ref: { appId?: string; objectId?: string }): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  if (!canReadApplications(state, caller)) return denied(req);
  const app = findCallerApplication(state, caller, ref);
  if (!app) return notFoundIn(req, ref.appId ?? ref.objectId ?? "");
  return graphOk(state, 200, `applications('${app.objectId}')/federatedIdentityCredentials`, {
    value: app.federatedIdentityCredentials.map((fic) => ficJson(state, fic)),
  });
}

export async function createFederatedCredential(req: SandboxRequest, state: SandboxState, ref: { appId?: string; objectId?: string }): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  const app = findCallerApplication(state, caller, ref);
  if (!app) return canReadApplications(state, caller) ? notFoundIn(req, ref.appId ?? ref.objectId ?? "") : denied(req);
  if (!canWriteApplication(state, caller, app)) return denied(req);

  let raw: unknown;
  try {
    raw = JSON.parse(req.body.toString("utf8") || "null");
  } catch {
    return graphError(req, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
  }
  const parsed = ficCreateSchema.safeParse(raw);
  if (!parsed.success) {
    const property = parsed.error.issues[0]?.path[0] ?? "body";
    return graphError(req, 400, "Request_BadRequest", `Invalid value specified for property '${String(property)}' of resource 'FederatedIdentityCredential'.`);
  }
  const input = parsed.data;
  const invalid = (property: string) => graphError(req, 400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'FederatedIdentityCredential'.`);
  // Entra's limits: name 3-120 URL-safe characters, unique per app; issuer, subject and one
  // audience required; at most 20 credentials per app. Wrong-but-valid values are accepted:
  // Entra only notices them when an exchange fails.
  if (!/^[A-Za-z0-9._~-]{3,120}$/.test(input.name)) return invalid("name");
  if (!input.issuer.trim() || input.issuer.length > 600) return invalid("issuer");
  if (!input.subject.trim() || input.subject.length > 600) return invalid("subject");
  if (input.audiences.length !== 1 || !input.audiences[0]?.trim()) return invalid("audiences");
  if (app.federatedIdentityCredentials.some((f) => f.name.toLowerCase() === input.name.toLowerCase())) {
    return graphError(req, 409, "Request_MultipleObjectsWithSameKeyValue", `FederatedIdentityCredential with name ${input.name} already exists.`);
  }
  if (app.federatedIdentityCredentials.length >= MAX_FICS) {
    return graphError(req, 400, "Request_BadRequest", `The number of federated identity credentials exceeds the maximum limit of ${MAX_FICS}.`);
  }
  const fic: FederatedIdentityCredential = {
    id: randomUUID(),
    name: input.name,
    issuer: input.issuer,
    subject: input.subject,
    audiences: input.audiences,
    ...(input.description ? { description: input.description } : {}),
  };
  state.mutate((world) => {
    world.applications.find((a) => a.appId === app.appId)?.federatedIdentityCredentials.push(fic);
  });
  return graphOk(state, 201, `applications('${app.objectId}')/federatedIdentityCredentials/$entity`, ficJson(state, fic));
}

export async function deleteFederatedCredential(req: SandboxRequest, state: SandboxState, ref: { appId?: string; objectId?: string }, ficRef: string): Promise<SandboxResponse> {
  const caller = await graphCaller(req, state);
  if ("status" in caller) return caller;
  const app = findCallerApplication(state, caller, ref);
  if (!app) return notFoundIn(req, ref.appId ?? ref.objectId ?? "");
  if (!canWriteApplication(state, caller, app)) return denied(req);
  const index = app.federatedIdentityCredentials.findIndex((f) => f.id === ficRef || f.name === ficRef);
  if (index < 0) return notFoundIn(req, ficRef);
  state.mutate((world) => {
    const stored = world.applications.find((a) => a.appId === app.appId)?.federatedIdentityCredentials;
    const at = stored?.findIndex((f) => f.id === ficRef || f.name === ficRef) ?? -1;
    if (stored && at >= 0) stored.splice(at, 1);
  });
  return { status: 204 };
}

const READ_ROLES = ["Application.Read.All", "Application.ReadWrite.All", "Application.ReadWrite.OwnedBy", "Directory.Read.All", "Directory.ReadWrite.All"];

function canReadApplications(_state: SandboxState, caller: GraphCaller): boolean {
  // Any signed-in member may read app registrations of their tenant (default user permissions).
  return caller.isApp ? READ_ROLES.some((r) => caller.roleSet.has(r)) : true;
}

/**
 * Writing needs the permission in the token AND the right in the directory: delegated callers
 * need Application.ReadWrite.All (or Directory.AccessAsUser.All) and must own the app or hold an
 * admin role; app-only callers need Application.ReadWrite.All, or .OwnedBy plus ownership.
 */
function canWriteApplication(state: SandboxState, caller: GraphCaller, app: Application): boolean {
  const owners = new Set(app.owners.map((o) => o.toLowerCase()));
  if (caller.isApp) {
    if (caller.roleSet.has("Application.ReadWrite.All")) return true;
    const sp = findServicePrincipal(state.world(), caller.tid, caller.appid ?? caller.azp ?? "");
    return caller.roleSet.has("Application.ReadWrite.OwnedBy") && !!sp && owners.has(sp.id.toLowerCase());
  }
  const delegated = caller.scopeSet.has("Application.ReadWrite.All") || caller.scopeSet.has("Directory.AccessAsUser.All");
  const user = findUserByOid(state.world(), caller.oid);
  const directoryRight = owners.has(caller.oid.toLowerCase()) || (!!user && user.isAdmin && user.tenantId.toLowerCase() === caller.tid.toLowerCase());
  return delegated && directoryRight;
}
