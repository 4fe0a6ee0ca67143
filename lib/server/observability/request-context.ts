import "server-only";
// The request id of the request being served, through AsyncLocalStorage: the access log, error
// bodies and outbound calls (as x-ms-client-request-id, which Azure services record, so an
// operator's quoted id finds the upstream call in Azure's logs too) all use the same one.
// Kept on globalThis because instrumentation.ts and the route handlers are separate bundles.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type RequestContext = { requestId: string };

const holder = globalThis as unknown as { tenantBridgeRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = () => (holder.tenantBridgeRequestContext ??= new AsyncLocalStorage<RequestContext>());

// A proxy's id is kept when it is plainly an id (nginx's 32 hex digits, a UUID, a W3C trace id);
// anything else could smuggle text into logs, so it is replaced.
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/** The incoming x-request-id when well formed, else a new one. */
export function acceptRequestId(incoming: string | null | undefined): string {
  return incoming && WELL_FORMED.test(incoming) ? incoming : randomUUID();
}

export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}

export function runWithRequestId<T>(requestId: string, run: () => T): T {
  return storage().run({ requestId }, run);
}

/**
 * `headers` with x-ms-client-request-id (the id Azure services log for the caller) set to the
 * request being served. It replaces the random one the Azure SDK puts there, so the id an
 * operator quotes is the one Azure's own logs show.
 */
export function withClientRequestId(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  const requestId = currentRequestId();
  if (!requestId) return headers;
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== "x-ms-client-request-id");
  return { ...Object.fromEntries(kept), "x-ms-client-request-id": requestId };
}
