// Git repositories: lists show only the repositories the caller may read (GenericRead), and a
// repository the caller cannot read is reported exactly like a missing one (TF401019).
import type { SandboxResponse } from "../../contract";
import type { AdoProject, AdoRepository } from "../../world/ado";
import { isResponse, repositoryNotFound, visibleProject, type AdoCall } from "../call";
import { adoJson } from "../errors";
import { findRepository, findRepositoryById } from "../lookup";
import { canOnRepository, isProjectMember } from "../permissions";
import { repositoryJson } from "../urls";

function readable(call: AdoCall, project: AdoProject, repo: AdoRepository): boolean {
  return canOnRepository(call.org, call.caller.principalId, project, repo.id, ["GenericRead"]);
}

export function listRepositories(call: AdoCall): SandboxResponse {
  const { org, ctx } = call;
  const projects = call.params.project === undefined ? org.projects.filter((project) => isProjectMember(org, project, call.caller.principalId)) : [];
  if (call.params.project !== undefined) {
    const project = visibleProject(call, call.params.project);
    if (isResponse(project)) return project;
    projects.push(project);
  }
  const value = projects.flatMap((project) => project.repositories.filter((repo) => readable(call, project, repo)).map((repo) => repositoryJson(ctx.origin, org, project, repo)));
  return adoJson({ count: value.length, value });
}

/** Resolves {project}/…/repositories/{repo} (or the project-less form by id) to a readable repository. */
export function readableRepository(call: AdoCall): { project: AdoProject; repository: AdoRepository } | SandboxResponse {
  const repoKey = call.params.repo as string;
  if (call.params.project === undefined) {
    const found = findRepositoryById(call.org, repoKey);
    if (!found || !readable(call, found.project, found.repository)) return repositoryNotFound(repoKey);
    return found;
  }
  const project = visibleProject(call, call.params.project);
  if (isResponse(project)) return project;
  const repository = findRepository(project, repoKey);
  if (!repository || !readable(call, project, repository)) return repositoryNotFound(repoKey);
  return { project, repository };
}

export function getRepository(call: AdoCall): SandboxResponse {
  const found = readableRepository(call);
  if (isResponse(found)) return found;
  return adoJson(repositoryJson(call.ctx.origin, call.org, found.project, found.repository));
}
