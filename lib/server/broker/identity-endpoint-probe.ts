import "server-only";
// Is the host's managed identity endpoint still issuing tokens? The broker and MSAL serve cached
// tokens for up to a day, so an endpoint that answers 500 to everything goes unnoticed until the
// last token expires and the agent stops at once. The scheduled check asks the endpoint itself:
// MSAL's ManagedIdentityApplication with forceRefresh, which skips every cache, through the
// outbound layer (allow-list, timeout, breaker). The answer is kept for a minute per identity, so
// a sweep of many connectors asks the endpoint once, not once per connector (IMDS throttles).
// The token it returns is dropped: the broker keeps serving its own until it needs a new one.
import { ManagedIdentityApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { TOKEN_EXCHANGE_AUDIENCE } from "@/lib/server/entra/admin-consent-url";
import { withDeadline } from "./with-deadline";

/** `status`: the endpoint's last HTTP status, when it answered at all. */
export type IdentityEndpointProbe = { ok: true; checkedAt: Date } | { ok: false; error: unknown; status: number | null; checkedAt: Date };

const PROBE_TTL_MS = 60_000;
const holder = globalThis as unknown as { tenantBridgeIdentityProbes?: Map<string, { at: number; result: Promise<IdentityEndpointProbe> }> };
const probes = () => (holder.tenantBridgeIdentityProbes ??= new Map());

function networkClient(timeoutMs: number, seen: { status: number | null }): INetworkModule {
  const send = async <T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    const response = await outboundFetch(url, { service: "managed_identity", method, headers: options?.headers, body: options?.body, timeoutMs, budgetMs: timeoutMs, maxAttempts: 1 });
    seen.status = response.status;
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // MSAL reads the status for non-JSON answers (an HTML error page from a proxy).
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), body: body as T };
  };
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

async function probe(miClientId: string, timeoutMs: number): Promise<IdentityEndpointProbe> {
  const seen = { status: null as number | null };
  const app = new ManagedIdentityApplication({
    managedIdentityIdParams: { userAssignedClientId: miClientId },
    // One attempt: a probe reports what the endpoint does now; retrying is the agent's business.
    system: { networkClient: networkClient(timeoutMs, seen), disableInternalRetries: true },
  });
  try {
    await withDeadline(app.acquireToken({ resource: TOKEN_EXCHANGE_AUDIENCE, forceRefresh: true }), timeoutMs, "The managed identity endpoint");
    return { ok: true, checkedAt: new Date() };
  } catch (error) {
    return { ok: false, error, status: seen.status, checkedAt: new Date() };
  }
}

/** The endpoint's current answer for this identity, at most a minute old. */
export function probeIdentityEndpoint(miClientId: string, timeoutMs = 3_000, now = Date.now()): Promise<IdentityEndpointProbe> {
  const cached = probes().get(miClientId);
  if (cached && now - cached.at < PROBE_TTL_MS) return cached.result;
  const result = probe(miClientId, timeoutMs);
  probes().set(miClientId, { at: now, result });
  return result;
}

/** Tests only: the next probe asks the endpoint again. */
export function forgetIdentityEndpointProbes(): void {
  probes().clear();
}
