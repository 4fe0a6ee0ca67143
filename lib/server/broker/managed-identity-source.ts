import "server-only";
// Managed identity and MI + FIC token sources on @azure/identity, as the agent runs them:
// the user-assigned identity's token for api://AzureADTokenExchange is the client assertion of
// the multi-tenant app in the target tenant
// (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
// MSAL keeps managed identity tokens in a process-wide cache and picks the identity endpoint at
// first use from IDENTITY_ENDPOINT/IDENTITY_HEADER (or IMDS), which Azure sets on the host.
import { ClientAssertionCredential, ManagedIdentityCredential, type AccessToken } from "@azure/identity";
import { TOKEN_EXCHANGE_AUDIENCE } from "@/lib/server/entra/admin-consent-url";
import { settings } from "@/lib/server/settings";
import { identityHttpClient } from "./identity-http-client";
import { withDeadline } from "./with-deadline";

export type IssuedToken = { token: string; expiresOn: Date };

const DEFAULT_TIMEOUT_MS = 20_000;

/** Our own timeout, and the operator action's deadline when there is one. */
const withCallerSignal = (timeoutMs: number, signal?: AbortSignal) => (signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs));
const credentials = new Map<string, ManagedIdentityCredential>();

function managedIdentity(miClientId: string): ManagedIdentityCredential {
  let credential = credentials.get(miClientId);
  if (!credential) {
    credential = new ManagedIdentityCredential({ clientId: miClientId, httpClient: identityHttpClient });
    credentials.set(miClientId, credential);
  }
  return credential;
}

// Callers that ask for one identity's token for one scope at once share one request to the
// identity endpoint. MSAL caches the token once it arrives, but callers that miss together (a
// sweep's first checks, one per target tenant; a token's renewal) would each send their own, and
// the endpoint throttles a host's token requests (IMDS answers 429). The shared request has the
// default timeout, which no caller exceeds; each caller stops waiting at its own deadline or signal
// (an operator's cancelled test stops at once, where MSAL would have gone on to the answer).
const pending = new Map<string, Promise<AccessToken>>();

function sharedRequest(miClientId: string, scope: string): Promise<AccessToken> {
  const key = `${miClientId} ${scope}`;
  let request = pending.get(key);
  if (!request) {
    request = managedIdentity(miClientId)
      .getToken(scope, { abortSignal: AbortSignal.timeout(DEFAULT_TIMEOUT_MS) })
      .finally(() => pending.delete(key));
    pending.set(key, request);
  }
  return request;
}

/** Starts (or joins) `start()` unless the caller's signal has aborted, and waits until it does. */
function untilAborted<T>(start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return start();
  const aborted = () => (signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError"));
  if (signal.aborted) return Promise.reject(aborted());
  const work = start();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The managed identity's own token for one scope (`<resource>/.default`). */
export async function managedIdentityToken(miClientId: string, scope: string, timeoutMs = DEFAULT_TIMEOUT_MS, signal?: AbortSignal): Promise<IssuedToken> {
  const token = await withDeadline(
    untilAborted(() => sharedRequest(miClientId, scope), signal),
    timeoutMs,
    "The managed identity endpoint",
  );
  return { token: token.token, expiresOn: new Date(token.expiresOnTimestamp) };
}

/** The assertion: the identity's token for the token exchange audience. */
export function federatedAssertion(miClientId: string, timeoutMs = DEFAULT_TIMEOUT_MS, signal?: AbortSignal): Promise<IssuedToken> {
  return managedIdentityToken(miClientId, `${TOKEN_EXCHANGE_AUDIENCE}/.default`, timeoutMs, signal);
}

export type ExchangeInput = { targetTenantId: string; appClientId: string; miClientId: string; scope: string; timeoutMs?: number; signal?: AbortSignal };

/** Exchanges the identity's assertion for the app's token in the target tenant. */
export async function exchangeForService(input: ExchangeInput): Promise<IssuedToken> {
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const authorityHost = settings().authorityHost;
  // A fresh credential per exchange: the broker's cache decides reuse, and a chain test must
  // reach Entra ID rather than MSAL's per-credential cache.
  const credential = new ClientAssertionCredential(input.targetTenantId, input.appClientId, async () => (await federatedAssertion(input.miClientId, timeoutMs, input.signal)).token, {
    authorityHost,
    // Instance discovery only knows Azure's own hosts; a sovereign or sandbox authority must skip it.
    disableInstanceDiscovery: authorityHost !== "https://login.microsoftonline.com",
    httpClient: identityHttpClient,
  });
  const token = await withDeadline(credential.getToken(input.scope, { abortSignal: withCallerSignal(timeoutMs, input.signal) }), timeoutMs, "Entra ID's token endpoint");
  return { token: token.token, expiresOn: new Date(token.expiresOnTimestamp) };
}
