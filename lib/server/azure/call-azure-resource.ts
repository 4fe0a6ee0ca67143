import "server-only";
// The one real call that proves an Azure resource connector works, per resource: ARM lists the
// subscription's resource groups, Storage the account's blob containers, Graph reads the
// organization, Key Vault lists secret names (never values). Failures come back as values with
// the service's cause and fix.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { resourceEndpoint, type OutboundService } from "@/lib/server/outbound/allowed-origins";
import { outboundFetch, UpstreamError, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";
import type { AzureResource } from "@/lib/schemas/azure-resource";
import { decodeAzureError, type AzureErrorContext } from "./decode-azure-error";

export type AzureCallResult = { ok: true; items: string[]; label: string } | { ok: false; error: DecodedError };

export type AzureCallOptions = {
  authorization: string;
  budgetMs?: number;
  signal?: AbortSignal;
  context: AzureErrorContext;
};

/** Storage's version header: bearer tokens need 2017-11-09 or later. */
const STORAGE_VERSION = "2021-08-06";

function request(resource: AzureResource, target: string | null): { url: string; service: OutboundService; headers: Record<string, string>; label: string } {
  const config = settings();
  switch (resource) {
    case "arm":
      return {
        url: `${config.armBaseUrl}/subscriptions/${encodeURIComponent(target ?? "")}/resourcegroups?api-version=2021-04-01`,
        service: "arm",
        headers: { accept: "application/json" },
        label: "Resource groups it can read",
      };
    case "storage":
      return { url: `${resourceEndpoint("storage", target ?? "")}/?comp=list`, service: "storage", headers: { "x-ms-version": STORAGE_VERSION }, label: "Blob containers it can list" };
    case "graph":
      return { url: `${config.graphBaseUrl}/v1.0/organization?$select=id,displayName`, service: "graph", headers: { accept: "application/json" }, label: "Organization" };
    case "keyvault":
      return { url: `${resourceEndpoint("keyvault", target ?? "")}/secrets?api-version=7.4`, service: "keyvault", headers: { accept: "application/json" }, label: "Secret names it can list" };
  }
}

/** Names from a 200 answer; null when it does not have the expected shape. */
function namesOf(resource: AzureResource, body: string): string[] | null {
  if (resource === "storage") {
    // The List Containers answer is a fixed XML document; only the containers' names are read.
    if (!body.includes("<EnumerationResults")) return null;
    return [...body.matchAll(/<Container>\s*<Name>([^<]+)<\/Name>/g)].map((match) => match[1] as string);
  }
  try {
    const parsed = JSON.parse(body) as { value?: unknown };
    if (!Array.isArray(parsed.value)) return null;
    return parsed.value.map((item: { name?: unknown; displayName?: unknown; id?: unknown }) => {
      if (resource === "graph") return `${String(item.displayName ?? "?")} (${String(item.id ?? "?")})`;
      if (resource === "keyvault")
        return (
          String(item.id ?? "")
            .split("/")
            .pop() ?? "?"
        );
      return String(item.name ?? "?");
    });
  } catch {
    return null;
  }
}

export async function callAzureResource(resource: AzureResource, target: string | null, options: AzureCallOptions): Promise<AzureCallResult> {
  const { url, service, headers, label } = request(resource, target);
  let response: OutboundAnswer;
  try {
    response = await outboundFetch(url, {
      service,
      headers: { ...headers, authorization: options.authorization },
      budgetMs: options.budgetMs,
      signal: options.signal,
      timeoutMs: Math.min(options.budgetMs ?? 10_000, 10_000),
    });
  } catch (error) {
    if (error instanceof UpstreamError) return { ok: false, error: decodeAzureError({ unreachable: error.message, hint: error.hint, reason: error.reason }, options.context) };
    throw error;
  }
  const body = await response.text();
  if (response.status === 200) {
    const items = namesOf(resource, body);
    if (items) return { ok: true, items, label };
  }
  return { ok: false, error: decodeAzureError({ status: response.status, body, headers: response.headers }, options.context) };
}
