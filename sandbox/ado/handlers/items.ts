// GET …/repositories/{repo}/items: one file (raw by default, JSON metadata with $format=json or
// includeContent=true) or a listing of a folder with recursionLevel, at the default branch or at
// versionDescriptor.version (a branch the repository has, or the commit id). Object ids are the
// real git ids of the seeded content: the commit id is the one a git clone shows.
import { createHash } from "node:crypto";
import type { SandboxResponse } from "../../contract";
import type { AdoRepository } from "../../world/ado";
import { isResponse, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { blobId, seedCommitId } from "../git/seed-commit";
import { readableRepository } from "./repositories";

/** Branches that exist: the default branch and each pull request's source and target. */
function branchesOf(repo: AdoRepository): string[] {
  const refs = [repo.defaultBranch, ...repo.pullRequests.flatMap((pullRequest) => [pullRequest.sourceRefName, pullRequest.targetRefName])];
  return [...new Set(refs.filter((ref) => ref.startsWith("refs/heads/")).map((ref) => ref.slice("refs/heads/".length)))];
}

/** ADO's TF401175 for a version the repository does not have, or null when the version resolves. */
function unknownVersion(call: AdoCall, repo: AdoRepository, commit: string): SandboxResponse | null {
  const version = call.query.get("versionDescriptor.version");
  if (!version) return null;
  const type = (call.query.get("versionDescriptor.versionType") ?? "branch").toLowerCase();
  if (type === "branch" && branchesOf(repo).some((branch) => branch.toLowerCase() === version.toLowerCase())) return null;
  if (type === "commit" && /^[0-9a-f]{4,40}$/i.test(version) && commit.startsWith(version.toLowerCase())) return null;
  const label = type === "commit" ? "Commit" : type === "tag" ? "Tag" : "Branch";
  return adoError(404, "GitUnresolvableToCommitException", `TF401175: The version descriptor <${label}: ${version} > could not be resolved to a version in the repository ${repo.name}`);
}

function folderPaths(repo: AdoRepository): string[] {
  const folders = new Set<string>(["/"]);
  for (const file of repo.files) {
    const parts = file.path.split("/").slice(1, -1);
    for (let depth = 1; depth <= parts.length; depth++) folders.add(`/${parts.slice(0, depth).join("/")}`);
  }
  return [...folders];
}

export function getItems(call: AdoCall): SandboxResponse {
  const found = readableRepository(call);
  if (isResponse(found)) return found;
  const { repository } = found;
  const { query } = call;
  const path = normalise(query.get("path") ?? query.get("scopePath") ?? "/");
  const base = `${call.ctx.origin}/ado/${call.org.name}/${found.project.id}/_apis/git/repositories/${repository.id}/items`;
  const commit = seedCommitId(repository);
  const refused = unknownVersion(call, repository, commit);
  if (refused) return refused;
  const file = repository.files.find((candidate) => candidate.path.toLowerCase() === path.toLowerCase());
  const folders = folderPaths(repository);

  if (file) {
    const wantsJson = query.get("$format")?.toLowerCase() === "json" || query.get("includeContent") === "true" || /^application\/json/i.test(call.req.headers.accept ?? "");
    if (!wantsJson) {
      const download = query.get("download") === "true";
      return { status: 200, headers: { "content-type": download ? "application/octet-stream" : "text/plain; charset=utf-8" }, body: file.content };
    }
    return adoJson({
      objectId: blobId(file.content),
      gitObjectType: "blob",
      commitId: commit,
      path: file.path,
      ...(query.get("includeContent") === "true" ? { content: file.content } : {}),
      url: `${base}?path=${encodeURIComponent(file.path)}`,
    });
  }

  if (folders.includes(path)) {
    const recursion = (query.get("recursionLevel") ?? "none").toLowerCase();
    const depthOf = (itemPath: string) => (itemPath === "/" ? 0 : itemPath.split("/").length - 1);
    const baseDepth = depthOf(path);
    const within = (itemPath: string) => path === "/" || itemPath === path || itemPath.startsWith(`${path}/`);
    const maxDepth = recursion === "full" ? Infinity : recursion === "onelevel" ? baseDepth + 1 : baseDepth;
    const entries = [
      ...folders
        .filter((folder) => within(folder) && depthOf(folder) <= maxDepth)
        .map((folder) => ({ path: folder, isFolder: true, objectId: createHash("sha1").update(folder).digest("hex"), gitObjectType: "tree" })),
      ...repository.files.filter((entry) => within(entry.path) && depthOf(entry.path) <= maxDepth).map((entry) => ({ path: entry.path, objectId: blobId(entry.content), gitObjectType: "blob" })),
    ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)); // ordinal, as git orders paths
    const value = entries.map((entry) => ({ ...entry, commitId: commit, url: `${base}?path=${encodeURIComponent(entry.path)}` }));
    return adoJson({ count: value.length, value });
  }

  const branch = repository.defaultBranch.replace(/^refs\/heads\//, "");
  return adoError(
    404,
    "GitItemNotFoundException",
    `TF401174: The item '${path}' could not be found in the repository '${repository.name}' at the version specified by '<Branch: ${branch} >' (resolved to commit '${commit}').`,
  );
}

function normalise(path: string): string {
  const withSlash = path.startsWith("/") ? path : `/${path}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, "") : withSlash;
}
