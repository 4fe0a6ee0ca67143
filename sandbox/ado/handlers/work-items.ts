// Work items: POST {project}/_apis/wit/workitems/${type} with a JSON Patch document, and
// GET [{project}/]_apis/wit/workitems/{id}. Creating needs WORK_ITEM_WRITE ("Edit work items
// in this node") on the target area path (TF237111 otherwise); reading needs WORK_ITEM_READ
// and answers TF401232 without it, the same text as for a missing item. Comments
// ({project}/_apis/wit/workItems/{id}/comments, a preview API) are read with WORK_ITEM_READ and
// added with WORK_ITEM_WRITE on the item's area node.
import { z } from "zod";
import type { SandboxResponse } from "../../contract";
import type { AdoOrganization, AdoProject, AdoWorkItem } from "../../world/ado";
import { isResponse, mutateOrganization, parseJsonBody, visibleProject, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { previewVersionError } from "./connection-data";
import { identityRef } from "../identity-ref";
import { areaChainByAreaPath, areaPathOf } from "../lookup";
import { canOnArea } from "../permissions";
import { orgUrl } from "../urls";

/** The Agile process's work item types, the default for new ADO projects. */
const WORK_ITEM_TYPES = ["Bug", "Task", "User Story", "Feature", "Epic", "Issue", "Test Case"];

const patchSchema = z
  .array(
    z.object({
      op: z.enum(["add", "replace", "test", "remove", "copy", "move"]),
      path: z.string().min(1),
      value: z.unknown().optional(),
      from: z.string().nullish(),
    }),
  )
  .min(1)
  .max(500);

function workItemJson(origin: string, org: AdoOrganization, project: AdoProject, item: AdoWorkItem) {
  const url = `${orgUrl(origin, org)}/${project.id}/_apis/wit/workItems/${item.id}`;
  const createdBy = identityRef(origin, org, item.createdById);
  return {
    id: item.id,
    rev: item.rev,
    fields: {
      "System.AreaPath": item.areaPath,
      "System.TeamProject": project.name,
      "System.IterationPath": project.name,
      "System.WorkItemType": item.type,
      "System.State": item.state,
      "System.Reason": item.state === "New" ? "New" : item.state,
      "System.CreatedDate": item.createdDate,
      "System.CreatedBy": createdBy,
      "System.ChangedDate": item.createdDate,
      "System.ChangedBy": createdBy,
      "System.CommentCount": item.comments.length,
      "System.Title": item.title,
      ...(item.description === undefined ? {} : { "System.Description": item.description }),
    },
    _links: {
      self: { href: url },
      workItemUpdates: { href: `${url}/updates` },
      html: { href: `${orgUrl(origin, org)}/${encodeURIComponent(project.name)}/_workitems/edit/${item.id}` },
    },
    url,
  };
}

export function createWorkItem(call: AdoCall): SandboxResponse {
  const contentType = call.req.headers["content-type"] ?? "";
  // ADO insists on the JSON Patch media type for work item writes.
  if (!/^application\/json-patch\+json/i.test(contentType)) {
    return adoError(
      415,
      "VssRequestContentTypeNotSupportedException",
      `The request indicated a Content-Type of "${contentType}" for method type "POST" which is not supported. Valid content types for this method are: application/json-patch+json.`,
    );
  }
  const project = visibleProject(call, call.params.project as string);
  if (isResponse(project)) return project;
  const type = WORK_ITEM_TYPES.find((candidate) => candidate.toLowerCase() === (call.params.type ?? "").replace(/^\$/, "").toLowerCase());
  if (!type) {
    return adoError(
      404,
      "WorkItemTypeNotFoundException",
      `VS402323: Work item type ${(call.params.type ?? "").replace(/^\$/, "")} does not exist in project ${project.name} or you do not have permission to access it.`,
    );
  }
  const parsed = patchSchema.safeParse(parseJsonBody(call));
  if (!parsed.success) return adoError(400, "ArgumentException", "You must pass a valid patch document in the body of the request.");
  const fields = new Map<string, unknown>();
  for (const operation of parsed.data) {
    const field = /^\/fields\/(.+)$/i.exec(operation.path)?.[1];
    if (field && (operation.op === "add" || operation.op === "replace")) fields.set(field.toLowerCase(), operation.value);
  }
  const title = fields.get("system.title");
  if (typeof title !== "string" || title.trim() === "") {
    return adoError(400, "RuleValidationException", "TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.");
  }
  const requestedArea = fields.get("system.areapath");
  const areaPath = typeof requestedArea === "string" ? requestedArea : project.areas.name;
  const chain = areaChainByAreaPath(project, areaPath);
  if (!chain) return adoError(400, "WorkItemTrackingTreeNodeNotFoundException", "TF401347: Invalid tree name given for work item -1, field 'System.AreaPath'.");
  const node = chain[chain.length - 1];
  if (!node || !canOnArea(call.org, call.caller.principalId, node.identifier, ["WORK_ITEM_WRITE"])) {
    return adoError(403, "WorkItemTrackingUnauthorizedOperationException", "TF237111: The current user does not have permissions to save work items under the specified area path.");
  }
  const description = fields.get("system.description");
  const item: AdoWorkItem = {
    id: Math.max(0, ...call.org.workItems.map((existing) => existing.id)) + 1,
    rev: 1,
    projectId: project.id,
    type,
    title,
    ...(typeof description === "string" ? { description } : {}),
    areaPath: areaPathOf(chain),
    state: "New",
    createdById: call.caller.principalId,
    createdDate: new Date().toISOString(),
    comments: [],
  };
  mutateOrganization(call, (org) => {
    org.workItems.push(item);
  });
  return adoJson(workItemJson(call.ctx.origin, call.org, project, item));
}

export function getWorkItem(call: AdoCall): SandboxResponse {
  const id = Number(call.params.id);
  const notFound = adoError(404, "WorkItemUnauthorizedAccessException", `TF401232: Work item ${call.params.id} does not exist, or you do not have permissions to read it.`);
  let scope: AdoProject | undefined;
  if (call.params.project !== undefined) {
    const visible = visibleProject(call, call.params.project);
    if (isResponse(visible)) return visible;
    scope = visible;
  }
  const item = call.org.workItems.find((candidate) => candidate.id === id && (!scope || candidate.projectId === scope.id));
  const project = item && call.org.projects.find((candidate) => candidate.id === item.projectId);
  const chain = item && project && areaChainByAreaPath(project, item.areaPath);
  const node = chain?.[chain.length - 1];
  if (!item || !project || !node || !canOnArea(call.org, call.caller.principalId, node.identifier, ["WORK_ITEM_READ"])) return notFound;
  return adoJson(workItemJson(call.ctx.origin, call.org, project, item));
}

/** The work item in {project} that the caller may act on with `action`, or ADO's refusal. */
function workItemInProject(call: AdoCall, action: "WORK_ITEM_READ" | "WORK_ITEM_WRITE"): { project: AdoProject; item: AdoWorkItem } | SandboxResponse {
  const project = visibleProject(call, call.params.project as string);
  if (isResponse(project)) return project;
  const notFound = adoError(404, "WorkItemUnauthorizedAccessException", `TF401232: Work item ${call.params.id} does not exist, or you do not have permissions to read it.`);
  const item = call.org.workItems.find((candidate) => candidate.id === Number(call.params.id) && candidate.projectId === project.id);
  const chain = item && areaChainByAreaPath(project, item.areaPath);
  const node = chain?.[chain.length - 1];
  if (!item || !node || !canOnArea(call.org, call.caller.principalId, node.identifier, ["WORK_ITEM_READ"])) return notFound;
  if (action === "WORK_ITEM_WRITE" && !canOnArea(call.org, call.caller.principalId, node.identifier, ["WORK_ITEM_WRITE"])) {
    return adoError(403, "WorkItemTrackingUnauthorizedOperationException", "TF237111: The current user does not have permissions to save work items under the specified area path.");
  }
  return { project, item };
}

function commentJson(call: AdoCall, project: AdoProject, item: AdoWorkItem, comment: AdoWorkItem["comments"][number]) {
  const author = identityRef(call.ctx.origin, call.org, comment.createdById);
  return {
    workItemId: item.id,
    id: comment.id,
    version: 1,
    text: comment.text,
    createdBy: author,
    createdDate: comment.createdDate,
    modifiedBy: author,
    modifiedDate: comment.createdDate,
    url: `${orgUrl(call.ctx.origin, call.org)}/${project.id}/_apis/wit/workItems/${item.id}/comments/${comment.id}`,
  };
}

const commentSchema = z.object({ text: z.string().min(1).max(1_000_000) });

export function listWorkItemComments(call: AdoCall): SandboxResponse {
  const preview = previewVersionError(call.query);
  if (preview) return preview;
  const found = workItemInProject(call, "WORK_ITEM_READ");
  if (isResponse(found)) return found;
  const comments = found.item.comments.map((comment) => commentJson(call, found.project, found.item, comment));
  return adoJson({ totalCount: comments.length, count: comments.length, comments });
}

export function addWorkItemComment(call: AdoCall): SandboxResponse {
  const preview = previewVersionError(call.query);
  if (preview) return preview;
  const found = workItemInProject(call, "WORK_ITEM_WRITE");
  if (isResponse(found)) return found;
  const parsed = commentSchema.safeParse(parseJsonBody(call));
  if (!parsed.success) return adoError(400, "ArgumentException", "The comment is not valid: text is required.");
  const comment = {
    id: Math.max(0, ...call.org.workItems.flatMap((item) => item.comments.map((existing) => existing.id))) + 1,
    text: parsed.data.text,
    createdById: call.caller.principalId,
    createdDate: new Date().toISOString(),
  };
  const itemId = found.item.id;
  mutateOrganization(call, (org) => {
    const item = org.workItems.find((candidate) => candidate.id === itemId);
    if (item) {
      item.comments.push(comment);
      item.rev += 1;
    }
  });
  return adoJson(commentJson(call, found.project, found.item, comment));
}
