// The Kusto (Azure Data Explorer) REST subset of the sandbox. A cluster's URL is
// {origin}/kusto/{cluster}; azure-kusto-data first reads /v1/rest/auth/metadata (which sets the
// token audience), then POSTs {db, csl, properties} to /v1/rest/mgmt, /v1/rest/query or
// /v2/rest/query.
import { z } from "zod";
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from "../contract";
import { matchRoute, pathSegments } from "../ado/route-match";
import type { KustoCluster } from "../world/kusto";
import { KUSTO_RESOURCE, authenticate, clusterUrl, type KustoCaller } from "./authenticate";
import { badRequest, forbidden, kustoError, kustoJson, notAuthorizedToRead, type KustoRequestIds } from "./errors";
import { KqlSemanticError, KqlSyntaxError, runKql } from "./kql";
import { runManagement } from "./management";
import { v1Management, v1Query, v2Query } from "./results";
import { canRead, findDatabase } from "./roles";

// The SDK sends exactly these fields; anything else is ignored as Kusto does.
const requestSchema = z.object({
  db: z.string().max(256).optional(),
  csl: z.string().min(1).max(100_000),
  properties: z.unknown().optional(),
});

/** The public Kusto client app id and the first-party authority tenant, as the real metadata names them. */
const KUSTO_CLIENT_APP_ID = "db662dc1-0cfe-4e1c-a843-19a68e65be58";
const FIRST_PARTY_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

function findCluster(ctx: SandboxContext, name: string): KustoCluster | undefined {
  return ctx.world().kusto.clusters.find((cluster) => cluster.name === name.toLowerCase());
}

function authMetadata(ctx: SandboxContext): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: {
      AzureAD: {
        LoginEndpoint: ctx.origin,
        LoginMfaRequired: false,
        KustoClientAppId: KUSTO_CLIENT_APP_ID,
        KustoClientRedirectUri: "https://microsoft/kustoclient",
        KustoServiceResourceId: KUSTO_RESOURCE,
        FirstPartyAuthorityUrl: `${ctx.origin}/${FIRST_PARTY_TENANT}`,
      },
      dSTS: null,
    },
  };
}

async function handle(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse | null> {
  const segments = pathSegments(req.url.pathname);
  if (!segments) return null;
  const method = req.method.toUpperCase();
  const metadata = matchRoute("/kusto/:cluster/v1/rest/auth/metadata", segments);
  const endpoint =
    (matchRoute("/kusto/:cluster/v1/rest/mgmt", segments) && "mgmt") ||
    (matchRoute("/kusto/:cluster/v1/rest/query", segments) && "query-v1") ||
    (matchRoute("/kusto/:cluster/v2/rest/query", segments) && "query-v2") ||
    undefined;
  if (!(metadata && method === "GET") && !(endpoint && method === "POST")) return null;
  const cluster = findCluster(ctx, segments[1] as string);
  if (!cluster) return null;
  if (metadata) return authMetadata(ctx);

  const header = req.headers["x-ms-client-request-id"];
  const ids: KustoRequestIds = { clientRequestId: (Array.isArray(header) ? header[0] : header) ?? `KSandbox;${ctx.newTraceId()}`, activityId: ctx.newTraceId() };
  const caller = await authenticate(req, ctx, cluster);
  if ("failure" in caller) {
    return kustoError(ids, {
      status: 401,
      code: "Unauthorized",
      message: "The caller is not authenticated.",
      type: "Kusto.Common.Svc.Exceptions.UnauthorizedOperationException",
      detail: caller.failure,
      extraHeaders: { "www-authenticate": `Bearer authorization_uri="${ctx.origin}/${cluster.tenantId}", resource="${clusterUrl(ctx.origin, cluster)}"` },
    });
  }

  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return badRequest(ids, "The request body is not valid JSON.");
  }
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) return badRequest(ids, `The request body needs 'csl' (and 'db'): ${parsed.error.issues.map((issue) => issue.path.join(".") || issue.message).join(", ")}.`);
  const { db, csl } = parsed.data;

  if (endpoint === "mgmt") return management(ctx, cluster, caller, csl, ids);
  if (csl.trim().startsWith(".")) return badRequest(ids, "Syntax error: SYN0002: Management commands must be sent to /v1/rest/mgmt.");
  if (!db) return badRequest(ids, "Semantic error: the request names no database ('db').");
  const database = findDatabase(cluster, db);
  if (!database) return badRequest(ids, `Entity ID '${db}' of kind 'Database' was not found.`);
  if (!canRead(cluster, database, caller.fqn)) return notAuthorizedToRead(ids, caller.fqn, database.name);
  try {
    const table = runKql(csl, database.tables);
    return kustoJson(ids, endpoint === "query-v2" ? v2Query(table, ids) : v1Query(table, ids));
  } catch (error) {
    if (error instanceof KqlSemanticError) return badRequest(ids, `Semantic error: ${error.message}`);
    if (error instanceof KqlSyntaxError) return badRequest(ids, `Syntax error: ${error.message}`);
    throw error;
  }
}

function management(ctx: SandboxContext, cluster: KustoCluster, caller: KustoCaller, csl: string, ids: KustoRequestIds): SandboxResponse {
  const outcome = runManagement(csl, cluster, caller);
  switch (outcome.kind) {
    case "table":
      return kustoJson(ids, v1Management(outcome.table));
    case "forbidden":
      return forbidden(ids, outcome.detail);
    case "cannotRead":
      return notAuthorizedToRead(ids, caller.fqn, outcome.database);
    case "badRequest":
      return badRequest(ids, outcome.detail);
    case "change": {
      ctx.mutate((world) => {
        const target = world.kusto.clusters.find((candidate) => candidate.name === cluster.name);
        if (target) outcome.apply(target);
      });
      const changed = findCluster(ctx, cluster.name) ?? cluster;
      return kustoJson(ids, v1Management(outcome.table(changed)));
    }
  }
}

export const kustoService: SandboxService = { name: "Kusto", prefix: "/kusto", handle };
