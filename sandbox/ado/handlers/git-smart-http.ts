// Git over HTTPS: {org}/{project}/_git/{repo}/info/refs and …/git-upload-pack, answered by git's
// own http-backend over a real bare repository (git/bare-repository.ts). ADO's rules come
// first: the caller was authenticated like any REST call (index.ts), the repository must be
// readable (Git GenericRead, TF401019 otherwise), and only clones and fetches are served.
import type { SandboxResponse } from "../../contract";
import { isResponse, type AdoCall } from "../call";
import { adoError } from "../errors";
import { ensureBareRepository, gitRoot } from "../git/bare-repository";
import { runHttpBackend } from "../git/http-backend";
import { readableRepository } from "./repositories";

function refusePush(): SandboxResponse {
  // (sandbox approximation) real ADO checks GenericContribute; the sandbox serves reads only.
  return adoError(403, "GitNeedsPermissionException", "TF401027: You need the Git 'GenericContribute' permission to perform this action. (The sandbox serves clones and fetches only.)");
}

async function serve(call: AdoCall, action: "info/refs" | "git-upload-pack"): Promise<SandboxResponse> {
  const found = readableRepository(call);
  if (isResponse(found)) return found;
  const repository = found.repository;
  if (repository.isDisabled) return adoError(403, "GitRepositoryDisabledException", `TF401019: The Git repository with name or identifier ${repository.name} is disabled.`);
  const bare = await ensureBareRepository(call.ctx.dataDir, repository);
  const folder = bare.slice(gitRoot(call.ctx.dataDir).length);
  return runHttpBackend(call.req, gitRoot(call.ctx.dataDir), `${folder}/${action}`, call.member.uniqueName ?? call.member.principalId);
}

export function gitInfoRefs(call: AdoCall): Promise<SandboxResponse> | SandboxResponse {
  if (call.query.get("service") !== "git-upload-pack") return refusePush();
  return serve(call, "info/refs");
}

export function gitUploadPack(call: AdoCall): Promise<SandboxResponse> {
  return serve(call, "git-upload-pack");
}

export function gitReceivePack(): SandboxResponse {
  return refusePush();
}
