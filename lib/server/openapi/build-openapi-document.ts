import "server-only";
// The OpenAPI 3.1 document of the HTTP API, generated from the same zod contracts the route
// handlers parse (z.toJSONSchema; request bodies in "input" mode, answers in "output" mode), so
// infrastructure-as-code sees exactly what the UI sends. Schemas with an id (.meta({ id })) are
// shared under components.schemas.
import { z } from "zod";
import { rolePermissions, roles, sessionOnlyPermissions, type Permission } from "@/lib/server/auth/permissions";
import { HOP_STREAM_CONTENT_TYPE } from "@/lib/schemas/hop-stream";
import { MAX_BODY_BYTES } from "@/lib/server/http/api-route";
import { apiOperations, apiTags, type ApiOperation } from "./api-operations";
import { errorBodySchema } from "./response-schemas";

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

const errorDescriptions: Record<number, string> = {
  401: "Not signed in (no or expired tb_session cookie), or a bearer token refused (see WWW-Authenticate)",
  403: "The operator's role lacks the permission, or a cross-origin write",
  404: "No such resource",
  409: "Conflict: a duplicate, or the version sent is not the current one",
  413: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB`,
  422: "Invalid input: `error.fields` names each field and what is wrong",
  429: "Rate limited: wait for the Retry-After header's seconds",
  500: "Unexpected: quote `error.requestId`",
  502: "The upstream service failed; `error.hint` says what to do",
  503: "Unavailable",
};

/** Converts one zod schema, moving its shared definitions into components. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Components): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  const rewrite = (value: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  const { $schema: _schema, $defs, ...rest } = converted;
  for (const [name, definition] of Object.entries(($defs ?? {}) as Components)) components[name] ??= rewrite(definition);
  return rewrite(rest);
}

/** A session or an API token for operator routes; only a session for session-only permissions; the agent's schemes for the token API. */
function securityOf(operation: ApiOperation): Record<string, string[]>[] {
  if (operation.security === "agent") return [{ agentIdentity: [] }, { apiToken: [] }];
  if (!operation.permission) return [];
  return sessionOnlyPermissions.has(operation.permission) ? [{ session: [] }] : [{ session: [] }, { apiToken: [] }];
}

function roleNote(permission: Permission | null): string {
  if (!permission) return "No session needed.";
  const allowed = roles.filter((role) => rolePermissions[role].has(permission));
  return `Needs permission \`${permission}\` (roles: ${allowed.join(", ")}).`;
}

function parametersOf(operation: ApiOperation, components: Components): JsonSchema[] {
  const path = [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string", maxLength: 64 },
    description: name === "project" ? "Project name or id (URL-encoded), as Azure DevOps names it" : "Resource id from the API",
  }));
  const query = operation.query ? toSchema(operation.query, "input", components) : null;
  const queryProperties = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query?.required ?? []) as string[]);
  return [...path, ...Object.entries(queryProperties).map(([name, schema]) => ({ name, in: "query", required: required.has(name), schema }))];
}

function operationObject(operation: ApiOperation, components: Components): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  const { success } = operation;
  responses[String(success.status)] = success.html
    ? { description: success.description, content: { "text/html": { schema: { type: "string" } } } }
    : success.text
      ? { description: success.description, content: { "text/plain": { schema: { type: "string" } } } }
      : success.schema
        ? {
            description: success.description,
            content: {
              "application/json": { schema: toSchema(success.schema, "output", components) },
              // Each line of the stream is one of these (OpenAPI 3.1 has no per-item schema for sequences).
              ...(success.ndjson ? { [HOP_STREAM_CONTENT_TYPE]: { schema: toSchema(success.ndjson, "output", components) } } : {}),
            },
          }
        : { description: success.description };
  const errorStatuses = new Set([
    ...(operation.permission ? [401, 403] : []),
    ...(operation.body || operation.query || operation.path.includes("{") ? [422] : []),
    ...(operation.errors ?? []),
    ...(operation.body ? [413] : []),
    500,
  ]);
  for (const status of [...errorStatuses].sort()) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      ...(status === 429 ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait" } } } : {}),
    };
  }
  return {
    tags: [operation.tag],
    summary: operation.summary,
    description: [operation.description, roleNote(operation.permission)].filter(Boolean).join("\n\n"),
    operationId: `${operation.method}${operation.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase())}`,
    security: securityOf(operation),
    parameters: parametersOf(operation, components),
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(operation.body, "input", components) } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(): JsonSchema {
  const components: Components = {};
  toSchema(errorBodySchema, "output", components);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of apiOperations) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = operationObject(operation, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "TenantBridge API",
      version: "1.0.0",
      description:
        "Connectors, permission validation and knowledge sources for an agent that reaches Azure DevOps and Kusto in other Entra ID tenants. Every request body is strict (unknown fields are refused); every error has the shape of components.schemas.Error and names the invalid fields.",
    },
    servers: [{ url: "/" }],
    tags: apiTags.map((name) => ({ name })),
    components: {
      schemas: components,
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "tb_session",
          description: "Set by POST /api/auth/session after sign-in (over https the cookie is __Host-tb_session). Writes must come from the portal's origin.",
        },
        apiToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "tb_…",
          description:
            "An API token created under Settings → Agent access (shown once). Scope read: the reader role's permissions; write: the administrator's, except managing agent identities and API tokens. With an Authorization header the cookie is not read, and no Origin rule applies. A revoked or expired token is refused on its next request (401).",
        },
        agentIdentity: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "For POST /api/agent/token: an Entra ID access token for the portal's API (resource api://<portal client id>) issued to a registered agent identity's managed identity; verified against its tenant's keys (issuer, audience, tid, oid, expiry, signature).",
        },
      },
    },
    paths,
  };
}
