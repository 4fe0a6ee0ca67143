import "server-only";
// msal-node's HTTP client, built on the portal's one outbound layer (allow-list, timeouts,
// Retry-After). msal-node 7 removed proxy options and expects a custom INetworkModule instead.
// MSAL parses every body as JSON, so a non-JSON answer is reported here
// with the host and status rather than as MSAL's opaque tokenParsingError.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { outboundFetch, UpstreamError } from "@/lib/server/outbound/outbound-fetch";

async function send<T>(url: string, method: "GET" | "POST", options: NetworkRequestOptions | undefined, timeoutMs?: number): Promise<NetworkResponse<T>> {
  const response = await outboundFetch(url, {
    service: "entra",
    method,
    headers: options?.headers,
    body: method === "POST" ? (options?.body ?? "") : undefined,
    timeoutMs: timeoutMs ?? 15_000,
    // A token request redeems a single-use code or rotates a refresh token: never replay it.
    maxAttempts: method === "GET" ? 3 : 1,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const text = await response.text();
  try {
    return { headers, body: JSON.parse(text) as T, status: response.status };
  } catch {
    const where = new URL(url);
    throw new UpstreamError("entra", `Entra ID answered ${response.status} without JSON (${method} ${where.host}${where.pathname}).`, {
      status: response.status,
      hint: "Check that the authority host is an Entra ID endpoint and that nothing between the portal and it rewrites answers.",
    });
  }
}

export const msalNetworkClient: INetworkModule = {
  sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>(url, "GET", options, timeout),
  sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, "POST", options),
};
