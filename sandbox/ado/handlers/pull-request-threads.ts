// Pull request threads: listing needs Git GenericRead; creating a comment thread needs
// PullRequestContribute on the repository and otherwise fails with TF401027, naming the
// permission and the identity, as ADO does.
import { z } from "zod";
import type { SandboxResponse } from "../../contract";
import type { AdoOrganization, AdoThread } from "../../world/ado";
import { isResponse, mutateOrganization, parseJsonBody, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { identityRef } from "../identity-ref";
import { canOnRepository } from "../permissions";
import { orgUrl } from "../urls";
import { readableRepository } from "./repositories";

const THREAD_STATUSES = ["unknown", "active", "fixed", "wontFix", "closed", "byDesign", "pending"] as const;
const COMMENT_TYPES = ["unknown", "text", "codeChange", "system"] as const;

// ADO accepts enums as numbers or names and ignores fields it does not know.
const threadSchema = z.object({
  comments: z
    .array(
      z.object({
        content: z.string().min(1).max(150_000),
        parentCommentId: z.number().int().nonnegative().default(0),
        commentType: z.union([z.enum(COMMENT_TYPES), z.number().int().min(0).max(3)]).default("text"),
      }),
    )
    .min(1),
  status: z.union([z.enum(THREAD_STATUSES), z.number().int().min(0).max(6)]).default("active"),
});

function findPullRequest(call: AdoCall) {
  const found = readableRepository(call);
  if (isResponse(found)) return found;
  const id = Number(call.params.pullRequestId);
  const pullRequest = found.repository.pullRequests.find((candidate) => candidate.pullRequestId === id);
  if (!pullRequest) return adoError(404, "GitPullRequestNotFoundException", "TF401180: The requested pull request was not found.");
  return { ...found, pullRequest };
}

function threadJson(call: AdoCall, org: AdoOrganization, base: string, thread: AdoThread) {
  const url = `${base}/threads/${thread.id}`;
  return {
    id: thread.id,
    publishedDate: thread.publishedDate,
    lastUpdatedDate: thread.publishedDate,
    comments: thread.comments.map((comment) => ({
      id: comment.id,
      parentCommentId: comment.parentCommentId,
      author: identityRef(call.ctx.origin, org, comment.authorId),
      content: comment.content,
      publishedDate: comment.publishedDate,
      lastUpdatedDate: comment.publishedDate,
      lastContentUpdatedDate: comment.publishedDate,
      commentType: comment.commentType,
      usersLiked: [],
      _links: { self: { href: `${url}/comments/${comment.id}` } },
    })),
    status: thread.status,
    threadContext: null,
    properties: {},
    identities: null,
    isDeleted: false,
    _links: { self: { href: url } },
  };
}

export function listThreads(call: AdoCall): SandboxResponse {
  const found = findPullRequest(call);
  if (isResponse(found)) return found;
  const base = `${orgUrl(call.ctx.origin, call.org)}/${found.project.id}/_apis/git/repositories/${found.repository.id}/pullRequests/${found.pullRequest.pullRequestId}`;
  const value = found.pullRequest.threads.map((thread) => threadJson(call, call.org, base, thread));
  return adoJson({ count: value.length, value });
}

export function createThread(call: AdoCall): SandboxResponse {
  const found = findPullRequest(call);
  if (isResponse(found)) return found;
  if (!canOnRepository(call.org, call.caller.principalId, found.project, found.repository.id, ["PullRequestContribute"])) {
    return adoError(
      403,
      "GitNeedsPermissionException",
      `TF401027: You need the Git 'PullRequestContribute' permission to perform this action. Details: identity '${call.member.displayName}', scope 'repository'.`,
    );
  }
  const parsed = threadSchema.safeParse(parseJsonBody(call));
  if (!parsed.success) {
    return adoError(400, "ArgumentException", `The thread is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  }
  const now = new Date().toISOString();
  const status = typeof parsed.data.status === "number" ? THREAD_STATUSES[parsed.data.status] : parsed.data.status;
  const thread: AdoThread = {
    id: Math.max(0, ...found.pullRequest.threads.map((existing) => existing.id)) + 1,
    status: status === "unknown" || status === undefined ? "active" : status,
    publishedDate: now,
    comments: parsed.data.comments.map((comment, index) => {
      const type = typeof comment.commentType === "number" ? COMMENT_TYPES[comment.commentType] : comment.commentType;
      return {
        id: index + 1,
        parentCommentId: comment.parentCommentId,
        authorId: call.caller.principalId,
        content: comment.content,
        publishedDate: now,
        commentType: type === "unknown" || type === undefined ? "text" : type,
      };
    }),
  };
  const repoId = found.repository.id;
  const pullRequestId = found.pullRequest.pullRequestId;
  mutateOrganization(call, (org) => {
    const repository = org.projects.flatMap((project) => project.repositories).find((candidate) => candidate.id === repoId);
    repository?.pullRequests.find((candidate) => candidate.pullRequestId === pullRequestId)?.threads.push(thread);
  });
  const base = `${orgUrl(call.ctx.origin, call.org)}/${found.project.id}/_apis/git/repositories/${repoId}/pullRequests/${pullRequestId}`;
  return adoJson(threadJson(call, call.org, base, thread));
}
