// What every Azure DevOps handler receives: the organization, the authenticated member, the
// route's parameters and helpers to answer in ADO's shapes.
import type { SandboxContext, SandboxRequest, SandboxResponse } from "../contract";
import type { AdoMember, AdoOrganization, AdoProject } from "../world/ado";
import type { AdoIdentity } from "./authenticate";
import { adoError } from "./errors";
import { findProject } from "./lookup";
import { isProjectMember } from "./permissions";
import type { RouteParams } from "./route-match";

export type AdoCall = {
  req: SandboxRequest;
  ctx: SandboxContext;
  org: AdoOrganization;
  caller: AdoIdentity;
  member: AdoMember;
  params: RouteParams;
  query: URLSearchParams;
};

export type AdoHandler = (call: AdoCall) => SandboxResponse | Promise<SandboxResponse>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ADO answers the same 404 for a project that does not exist and one the caller cannot see, so
 * a caller never learns which projects exist. Addressed by id, the message is VS800075 and names
 * the project's vstfs URI (as quoted from az devops and the pipelines tasks, and in
 * https://learn.microsoft.com/azure/devops/pipelines/library/add-devops-entra-service-connection);
 * addressed by name it is TF200016 (typeKey ProjectDoesNotExistWithNameException), as clients
 * quote it, e.g. "TF200016: The following project does not exist: MyProject."
 * (https://github.com/microsoft/azure-devops-mcp issues and public client tests).
 */
export function projectNotFound(idOrName: string): SandboxResponse {
  if (!GUID.test(idOrName)) {
    return adoError(404, "ProjectDoesNotExistWithNameException", `TF200016: The following project does not exist: ${idOrName}.`);
  }
  return adoError(404, "ProjectDoesNotExistException", `VS800075: The project with id 'vstfs:///Classification/TeamProject/${idOrName}' does not exist, or you do not have permission to access it.`);
}

export function visibleProject(call: AdoCall, idOrName: string): AdoProject | SandboxResponse {
  const project = findProject(call.org, idOrName);
  if (!project) return projectNotFound(idOrName);
  if (project.visibility !== "public" && !isProjectMember(call.org, project, call.caller.principalId)) return projectNotFound(idOrName);
  return project;
}

export function repositoryNotFound(idOrName: string): SandboxResponse {
  return adoError(
    404,
    "GitRepositoryNotFoundException",
    `TF401019: The Git repository with name or identifier ${idOrName} does not exist or you do not have permissions for the operation you are attempting.`,
  );
}

export function isResponse(value: unknown): value is SandboxResponse {
  return typeof value === "object" && value !== null && "status" in value && typeof (value as { status: unknown }).status === "number";
}

/** Applies a change to this organization in the loaded world (the admin API may have swapped it). */
export function mutateOrganization(call: AdoCall, change: (org: AdoOrganization) => void): void {
  call.ctx.mutate((world) => {
    const org = world.ado.organizations.find((candidate) => candidate.name.toLowerCase() === call.org.name.toLowerCase());
    if (org) change(org);
  });
}

export function parseJsonBody(call: AdoCall): unknown {
  try {
    return JSON.parse(call.req.body.toString("utf8"));
  } catch {
    return undefined;
  }
}
