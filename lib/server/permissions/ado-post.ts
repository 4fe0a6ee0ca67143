import "server-only";
// One POST against an Azure DevOps organization (the ADO client in lib/server/ado has GETs only).
// Failures come back as values with ADO's cause and fix, like adoGet's.
import { organizationUrl, type AdoGetOptions, type AdoResult } from "@/lib/server/ado/ado-get";
import { decodeAdoError, type AdoErrorContext } from "@/lib/server/ado/decode-ado-error";
import { outboundFetch, UpstreamError } from "@/lib/server/outbound/outbound-fetch";

export type AdoPostOptions = AdoGetOptions & {
  body: unknown;
  /** Read-only POSTs (permission evaluation) are safe to retry after a throttle or a 5xx. */
  idempotent: boolean;
};

export async function adoPost<T>(options: AdoPostOptions, parse: (body: unknown) => T): Promise<AdoResult<T>> {
  const context: AdoErrorContext = { ...options.context, organization: options.organization };
  let response: Response;
  try {
    response = await outboundFetch(`${organizationUrl(options.organization)}/${options.path}`, {
      service: "ado",
      method: "POST",
      headers: {
        authorization: options.authorization,
        accept: "application/json",
        "content-type": "application/json",
        "X-TFS-FedAuthRedirect": "Suppress",
      },
      body: JSON.stringify(options.body),
      idempotent: options.idempotent,
      budgetMs: options.budgetMs,
      timeoutMs: Math.min(options.budgetMs ?? 10_000, 10_000),
    });
  } catch (error) {
    if (error instanceof UpstreamError) return { ok: false, error: decodeAdoError({ unreachable: error.message, hint: error.hint }, context) };
    throw error;
  }
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  if (response.status === 200 && contentType.includes("json")) {
    try {
      return { ok: true, value: parse(JSON.parse(text)), headers: response.headers };
    } catch (error) {
      return { ok: false, error: decodeAdoError({ status: response.status, contentType, body: text, headers: response.headers, parseProblem: String(error) }, context) };
    }
  }
  return { ok: false, error: decodeAdoError({ status: response.status, contentType, body: text, headers: response.headers }, context) };
}
