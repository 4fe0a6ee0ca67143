import "server-only";
// One GET against an Azure DevOps organization, through the outbound layer. Failures come back
// as values with ADO's cause and fix, because a missing permission in the target organization
// is a normal answer for the chain test and the agent, not a bug.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { outboundFetch, UpstreamError, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";
import { decodeAdoError, type AdoErrorContext } from "./decode-ado-error";

export type AdoResult<T> = { ok: true; value: T; headers: Headers } | { ok: false; error: DecodedError };

export type AdoGetOptions = {
  organization: string;
  /** Authorization header value (Bearer … or Basic …); never logged. */
  authorization: string;
  /** Path and query below the organization, e.g. "_apis/projects?api-version=7.1". */
  path: string;
  budgetMs?: number;
  /** The operator action's deadline: aborts the request in flight. */
  signal?: AbortSignal;
  context?: Omit<AdoErrorContext, "organization">;
};

export function organizationUrl(organization: string): string {
  return `${settings().adoBaseUrl}/${encodeURIComponent(organization)}`;
}

export type AdoRequestOptions = AdoGetOptions & {
  method?: "GET" | "POST";
  body?: unknown;
  /** Read-only POSTs (permission evaluation) are safe to retry after a throttle or a 5xx. */
  idempotent?: boolean;
  /** The body's media type; work item writes need application/json-patch+json. */
  contentType?: string;
};

export async function adoGet<T>(options: AdoGetOptions, parse: (body: unknown) => T): Promise<AdoResult<T>> {
  return adoRequest({ ...options, method: "GET" }, parse);
}

/** One request to the organization; the GETs and POSTs of the portal all go through here. */
export async function adoRequest<T>(options: AdoRequestOptions, parse: (body: unknown) => T): Promise<AdoResult<T>> {
  const context: AdoErrorContext = { ...options.context, organization: options.organization };
  const hasBody = options.body !== undefined;
  let response: OutboundAnswer;
  try {
    response = await outboundFetch(`${organizationUrl(options.organization)}/${options.path}`, {
      service: "ado",
      method: options.method ?? "GET",
      headers: {
        authorization: options.authorization,
        accept: "application/json",
        ...(hasBody ? { "content-type": options.contentType ?? "application/json" } : {}),
        // Without it ADO answers bad credentials on a GET with a 203 HTML sign-in page instead of a 401.
        "X-TFS-FedAuthRedirect": "Suppress",
      },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      idempotent: options.idempotent,
      budgetMs: options.budgetMs,
      signal: options.signal,
      timeoutMs: Math.min(options.budgetMs ?? 10_000, 10_000),
    });
  } catch (error) {
    if (error instanceof UpstreamError) return { ok: false, error: decodeAdoError({ unreachable: error.message, hint: error.hint, reason: error.reason }, context) };
    throw error;
  }
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  if (response.status === 200 && contentType.includes("json")) {
    try {
      return { ok: true, value: parse(JSON.parse(text)), headers: response.headers };
    } catch (error) {
      return {
        ok: false,
        error: decodeAdoError({ status: response.status, contentType, body: text, headers: response.headers, parseProblem: String(error) }, context),
      };
    }
  }
  return { ok: false, error: decodeAdoError({ status: response.status, contentType, body: text, headers: response.headers }, context) };
}
