// Pull request lists: GET {project}/_apis/git/repositories/{repo}/pullrequests (or the
// project-wide {project}/_apis/git/pullrequests), filtered by searchCriteria.status (active by
// default, as ADO does) and paged with $top/$skip. Needs Git GenericRead on each repository;
// the project-wide list leaves out repositories the caller cannot read.
import type { SandboxResponse } from "../../contract";
import type { AdoProject, AdoPullRequest, AdoRepository } from "../../world/ado";
import { isResponse, visibleProject, type AdoCall } from "../call";
import { adoJson } from "../errors";
import { identityRef } from "../identity-ref";
import { canOnRepository } from "../permissions";
import { orgUrl, repositoryJson } from "../urls";
import { readableRepository } from "./repositories";

function pullRequestJson(call: AdoCall, project: AdoProject, repository: AdoRepository, pullRequest: AdoPullRequest) {
  const url = `${orgUrl(call.ctx.origin, call.org)}/${project.id}/_apis/git/repositories/${repository.id}/pullRequests/${pullRequest.pullRequestId}`;
  return {
    repository: repositoryJson(call.ctx.origin, call.org, project, repository),
    pullRequestId: pullRequest.pullRequestId,
    codeReviewId: pullRequest.pullRequestId,
    status: pullRequest.status,
    createdBy: identityRef(call.ctx.origin, call.org, pullRequest.createdById),
    creationDate: pullRequest.creationDate,
    title: pullRequest.title,
    description: pullRequest.description,
    sourceRefName: pullRequest.sourceRefName,
    targetRefName: pullRequest.targetRefName,
    mergeStatus: "succeeded",
    isDraft: false,
    reviewers: [],
    url,
    supportsIterations: true,
  };
}

export function listPullRequests(call: AdoCall): SandboxResponse {
  let repositories: { project: AdoProject; repository: AdoRepository }[];
  if (call.params.repo !== undefined) {
    const found = readableRepository(call);
    if (isResponse(found)) return found;
    repositories = [found];
  } else {
    const project = visibleProject(call, call.params.project as string);
    if (isResponse(project)) return project;
    repositories = project.repositories
      .filter((repository) => canOnRepository(call.org, call.caller.principalId, project, repository.id, ["GenericRead"]))
      .map((repository) => ({ project, repository }));
  }
  const status = (call.query.get("searchCriteria.status") ?? "active").toLowerCase();
  const top = Math.min(Math.max(Number(call.query.get("$top") ?? 101) || 101, 1), 1000);
  const skip = Math.max(Number(call.query.get("$skip") ?? 0) || 0, 0);
  const value = repositories
    .flatMap(({ project, repository }) => repository.pullRequests.map((pullRequest) => ({ project, repository, pullRequest })))
    .filter(({ pullRequest }) => status === "all" || pullRequest.status === status)
    // Newest first, as ADO lists them.
    .sort((a, b) => b.pullRequest.pullRequestId - a.pullRequest.pullRequestId)
    .slice(skip, skip + top)
    .map(({ project, repository, pullRequest }) => pullRequestJson(call, project, repository, pullRequest));
  return adoJson({ value, count: value.length });
}
