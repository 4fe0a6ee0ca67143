import "server-only";
// Turns a Kusto (Azure Data Explorer) failure into a cause and a fix. A principal without a
// database role gets 403 "Principal '<fqn>' is not authorized to read database '<db>'"; the
// fix is a Database Viewer grant made by the database's admin:
// https://learn.microsoft.com/kusto/management/manage-database-security-roles
import { notAnswering } from "@/lib/server/pipeline/unanswered";
import type { UnansweredReason } from "@/lib/server/outbound/outbound-fetch";
import type { DecodedError } from "@/lib/server/entra/decoded-error";

export type KustoErrorContext = {
  database: string;
  /** The caller's principal as Kusto names it (aadapp=<appId>;<tenantId>), when known. */
  principalFqn?: string | null;
};

export type KustoFailure = { unreachable: string; hint?: string; reason?: UnansweredReason } | { status: number; body: string; headers?: Headers; parseProblem?: string };

const RAW_LIMIT = 2000;

/** Kusto names need brackets unless they are plain identifiers. */
export function kustoName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}

/** The command a database admin runs to let `principalFqn` read `database`. */
export function grantViewerCommand(database: string, principalFqn: string): string {
  return `.add database ${kustoName(database)} viewers ('${principalFqn}')`;
}

type OneApiError = { code?: string; message?: string; "@message"?: string; "@type"?: string; "@context"?: { activityId?: string } };

function errorOf(body: string): OneApiError | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: OneApiError };
    return parsed.error && typeof parsed.error === "object" ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

export function decodeKustoError(failure: KustoFailure, context: KustoErrorContext): DecodedError {
  if ("unreachable" in failure) return notAnswering("The Kusto cluster", failure, "Check the cluster URL and the portal's network access to it, then try again.");
  const error = errorOf(failure.body);
  const detail = error?.["@message"] ?? error?.message;
  const raw = (detail ?? failure.body).slice(0, RAW_LIMIT) || `HTTP ${failure.status}`;
  const traceId = error?.["@context"]?.activityId ?? failure.headers?.get("x-ms-activity-id") ?? undefined;

  if (failure.status === 403) {
    const denied = /Principal '([^']+)' is not authorized to read database '([^']+)'/.exec(detail ?? "");
    const principal = denied?.[1] ?? context.principalFqn ?? undefined;
    const database = denied?.[2] ?? context.database;
    return {
      code: "HTTP 403",
      title: `The identity cannot read database ${database}`,
      cause: `${principal ? `Principal ${principal}` : "The identity"} has no role on database ${database}: it needs at least Database Viewer.`,
      fix: principal
        ? `An admin of database ${database} runs this command in the cluster's query editor, then run the test again:\n${grantViewerCommand(database, principal)}`
        : `An admin of database ${database} adds the identity as a Database Viewer (.add database ${kustoName(database)} viewers ('aadapp=<appId>;<tenantId>')).`,
      expected: `Database Viewer (or better) on ${database}`,
      configured: "No role on the database",
      raw,
      traceId,
    };
  }
  if (failure.status === 401) {
    return {
      code: "HTTP 401",
      title: "The Kusto cluster did not accept the token",
      cause: "The token was issued by a tenant other than the cluster's, or for another audience than the cluster URL.",
      fix: "Check that the target tenant id is the cluster's tenant and that the cluster URL is exactly the cluster's address.",
      raw,
      traceId,
    };
  }
  if (failure.status === 400 && /Entity ID '[^']*' of kind 'Database' was not found|database .* (does not exist|was not found)/i.test(detail ?? "")) {
    return {
      code: "HTTP 400",
      title: `Database ${context.database} does not exist`,
      cause: `The cluster has no database named ${context.database}.`,
      fix: "Check the database name (it is case-sensitive) in the cluster's Databases list.",
      raw,
      traceId,
    };
  }
  if (failure.status === 429 || failure.status >= 500) {
    return {
      code: `HTTP ${failure.status}`,
      title: failure.status === 429 ? "The Kusto cluster is throttling the calls" : "The Kusto cluster had a server error",
      cause: "The cluster failed to answer; this is usually temporary.",
      fix: "Run the test again in a few minutes; quote the activity id if it persists.",
      raw,
      traceId,
    };
  }
  return {
    code: error?.code ?? `HTTP ${failure.status}`,
    title: `The Kusto cluster refused the request (${error?.code ?? `HTTP ${failure.status}`})`,
    cause: failure.parseProblem ? `The answer could not be read: ${failure.parseProblem}` : "TenantBridge does not have an explanation for this answer yet; Kusto's own message is below.",
    fix: "Quote the message and activity id below to the cluster's administrator.",
    raw,
    traceId,
  };
}
