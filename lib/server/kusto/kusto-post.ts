import "server-only";
// One POST to a Kusto cluster (/v1/rest/mgmt or /v2/rest/query), through the outbound layer.
// Kusto answers failures with OneApiErrors; they come back as values with a cause and a fix.
import { randomUUID } from "node:crypto";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { outboundFetch, UpstreamError, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { decodeKustoError, type KustoErrorContext } from "./decode-kusto-error";

export type KustoResult<T> = { ok: true; value: T } | { ok: false; error: DecodedError };

export type KustoPostOptions = {
  /** The canonical cluster URL (lib/server/kusto/cluster-url.ts). */
  clusterUrl: string;
  database: string;
  /** Authorization header value; never logged. */
  authorization: string;
  budgetMs?: number;
  /** The operator action's deadline: aborts the request in flight. */
  signal?: AbortSignal;
  context?: Omit<KustoErrorContext, "database">;
  /** Client request properties (`{ Options: { request_readonly: true } }`). */
  properties?: Record<string, unknown>;
};

export async function kustoPost<T>(endpoint: "v1/rest/mgmt" | "v2/rest/query", csl: string, options: KustoPostOptions, parse: (body: unknown) => T): Promise<KustoResult<T>> {
  const context: KustoErrorContext = { ...options.context, database: options.database };
  let response: OutboundAnswer;
  try {
    response = await outboundFetch(`${options.clusterUrl}/${endpoint}`, {
      service: "kusto",
      method: "POST",
      headers: {
        authorization: options.authorization,
        "content-type": "application/json; charset=utf-8",
        accept: "application/json",
        "x-ms-client-request-id": `TenantBridge.ChainTest;${randomUUID()}`,
        "x-ms-app": "TenantBridge",
      },
      body: JSON.stringify({ db: options.database, csl, ...(options.properties ? { properties: options.properties } : {}) }),
      // Read-only commands and queries: safe to repeat after a throttle or a dropped connection.
      idempotent: true,
      budgetMs: options.budgetMs,
      signal: options.signal,
      timeoutMs: Math.min(options.budgetMs ?? 10_000, 10_000),
    });
  } catch (error) {
    if (error instanceof UpstreamError) return { ok: false, error: decodeKustoError({ unreachable: error.message, hint: error.hint, reason: error.reason }, context) };
    throw error;
  }
  const text = await response.text();
  if (response.status === 200) {
    try {
      return { ok: true, value: parse(JSON.parse(text)) };
    } catch (error) {
      return { ok: false, error: decodeKustoError({ status: 200, body: text, headers: response.headers, parseProblem: String(error) }, context) };
    }
  }
  return { ok: false, error: decodeKustoError({ status: response.status, body: text, headers: response.headers }, context) };
}
