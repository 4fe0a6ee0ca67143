// The Azure DevOps routes the sandbox serves, relative to {origin}/ado. `patScope` is the PAT
// scope a route needs (wider scopes include narrower ones); null means any valid PAT.
import type { AdoHandler } from "./call";
import { getAreaNode } from "./handlers/areas";
import { connectionData } from "./handlers/connection-data";
import { gitInfoRefs, gitReceivePack, gitUploadPack } from "./handlers/git-smart-http";
import { getItems } from "./handlers/items";
import { listPullRequests } from "./handlers/pull-requests";
import { getProject, listProjects } from "./handlers/projects";
import { createThread, listThreads } from "./handlers/pull-request-threads";
import { getRepository, listRepositories } from "./handlers/repositories";
import { evaluationBatch, hasPermissions, listNamespaces } from "./handlers/security";
import { addWorkItemComment, createWorkItem, getWorkItem, listWorkItemComments } from "./handlers/work-items";

export type AdoRoute = {
  method: "GET" | "POST";
  pattern: string;
  patScope: string | null;
  handler: AdoHandler;
  /** connectionData answers anonymous callers with the anonymous identity instead of a sign-in page. */
  anonymous?: true;
  /** Git smart HTTP: bad or missing credentials get the 401 challenge git answers with its credential helper, never the sign-in page. */
  git?: true;
};

const repo = "/ado/:org/:project/_apis/git/repositories/:repo";
const gitRepo = "/ado/:org/:project/_git/:repo";

export const ADO_ROUTES: AdoRoute[] = [
  { method: "GET", pattern: "/ado/:org/_apis/connectionData", patScope: null, handler: connectionData, anonymous: true },
  { method: "GET", pattern: "/ado/:org/_apis/projects", patScope: null, handler: listProjects },
  { method: "GET", pattern: "/ado/:org/_apis/projects/:project", patScope: null, handler: getProject },
  { method: "GET", pattern: "/ado/:org/_apis/securitynamespaces", patScope: null, handler: listNamespaces },
  { method: "GET", pattern: "/ado/:org/_apis/securitynamespaces/:namespace", patScope: null, handler: listNamespaces },
  { method: "GET", pattern: "/ado/:org/_apis/permissions/:namespace/:permissions", patScope: null, handler: hasPermissions },
  { method: "POST", pattern: "/ado/:org/_apis/security/permissionevaluationbatch", patScope: null, handler: evaluationBatch },
  { method: "GET", pattern: "/ado/:org/_apis/git/repositories", patScope: "vso.code", handler: listRepositories },
  { method: "GET", pattern: "/ado/:org/_apis/git/repositories/:repo", patScope: "vso.code", handler: getRepository },
  { method: "GET", pattern: "/ado/:org/_apis/git/repositories/:repo/items", patScope: "vso.code", handler: getItems },
  { method: "GET", pattern: "/ado/:org/_apis/wit/workitems/:id", patScope: "vso.work", handler: getWorkItem },
  { method: "GET", pattern: "/ado/:org/:project/_apis/git/repositories", patScope: "vso.code", handler: listRepositories },
  { method: "GET", pattern: repo, patScope: "vso.code", handler: getRepository },
  { method: "GET", pattern: `${repo}/items`, patScope: "vso.code", handler: getItems },
  { method: "GET", pattern: "/ado/:org/:project/_apis/git/pullrequests", patScope: "vso.code", handler: listPullRequests },
  { method: "GET", pattern: `${repo}/pullRequests`, patScope: "vso.code", handler: listPullRequests },
  { method: "GET", pattern: `${repo}/pullRequests/:pullRequestId/threads`, patScope: "vso.code", handler: listThreads },
  { method: "POST", pattern: `${repo}/pullRequests/:pullRequestId/threads`, patScope: "vso.code", handler: createThread },
  { method: "GET", pattern: "/ado/:org/:project/_apis/wit/classificationnodes/areas/*path", patScope: "vso.work", handler: getAreaNode },
  { method: "POST", pattern: "/ado/:org/:project/_apis/wit/workitems/:type", patScope: "vso.work_write", handler: createWorkItem },
  { method: "GET", pattern: "/ado/:org/:project/_apis/wit/workitems/:id", patScope: "vso.work", handler: getWorkItem },
  { method: "GET", pattern: "/ado/:org/:project/_apis/wit/workitems/:id/comments", patScope: "vso.work", handler: listWorkItemComments },
  { method: "POST", pattern: "/ado/:org/:project/_apis/wit/workitems/:id/comments", patScope: "vso.work_write", handler: addWorkItemComment },
  { method: "GET", pattern: `${gitRepo}/info/refs`, patScope: "vso.code", handler: gitInfoRefs, git: true },
  { method: "POST", pattern: `${gitRepo}/git-upload-pack`, patScope: "vso.code", handler: gitUploadPack, git: true },
  { method: "POST", pattern: `${gitRepo}/git-receive-pack`, patScope: "vso.code_write", handler: gitReceivePack, git: true },
];
