import "server-only";
// @azure/identity (and the MSAL inside it) sends its Entra ID and managed identity requests
// through this client, so they obey the portal's host allow-list and timeouts like every other
// outbound call. Retries stay with the Azure pipeline, which already honours Retry-After;
// retrying here as well would multiply attempts.
import type { HttpClient, HttpHeaders, PipelineRequest, PipelineResponse, RawHttpHeaders } from "@azure/core-rest-pipeline";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";

class Headers_ implements HttpHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }
  get(name: string) {
    return this.map.get(name.toLowerCase())?.value;
  }
  has(name: string) {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string | number | boolean) {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  toJSON(options?: { preserveCase?: boolean }): RawHttpHeaders {
    const raw: RawHttpHeaders = {};
    for (const [key, entry] of this.map) raw[options?.preserveCase ? entry.name : key] = entry.value;
    return raw;
  }
  *[Symbol.iterator](): Iterator<[string, string]> {
    for (const [key, entry] of this.map) yield [key, entry.value];
  }
}

function toAbortSignal(like: PipelineRequest["abortSignal"]): AbortSignal | undefined {
  if (!like || like instanceof AbortSignal) return like as AbortSignal | undefined;
  const controller = new AbortController();
  if (like.aborted) controller.abort();
  else like.addEventListener("abort", () => controller.abort(), { once: true });
  return controller.signal;
}

export const identityHttpClient: HttpClient = {
  async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.body !== undefined && request.body !== null && typeof request.body !== "string") {
      throw new Error("identityHttpClient sends string bodies only (Entra ID token requests are form-encoded strings).");
    }
    const authority = settings().authorityHost;
    const service = request.url === authority || request.url.startsWith(`${authority}/`) ? "entra" : "managed_identity";
    const timeoutMs = request.timeout > 0 ? request.timeout : 10_000;
    const response = await outboundFetch(request.url, {
      service,
      method: request.method,
      headers: request.headers.toJSON({ preserveCase: true }),
      body: request.body ?? undefined,
      timeoutMs,
      budgetMs: timeoutMs,
      maxAttempts: 1,
      // The credential's getToken({ abortSignal }) arrives here: an operator action's deadline.
      signal: toAbortSignal(request.abortSignal),
    });
    return {
      request,
      status: response.status,
      headers: new Headers_(response.headers),
      bodyAsText: await response.text(),
    };
  },
};
