// Absolute URLs in responses point at the sandbox origin where the real service would point
// at https://dev.azure.com, so a client can follow `url`, `remoteUrl` and `webUrl` as is.
import type { AdoOrganization, AdoProject, AdoRepository } from "../world/ado";

export function orgUrl(origin: string, org: AdoOrganization): string {
  return `${origin}/ado/${encodeURIComponent(org.name)}`;
}

export function projectRef(origin: string, org: AdoOrganization, project: AdoProject) {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    url: `${orgUrl(origin, org)}/_apis/projects/${project.id}`,
    state: "wellFormed",
    revision: 1,
    visibility: project.visibility,
    lastUpdateTime: project.lastUpdateTime,
  };
}

export function repositoryJson(origin: string, org: AdoOrganization, project: AdoProject, repo: AdoRepository) {
  const base = orgUrl(origin, org);
  const web = `${base}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repo.name)}`;
  const host = new URL(origin).hostname;
  return {
    id: repo.id,
    name: repo.name,
    url: `${base}/${project.id}/_apis/git/repositories/${repo.id}`,
    project: projectRef(origin, org, project),
    defaultBranch: repo.defaultBranch,
    size: repo.files.reduce((total, file) => total + Buffer.byteLength(file.content), 0),
    remoteUrl: web,
    sshUrl: `git@ssh.${host}:v3/${org.name}/${encodeURIComponent(project.name)}/${encodeURIComponent(repo.name)}`,
    webUrl: web,
    isDisabled: repo.isDisabled,
    isInMaintenance: false,
  };
}
