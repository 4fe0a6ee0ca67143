import "server-only";
// Every route of the HTTP API with the zod contracts it parses and answers. The OpenAPI document
// is built from this list, and a unit test scans app/api/**/route.ts so that a route missing
// here fails the build.
import { z } from "zod";
import type { Permission } from "@/lib/server/auth/permissions";
import { createSessionSchema } from "@/lib/schemas/auth";
import { createConnectorSchema, deleteConnectorQuerySchema, listConnectorsQuerySchema, updateConnectorSchema } from "@/lib/schemas/connector";
import { startOauthSchema } from "@/lib/schemas/connector-oauth";
import { removePatQuerySchema, savePatSchema } from "@/lib/schemas/connector-pat";
import { validatePermissionsSchema } from "@/lib/schemas/permission-check";
import { checkOrganizationNameQuerySchema, createSourceSchema, deleteSourceQuerySchema, listSourcesQuerySchema, updateSourceSchema } from "@/lib/schemas/source";
import { listValidationRunsQuerySchema } from "@/lib/schemas/validation";
import { listAuditQuerySchema } from "@/lib/schemas/audit";
import { createFicThroughGraphSchema, generateFicSchema, saveFicDraftSchema } from "@/lib/schemas/fic";
import { healthQuerySchema, listAlertsQuerySchema } from "@/lib/schemas/health";
import { tenantsResponseSchema } from "@/lib/schemas/tenants";
import { connectorChangeResultSchema, connectorChangeSchema } from "@/lib/schemas/propagation";
import { oauthCapabilitiesSchema } from "@/lib/schemas/oauth-capabilities";
import { agentAppDtoSchema, agentAppResponseSchema, putAgentAppSchema } from "@/lib/schemas/agent-app";
import * as r from "./response-schemas";
import * as h from "./response-schemas-operations";
import { chainTestLineSchema, checkNowLineSchema } from "./hop-stream-schemas";
import { agentAccessOperations } from "./agent-access-operations";

const streamNote =
  "With `Accept: application/x-ndjson` the answer streams one JSON object per line: a `hop` line as each hop finishes (in chain order, with its duration), then a `result` line with the JSON answer's fields, or an `error` line if the run failed after its first hop. An error before the first hop (404, 429 …) is the usual JSON error with its status.";

export const apiTags = ["Auth", "Connectors", "Managed identity + FIC", "Permissions", "Knowledge sources", "Organizations", "Health", "Agent access", "System"] as const;

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI path: /api/connectors/{id}. */
  path: string;
  tag: (typeof apiTags)[number];
  summary: string;
  description?: string;
  /** null: no session needed. */
  permission: Permission | null;
  /** "agent": authenticated by an agent identity's Entra token or an API token (the token API). */
  security?: "agent";
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success answer; `html`/`text` for answers that are not JSON. */
  success: { status: number; description: string; schema?: z.ZodType; html?: true; text?: true; ndjson?: z.ZodType };
  /** Expected failures besides the ones every route can give (401, 403, 422, 500). */
  errors?: number[];
};

const id = "/api/connectors/{id}";
const ok = (description: string, schema?: z.ZodType) => ({ status: 200, description, schema });

export const apiOperations: ApiOperation[] = [
  // Auth
  {
    method: "post",
    path: "/api/auth/nonce",
    tag: "Auth",
    summary: "Issue the nonce for the sign-in popup (also set as a cookie)",
    permission: null,
    success: ok("The nonce", z.object({ nonce: z.string() })),
  },
  {
    method: "post",
    path: "/api/auth/session",
    tag: "Auth",
    summary: "Exchange the sign-in popup's ID token for a session cookie",
    permission: null,
    body: createSessionSchema,
    success: ok("Signed in; the tb_session cookie is set", z.object({ name: z.string(), username: z.string(), role: z.enum(["admin", "reader"]), expiresAt: z.string() })),
  },
  {
    method: "get",
    path: "/api/auth/session",
    tag: "Auth",
    summary: "Who is signed in",
    permission: "connectors.read",
    success: ok("The operator", z.object({ id: z.string(), name: z.string(), role: z.enum(["admin", "reader"]) })),
  },
  { method: "post", path: "/api/auth/sign-out", tag: "Auth", summary: "End the session", permission: null, success: { status: 204, description: "Signed out" } },
  {
    method: "get",
    path: "/api/oauth/callback",
    tag: "Auth",
    summary: "Where Entra ID returns an OAuth connector's sign-in popup",
    permission: null,
    description: "Answers a small HTML page that posts the outcome to the window that opened the popup; not for API clients.",
    success: { status: 200, description: "HTML page for the popup", html: true },
  },
  // Connectors
  {
    method: "get",
    path: "/api/connectors",
    tag: "Connectors",
    summary: "List connectors",
    permission: "connectors.read",
    query: listConnectorsQuerySchema,
    success: ok("A page of connectors", z.object({ items: z.array(r.connectorSchema), nextCursor: z.string().nullable() })),
  },
  {
    method: "post",
    path: "/api/connectors",
    tag: "Connectors",
    summary: "Create an ADO, Kusto or Azure resource connector",
    permission: "connectors.write",
    body: createConnectorSchema,
    success: { status: 201, description: "The connector", schema: r.connectorSchema },
    errors: [409],
  },
  { method: "get", path: id, tag: "Connectors", summary: "Get a connector", permission: "connectors.read", success: ok("The connector", r.connectorSchema), errors: [404] },
  {
    method: "patch",
    path: id,
    tag: "Connectors",
    summary: "Update a connector's settings (version-checked)",
    permission: "connectors.write",
    body: updateConnectorSchema,
    success: ok("The updated connector", r.connectorSchema),
    errors: [404, 409],
  },
  {
    method: "delete",
    path: id,
    tag: "Connectors",
    summary: "Delete a connector with its sources and runs",
    permission: "connectors.write",
    query: deleteConnectorQuerySchema,
    success: { status: 204, description: "Deleted" },
    errors: [404, 409],
  },
  {
    method: "put",
    path: `${id}/pat`,
    tag: "Connectors",
    summary: "Validate and store a PAT (write-only)",
    permission: "connectors.write",
    body: savePatSchema,
    success: ok("What is known about the stored PAT", r.patSavedSchema),
    errors: [404, 409, 502],
  },
  {
    method: "delete",
    path: `${id}/pat`,
    tag: "Connectors",
    summary: "Remove the stored PAT",
    permission: "connectors.write",
    query: removePatQuerySchema,
    success: ok("Removed", z.object({ configured: z.literal(false) })),
    errors: [404, 409],
  },
  {
    method: "post",
    path: `${id}/oauth/start`,
    tag: "Connectors",
    summary: "Start the OAuth sign-in popup for a connector",
    permission: "connectors.write",
    body: startOauthSchema,
    success: ok("Where to open the popup", r.startOauthResponseSchema),
    errors: [404],
  },
  {
    method: "delete",
    path: `${id}/oauth`,
    tag: "Connectors",
    summary: "Forget the OAuth sign-in",
    permission: "connectors.write",
    query: removePatQuerySchema,
    success: ok("Disconnected", z.object({ configured: z.literal(false), version: z.number().int() })),
    errors: [404, 409],
  },
  {
    method: "post",
    path: `${id}/sandbox-grant`,
    tag: "Connectors",
    summary: "Sandbox only: act as the target admin and add the connector's app to its Azure DevOps organization",
    permission: "connectors.write",
    description: "Exists only when the portal runs against the sandbox cloud (TB_SANDBOX=1 and no Azure endpoint); otherwise 404.",
    success: ok("What the sandbox granted", z.object({ organization: z.string(), tenant: z.string(), servicePrincipalId: z.string(), accessLevel: z.string(), readerOf: z.array(z.string()) })),
    errors: [404, 409, 502],
  },
  {
    method: "get",
    path: "/api/settings/agent-app",
    tag: "Managed identity + FIC",
    summary: "The agent's multi-tenant app set in Settings (null when unset)",
    permission: "settings.read",
    success: ok("The setting", agentAppResponseSchema),
  },
  {
    method: "put",
    path: "/api/settings/agent-app",
    tag: "Managed identity + FIC",
    summary: "Set the agent's multi-tenant app (and optionally its managed identity) once; the assistant prefills it",
    permission: "access.manage",
    body: putAgentAppSchema,
    description: "Version-checked: send the version read, or 0 for the first save. Audited as settings.agent_app_set.",
    success: ok("The saved setting", agentAppDtoSchema),
    errors: [409],
  },
  {
    method: "get",
    path: `${id}/oauth/capabilities`,
    tag: "Connectors",
    summary: "What the OAuth connector's signed-in account can do in the organization (read code, contribute to pull requests, edit work items in which areas)",
    permission: "connectors.write",
    description: "Asks Azure DevOps' permission evaluation with the connector's own sign-in, in the first five projects; rate-limited per organization with permission validation. Nothing is stored.",
    success: ok("Per project, the repositories and area paths", oauthCapabilitiesSchema),
    errors: [404, 409, 429],
  },
  {
    method: "delete",
    path: "/api/settings/agent-app",
    tag: "Managed identity + FIC",
    summary: "Clear the agent's app set in Settings",
    permission: "access.manage",
    success: ok("Whether a setting was removed", z.object({ cleared: z.boolean() })),
  },
  {
    method: "post",
    path: `${id}/test`,
    tag: "Connectors",
    summary: "Run the connector's chain test hop by hop",
    description: streamNote,
    permission: "health.check",
    success: { ...ok("The run with its checks", r.validationRunSchema), ndjson: chainTestLineSchema },
    errors: [404, 429],
  },
  {
    method: "get",
    path: `${id}/runs`,
    tag: "Connectors",
    summary: "Recent validation runs",
    description:
      "The connector's chain tests, newest first, each with its checks in hop order. Every scheduled check of the last day is listed; older scheduled runs that found what the runs on either side of them found are thinned from the history, so an unchanged stretch shows its first and its last run.",
    permission: "health.read",
    query: listValidationRunsQuerySchema,
    success: ok("The runs, newest first", r.listOf(r.validationRunSchema)),
    errors: [404],
  },
  // Permissions and the wizard's live lists
  {
    method: "post",
    path: `${id}/permissions`,
    tag: "Permissions",
    summary: "Validate the connector identity's permissions in one project",
    permission: "connectors.write",
    body: validatePermissionsSchema,
    description:
      "Checks with the connector's own identity: organization user and licence (TF401444), project visibility (VS800075), Git GenericRead and PullRequestContribute per repository, WORK_ITEM_WRITE on the area path. Failing permissions are results (200), with cause and fix; Azure DevOps throttling, errors and timeouts give `unknown` checks. Rate-limited per organization (429 with Retry-After).",
    success: ok("Checks grouped by capability", r.permissionValidationSchema),
    errors: [404, 429],
  },
  {
    method: "get",
    path: `${id}/projects`,
    tag: "Permissions",
    summary: "Projects the connector's identity can see, listed live",
    permission: "sources.read",
    success: ok("Projects; an empty list has a hint, a refusal a problem", r.projectListSchema),
    errors: [404],
  },
  {
    method: "get",
    path: `${id}/projects/{project}/repositories`,
    tag: "Permissions",
    summary: "Repositories of a project the identity may read",
    permission: "sources.read",
    success: ok("Repositories", r.repositoryListSchema),
    errors: [404],
  },
  {
    method: "get",
    path: `${id}/projects/{project}/areas`,
    tag: "Permissions",
    summary: "Area paths of a project",
    permission: "sources.read",
    success: ok("Area paths, root first", r.areaListSchema),
    errors: [404],
  },
  // Knowledge sources
  {
    method: "get",
    path: "/api/sources",
    tag: "Knowledge sources",
    summary: "List knowledge sources",
    permission: "sources.read",
    query: listSourcesQuerySchema,
    success: ok("Sources, newest first", r.listOf(r.sourceSchema)),
  },
  {
    method: "post",
    path: "/api/sources",
    tag: "Knowledge sources",
    summary: "Validate, then add a repository as a knowledge source",
    permission: "sources.write",
    body: createSourceSchema,
    description:
      "Runs the read_code checks first. All pass: stored as `ready`. Otherwise 422 naming the fields, unless `allowDraft` is true: then stored as `draft` with `missing` listing what failed.",
    success: { status: 201, description: "The source and the validation that decided its status", schema: r.createSourceResultSchema },
    errors: [409, 429],
  },
  { method: "get", path: "/api/sources/{id}", tag: "Knowledge sources", summary: "Get a knowledge source", permission: "sources.read", success: ok("The source", r.sourceSchema), errors: [404] },
  {
    method: "patch",
    path: "/api/sources/{id}",
    tag: "Knowledge sources",
    summary: "Update display name, description or branch (version-checked)",
    permission: "sources.write",
    body: updateSourceSchema,
    success: ok("The updated source", r.sourceSchema),
    errors: [404, 409],
  },
  {
    method: "delete",
    path: "/api/sources/{id}",
    tag: "Knowledge sources",
    summary: "Delete a knowledge source",
    permission: "sources.write",
    query: deleteSourceQuerySchema,
    success: { status: 204, description: "Deleted" },
    errors: [404, 409],
  },
  // Organizations
  {
    method: "get",
    path: "/api/organizations",
    tag: "Organizations",
    summary: "Organizations with their connector summary",
    permission: "sources.read",
    success: ok("Organizations", r.listOf(r.organizationSchema)),
  },
  {
    method: "get",
    path: "/api/organizations/check-name",
    tag: "Organizations",
    summary: "Check an organization name against ADO's rules and find its connector",
    permission: "sources.read",
    query: checkOrganizationNameQuerySchema,
    success: ok("The name is valid", r.organizationNameCheckSchema),
  },
  // Managed identity + FIC
  {
    method: "post",
    path: "/api/fic/generate",
    tag: "Managed identity + FIC",
    summary: "Generate the FIC, az/Bicep/Graph scripts, consent URL and grants for the values sent (stores nothing)",
    permission: "connectors.read",
    body: generateFicSchema,
    success: ok("The generated artifacts", h.ficArtifactsSchema),
  },
  {
    method: "post",
    path: `${id}/fic`,
    tag: "Managed identity + FIC",
    summary: "Save the MI + FIC values and list what is still missing and who must do it",
    permission: "connectors.write",
    body: saveFicDraftSchema,
    success: ok("The connector and what is missing", h.ficDraftResultSchema),
    errors: [404, 409],
  },
  {
    method: "post",
    path: `${id}/fic/graph`,
    tag: "Managed identity + FIC",
    summary: "Create the FIC on the app through Microsoft Graph with the operator's delegated token",
    permission: "connectors.write",
    body: createFicThroughGraphSchema,
    success: ok("What Graph did; refusals are results", h.ficGraphOutcomeSchema),
    errors: [404, 409],
  },
  {
    method: "post",
    path: `${id}/changes`,
    tag: "Managed identity + FIC",
    summary: "Report an admin consent or a grant made in the target tenant, so chain tests wait for Entra to propagate it",
    permission: "connectors.write",
    body: connectorChangeSchema,
    success: ok("The audited change", connectorChangeResultSchema),
    errors: [404],
  },
  // Health, alerts and audit
  {
    method: "get",
    path: "/api/health/connectors",
    tag: "Health",
    summary: "The health dashboard's page of connectors with their latest checks and history",
    permission: "health.read",
    query: healthQuerySchema,
    success: ok("A page of connectors", h.healthPageSchema),
  },
  {
    method: "get",
    path: "/api/tenants",
    tag: "Connectors",
    summary: "Every target tenant of each multi-tenant app: consent state, last exchange, connectors",
    permission: "connectors.read",
    success: ok("The apps and their tenants", tenantsResponseSchema),
  },
  {
    method: "post",
    path: "/api/tenants/check",
    tag: "Connectors",
    summary: "Run the token exchange in every target tenant (rate-limited like the chain test)",
    permission: "health.check",
    success: ok("The apps and their tenants after the check", tenantsResponseSchema),
    errors: [429],
  },
  {
    method: "post",
    path: "/api/health/connectors/{id}/check",
    tag: "Health",
    summary: "Check a connector now and announce a change of state",
    description: streamNote,
    permission: "health.check",
    success: { ...ok("The run and the alert it raised, if any", h.checkNowSchema), ndjson: checkNowLineSchema },
    errors: [404, 429],
  },
  {
    method: "get",
    path: "/api/alerts",
    tag: "Health",
    summary: "Recent alert events with their webhook delivery state",
    permission: "health.read",
    query: listAlertsQuerySchema,
    success: ok("Alert events, newest first", z.array(h.alertEventSchema)),
  },
  {
    method: "get",
    path: "/api/audit",
    tag: "Health",
    summary: "The audit log, newest first",
    permission: "audit.read",
    query: listAuditQuerySchema,
    success: ok("A page of audit events", h.auditPageSchema),
  },
  // System
  { method: "get", path: "/api/health", tag: "System", summary: "Liveness (database reachable)", permission: null, success: ok("Healthy", z.object({ status: z.literal("ok") })), errors: [503] },
  { method: "get", path: "/api/health/live", tag: "System", summary: "Liveness: the process answers (reads nothing)", permission: null, success: ok("Live", z.object({ status: z.literal("live") })) },
  {
    method: "get",
    path: "/api/health/ready",
    tag: "System",
    summary: "Readiness: database reachable, migrations applied, key ring proven",
    permission: null,
    description: "503 with `reason` (database_unreachable, migrations_pending, encryption_keys_missing, encryption_keys_invalid) when this replica should not take traffic.",
    success: ok("Ready", z.object({ status: z.literal("ready"), checks: z.object({ database: z.literal("ok"), migrations: z.literal("ok"), encryption: z.literal("ok") }) })),
    errors: [503],
  },
  {
    method: "get",
    path: "/api/metrics",
    tag: "System",
    summary: "Prometheus metrics of this replica (also served at /metrics)",
    permission: null,
    description: "Needs `Authorization: Bearer <TB_METRICS_TOKEN>`; 404 when TB_METRICS_TOKEN is not set, 401 for another token.",
    success: { status: 200, description: "Prometheus text exposition format", text: true },
    errors: [404],
  },
  { method: "get", path: "/api/openapi", tag: "System", summary: "This OpenAPI document", permission: null, success: ok("OpenAPI 3.1 document", z.record(z.string(), z.unknown())) },
  ...agentAccessOperations,
];
