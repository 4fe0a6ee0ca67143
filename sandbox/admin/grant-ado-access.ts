// POST /_sandbox/ado/grant: the target tenant's Azure DevOps administrator's part, done for the
// demo. It adds an app's service principal (in the organization's tenant, so after admin consent)
// to the organization with Basic access and to the Readers group of every project, which is what
// an administrator does in Organization settings → Users and Project settings → Permissions.
import { z } from "zod";
import type { SandboxResponse } from "../contract";
import { json } from "../core/http";
import type { SandboxState } from "../core/state";

export const grantAdoAccessSchema = z
  .object({
    organization: z.string().min(1).max(50),
    /** The app's client id; its service principal in the organization's tenant is added. */
    appId: z.guid(),
  })
  .strict();

export function grantAdoAccess(state: SandboxState, input: z.infer<typeof grantAdoAccessSchema>): SandboxResponse {
  const world = state.fullWorld();
  const organization = world.ado.organizations.find((org) => org.name.toLowerCase() === input.organization.toLowerCase());
  if (!organization) return json(404, { error: "organization_not_found", message: `The sandbox has no Azure DevOps organization named ${input.organization}.` });
  const sp = world.servicePrincipals.find((candidate) => candidate.tenantId === organization.tenantId && candidate.appId === input.appId);
  if (!sp) {
    return json(409, {
      error: "no_service_principal",
      message: `App ${input.appId} has no service principal in the organization's tenant yet: its administrator must grant admin consent first.`,
    });
  }
  const tenant = world.tenants.find((candidate) => candidate.id === organization.tenantId);
  const projects: string[] = [];
  state.mutate((current) => {
    const org = current.ado.organizations.find((candidate) => candidate.id === organization.id)!;
    if (!org.members.some((member) => member.principalId === sp.id)) {
      org.members.push({ principalId: sp.id, kind: "servicePrincipal", displayName: sp.displayName ?? input.appId, accessLevel: "basic" });
    }
    for (const project of org.projects) {
      if (!project.groups.readers.includes(sp.id)) project.groups.readers.push(sp.id);
      projects.push(project.name);
    }
  });
  return json(200, {
    organization: organization.name,
    tenant: tenant?.displayName ?? organization.tenantId,
    servicePrincipalId: sp.id,
    accessLevel: "basic",
    readerOf: projects,
  });
}
