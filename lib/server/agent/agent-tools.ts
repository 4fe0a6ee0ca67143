import "server-only";
// What the agent does with a connector, as plain functions: list what is configured; read a
// repository's tree and files; read, create and comment on work items; list pull requests and
// comment on them; run a read-only KQL query. Each resolves the organization or database through
// the credential broker, so whichever method its connector uses (MI + FIC, OAuth, PAT) is used.
// Writes are audited. The MCP server (lib/server/mcp) exposes them as tools.
import { z } from "zod";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { listConnectors } from "@/lib/server/connectors/list-connectors";
import { db } from "@/lib/server/db/client";
import { normalizeClusterUrl } from "@/lib/server/kusto/cluster-url";
import { kustoPost } from "@/lib/server/kusto/kusto-post";
import { settings } from "@/lib/server/settings";
import { listSources } from "@/lib/server/sources/list-sources";
import type { AgentCaller } from "./agent-caller";
import { AGENT_CALL_BUDGET_MS, agentAdo } from "./agent-ado";
import { refusalFromDecoded, toRefusal, ToolRefusal } from "./tool-refusal";

const API = "api-version=7.1";
const COMMENTS_API = "api-version=7.1-preview.4";
const seg = encodeURIComponent;

export type VersionInput = { version?: string; versionType?: "branch" | "commit" | "tag" };

function versionQuery(input: VersionInput): string {
  if (!input.version) return "";
  return `&versionDescriptor.version=${seg(input.version)}&versionDescriptor.versionType=${input.versionType ?? "branch"}`;
}

/** Writes need a caller that may write: an agent identity, a write-scope API token, the local process. */
function assertCanWrite(caller: AgentCaller, what: string): void {
  caller.assertMayWrite(what);
}

async function audit(caller: AgentCaller, organization: string, action: string, summary: string, details: Record<string, unknown>): Promise<void> {
  await recordAuditEvent(db(), { id: caller.id, name: caller.name }, { action, targetType: "organization", targetId: organization, summary, details: { ...details, organization } });
}

// ── What is configured ──────────────────────────────────────────────────────────────────────

export async function listConfigured(caller: AgentCaller) {
  const [connectors, sources] = await Promise.all([listConnectors(caller.access, db(), { take: 200 }), listSources(caller.access, db(), {})]);
  return {
    connectors: connectors.items.map((connector) => ({
      kind: connector.kind,
      displayName: connector.displayName,
      ...(connector.kind === "kusto" ? { clusterUrl: connector.clusterUrl, database: connector.database } : { organization: connector.organization }),
      method: connector.authMethod,
      status: connector.status,
    })),
    knowledgeSources: sources.items.map((source) => ({
      displayName: source.displayName,
      organization: source.organization,
      project: source.project,
      repository: source.repository,
      branch: source.branch,
      usedFor: source.capabilities,
      areaPath: source.areaPath,
      status: source.status,
      missing: source.missing,
    })),
  };
}

// ── Repositories ────────────────────────────────────────────────────────────────────────────

const itemsSchema = z.object({ value: z.array(z.looseObject({ path: z.string(), isFolder: z.boolean().optional(), gitObjectType: z.string().optional(), commitId: z.string().optional() })) });

export async function listRepositoryTree(caller: AgentCaller, input: { organization: string; project: string; repository: string; path?: string; recursive?: boolean } & VersionInput) {
  const path = input.path ?? "/";
  const recursion = input.recursive === false ? "OneLevel" : "Full";
  const query = `scopePath=${seg(path)}&recursionLevel=${recursion}${versionQuery(input)}&${API}`;
  const items = await agentAdo(
    caller,
    input.organization,
    { path: `${seg(input.project)}/_apis/git/repositories/${seg(input.repository)}/items?${query}`, about: input },
    (body) => itemsSchema.parse(body).value,
  );
  return {
    commitId: items[0]?.commitId ?? null,
    entries: items.filter((item) => item.path !== path).map((item) => ({ path: item.path, type: item.isFolder || item.gitObjectType === "tree" ? "folder" : "file" })),
  };
}

const fileSchema = z.looseObject({ path: z.string(), commitId: z.string(), objectId: z.string(), content: z.string().default("") });

export async function readRepositoryFile(caller: AgentCaller, input: { organization: string; project: string; repository: string; path: string } & VersionInput) {
  const query = `path=${seg(input.path)}&includeContent=true&$format=json${versionQuery(input)}&${API}`;
  const file = await agentAdo(caller, input.organization, { path: `${seg(input.project)}/_apis/git/repositories/${seg(input.repository)}/items?${query}`, about: input }, (body) =>
    fileSchema.parse(body),
  );
  return { path: file.path, commitId: file.commitId, objectId: file.objectId, content: file.content };
}

// ── Work items ──────────────────────────────────────────────────────────────────────────────

const workItemSchema = z.looseObject({
  id: z.number(),
  rev: z.number().optional(),
  fields: z.record(z.string(), z.unknown()),
  url: z.string().optional(),
  _links: z.looseObject({ html: z.looseObject({ href: z.string() }).optional() }).optional(),
});
type WorkItem = z.infer<typeof workItemSchema>;

function workItemView(item: WorkItem) {
  const field = (name: string) => item.fields[name];
  const person = field("System.CreatedBy") as { displayName?: string; uniqueName?: string } | undefined;
  return {
    id: item.id,
    type: field("System.WorkItemType"),
    title: field("System.Title"),
    state: field("System.State"),
    areaPath: field("System.AreaPath"),
    project: field("System.TeamProject"),
    description: field("System.Description") ?? null,
    createdBy: person?.uniqueName ?? person?.displayName ?? null,
    createdDate: field("System.CreatedDate"),
    commentCount: field("System.CommentCount") ?? 0,
    url: item._links?.html?.href ?? item.url ?? null,
  };
}

const commentsSchema = z.object({
  comments: z.array(
    z.looseObject({ id: z.number(), text: z.string(), createdDate: z.string(), createdBy: z.looseObject({ displayName: z.string().optional(), uniqueName: z.string().optional() }).optional() }),
  ),
});

export async function getWorkItem(caller: AgentCaller, input: { organization: string; project: string; id: number }) {
  const item = await agentAdo(caller, input.organization, { path: `${seg(input.project)}/_apis/wit/workitems/${input.id}?${API}`, about: input }, (body) => workItemSchema.parse(body));
  const comments = await agentAdo(
    caller,
    input.organization,
    { path: `${seg(input.project)}/_apis/wit/workItems/${input.id}/comments?${COMMENTS_API}`, about: input },
    (body) => commentsSchema.parse(body).comments,
  );
  return {
    ...workItemView(item),
    comments: comments.map((comment) => ({ id: comment.id, text: comment.text, by: comment.createdBy?.uniqueName ?? comment.createdBy?.displayName ?? null, at: comment.createdDate })),
  };
}

export async function createWorkItem(caller: AgentCaller, input: { organization: string; project: string; type: string; title: string; areaPath: string; description?: string }) {
  assertCanWrite(caller, "create work items");
  const patch = [
    { op: "add", path: "/fields/System.Title", value: input.title },
    { op: "add", path: "/fields/System.AreaPath", value: input.areaPath },
    ...(input.description ? [{ op: "add", path: "/fields/System.Description", value: input.description }] : []),
  ];
  const about = { project: input.project, areaPath: input.areaPath };
  try {
    const item = await agentAdo(
      caller,
      input.organization,
      { method: "POST", path: `${seg(input.project)}/_apis/wit/workitems/$${seg(input.type)}?${API}`, body: patch, contentType: "application/json-patch+json", about },
      (body) => workItemSchema.parse(body),
    );
    await audit(caller, input.organization, "agent.work_item_created", `Created ${input.type} ${item.id} in ${input.areaPath}`, {
      project: input.project,
      areaPath: input.areaPath,
      workItemId: item.id,
      type: input.type,
      title: input.title,
    });
    return workItemView(item);
  } catch (error) {
    await auditRefusal(caller, input.organization, "agent.work_item_create_refused", `Creating a ${input.type} in ${input.areaPath} was refused`, about, error);
    throw error;
  }
}

export async function commentOnWorkItem(caller: AgentCaller, input: { organization: string; project: string; id: number; text: string }) {
  assertCanWrite(caller, "comment on work items");
  // Read first: the area path names where to grant "Edit work items in this node" if ADO refuses.
  const item = await agentAdo(caller, input.organization, { path: `${seg(input.project)}/_apis/wit/workitems/${input.id}?${API}`, about: input }, (body) => workItemSchema.parse(body));
  const about = { project: input.project, areaPath: String(item.fields["System.AreaPath"] ?? input.project) };
  try {
    const comment = await agentAdo(
      caller,
      input.organization,
      { method: "POST", path: `${seg(input.project)}/_apis/wit/workItems/${input.id}/comments?${COMMENTS_API}`, body: { text: input.text }, about },
      (body) => z.looseObject({ id: z.number(), url: z.string().optional() }).parse(body),
    );
    await audit(caller, input.organization, "agent.work_item_commented", `Commented on work item ${input.id}`, { project: input.project, workItemId: input.id, commentId: comment.id });
    return { workItemId: input.id, commentId: comment.id, url: comment.url ?? null };
  } catch (error) {
    await auditRefusal(caller, input.organization, "agent.work_item_comment_refused", `Commenting on work item ${input.id} was refused`, { ...about, workItemId: input.id }, error);
    throw error;
  }
}

// ── Pull requests ───────────────────────────────────────────────────────────────────────────

const pullRequestsSchema = z.object({
  value: z.array(
    z.looseObject({
      pullRequestId: z.number(),
      title: z.string(),
      status: z.string(),
      sourceRefName: z.string(),
      targetRefName: z.string(),
      creationDate: z.string().optional(),
      repository: z.looseObject({ name: z.string() }).optional(),
      createdBy: z.looseObject({ uniqueName: z.string().optional(), displayName: z.string().optional() }).optional(),
    }),
  ),
});

export async function listPullRequests(
  caller: AgentCaller,
  input: { organization: string; project: string; repository?: string; status?: "active" | "completed" | "abandoned" | "all"; top?: number },
) {
  const base = input.repository ? `${seg(input.project)}/_apis/git/repositories/${seg(input.repository)}/pullrequests` : `${seg(input.project)}/_apis/git/pullrequests`;
  const query = `searchCriteria.status=${input.status ?? "active"}&$top=${input.top ?? 50}&${API}`;
  const list = await agentAdo(caller, input.organization, { path: `${base}?${query}`, about: input }, (body) => pullRequestsSchema.parse(body).value);
  return list.map((pr) => ({
    id: pr.pullRequestId,
    title: pr.title,
    status: pr.status,
    repository: pr.repository?.name ?? input.repository ?? null,
    sourceBranch: pr.sourceRefName.replace(/^refs\/heads\//, ""),
    targetBranch: pr.targetRefName.replace(/^refs\/heads\//, ""),
    createdBy: pr.createdBy?.uniqueName ?? pr.createdBy?.displayName ?? null,
    createdDate: pr.creationDate ?? null,
  }));
}

export async function commentOnPullRequest(caller: AgentCaller, input: { organization: string; project: string; repository: string; pullRequestId: number; text: string }) {
  assertCanWrite(caller, "comment on pull requests");
  const about = { project: input.project, repository: input.repository };
  try {
    const thread = await agentAdo(
      caller,
      input.organization,
      {
        method: "POST",
        path: `${seg(input.project)}/_apis/git/repositories/${seg(input.repository)}/pullRequests/${input.pullRequestId}/threads?${API}`,
        body: { comments: [{ parentCommentId: 0, content: input.text, commentType: 1 }], status: 1 },
        about,
      },
      (body) => z.looseObject({ id: z.number() }).parse(body),
    );
    await audit(caller, input.organization, "agent.pull_request_commented", `Commented on pull request ${input.pullRequestId} in ${input.repository}`, {
      ...about,
      pullRequestId: input.pullRequestId,
      threadId: thread.id,
    });
    return { pullRequestId: input.pullRequestId, threadId: thread.id };
  } catch (error) {
    await auditRefusal(
      caller,
      input.organization,
      "agent.pull_request_comment_refused",
      `Commenting on pull request ${input.pullRequestId} in ${input.repository} was refused`,
      { ...about, pullRequestId: input.pullRequestId },
      error,
    );
    throw error;
  }
}

async function auditRefusal(caller: AgentCaller, organization: string, action: string, summary: string, details: Record<string, unknown>, error: unknown): Promise<void> {
  if (!(error instanceof ToolRefusal)) return;
  await audit(caller, organization, action, `${summary} (${error.decoded.code})`, { ...details, code: error.decoded.code });
}

// ── Kusto ───────────────────────────────────────────────────────────────────────────────────

export const MAX_QUERY_ROWS = 1000;

/** Only queries: a control command (".show", ".set-or-append", ".drop" …) starts with a dot. */
export function readOnlyProblem(query: string): string | null {
  const statements = query
    .replace(/\/\/[^\n]*/g, "")
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
  if (statements.length === 0) return "The query is empty.";
  if (statements.some((statement) => statement.startsWith("."))) return "Control commands (starting with a dot) are not queries; this tool runs read-only queries only.";
  return null;
}

const frameSchema = z.looseObject({
  FrameType: z.string(),
  TableKind: z.string().optional(),
  Columns: z.array(z.looseObject({ ColumnName: z.string(), ColumnType: z.string().optional() })).optional(),
  Rows: z.array(z.unknown()).optional(),
  HasErrors: z.boolean().optional(),
  OneApiErrors: z.array(z.unknown()).optional(),
});

export async function runKustoQuery(caller: AgentCaller, input: { clusterUrl: string; database: string; query: string; maxRows?: number }) {
  const problem = readOnlyProblem(input.query);
  if (problem)
    throw new ToolRefusal({
      code: "not_a_query",
      title: "Only read-only queries are allowed",
      cause: problem,
      fix: "Send a KQL query (for example `Requests | take 10`); control commands are run by the database's administrators.",
    });
  const maxRows = Math.min(input.maxRows ?? 100, MAX_QUERY_ROWS);
  let clusterUrl: string;
  let authorization: string;
  try {
    clusterUrl = normalizeClusterUrl(input.clusterUrl, settings().kustoExtraOrigins);
    await caller.assertMayUse({ clusterUrl, database: input.database });
    ({ authorization } = await getAccessToken({ clusterUrl, database: input.database }, { timeoutMs: AGENT_CALL_BUDGET_MS }));
  } catch (error) {
    throw toRefusal(error);
  }
  const result = await kustoPost(
    "v2/rest/query",
    input.query,
    {
      clusterUrl,
      database: input.database,
      authorization,
      budgetMs: AGENT_CALL_BUDGET_MS,
      signal: AbortSignal.timeout(AGENT_CALL_BUDGET_MS),
      // Read-only mode, and no more rows than the caller may see (plus one to know there were more).
      properties: { Options: { request_readonly: true, query_take_max_records: maxRows + 1 } },
    },
    (body) => {
      const frames = z.array(frameSchema).parse(body);
      const completion = frames.find((frame) => frame.FrameType === "DataSetCompletion");
      if (completion?.HasErrors) throw new Error(`the query failed: ${JSON.stringify(completion.OneApiErrors ?? []).slice(0, 500)}`);
      const primary = frames.find((frame) => frame.FrameType === "DataTable" && frame.TableKind === "PrimaryResult");
      if (!primary) throw new Error("the answer has no PrimaryResult table");
      return { columns: (primary.Columns ?? []).map((column) => ({ name: column.ColumnName, type: column.ColumnType ?? null })), rows: (primary.Rows ?? []) as unknown[][] };
    },
  );
  if (!result.ok) throw refusalFromDecoded(result.error);
  const { columns, rows } = result.value;
  return { columns, rows: rows.slice(0, maxRows), rowCount: Math.min(rows.length, maxRows), truncated: rows.length > maxRows, maxRows };
}
