// GET {org}/_apis/projects (only the projects the caller belongs to, paged with $top and the
// x-ms-continuationtoken header) and GET {org}/_apis/projects/{idOrName}.
import type { SandboxResponse } from "../../contract";
import { isResponse, visibleProject, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { isProjectMember } from "../permissions";
import { orgUrl, projectRef } from "../urls";

export function listProjects(call: AdoCall): SandboxResponse {
  const { org, ctx, query } = call;
  const visible = org.projects.filter((project) => project.visibility === "public" || isProjectMember(org, project, call.caller.principalId));
  const top = query.has("$top") ? Number(query.get("$top")) : 100;
  const skip = Number(query.get("continuationToken") ?? query.get("$skip") ?? 0);
  if (!Number.isInteger(top) || top < 1 || !Number.isInteger(skip) || skip < 0) {
    return adoError(400, "ArgumentException", "The value of $top, $skip or continuationToken is not a valid non-negative integer.");
  }
  const page = visible.slice(skip, skip + top);
  const headers: Record<string, string> = {};
  // ADO returns the next page's token in a header, never in the body.
  if (skip + top < visible.length) headers["x-ms-continuationtoken"] = String(skip + top);
  return adoJson({ count: page.length, value: page.map((project) => projectRef(ctx.origin, org, project)) }, headers);
}

export function getProject(call: AdoCall): SandboxResponse {
  const project = visibleProject(call, call.params.project as string);
  if (isResponse(project)) return project;
  const base = orgUrl(call.ctx.origin, call.org);
  return adoJson({
    ...projectRef(call.ctx.origin, call.org, project),
    _links: {
      self: { href: `${base}/_apis/projects/${project.id}` },
      collection: { href: `${base}/_apis/projectCollections/${call.org.id}` },
      web: { href: `${base}/${encodeURIComponent(project.name)}` },
    },
    defaultTeam: { id: project.id, name: `${project.name} Team`, url: `${base}/_apis/projects/${project.id}/teams/${project.id}` },
  });
}
