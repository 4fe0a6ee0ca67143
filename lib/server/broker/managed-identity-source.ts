import "server-only";
// Managed identity and MI + FIC token sources on @azure/identity, as the agent runs them:
// the user-assigned identity's token for api://AzureADTokenExchange is the client assertion of
// the multi-tenant app in the target tenant
// (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
// MSAL keeps managed identity tokens in a process-wide cache and picks the identity endpoint at
// first use from IDENTITY_ENDPOINT/IDENTITY_HEADER (or IMDS), which Azure sets on the host.
import { ClientAssertionCredential, ManagedIdentityCredential } from "@azure/identity";
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

/** The managed identity's own token for one scope (`<resource>/.default`). */
export async function managedIdentityToken(miClientId: string, scope: string, timeoutMs = DEFAULT_TIMEOUT_MS, signal?: AbortSignal): Promise<IssuedToken> {
  const token = await withDeadline(managedIdentity(miClientId).getToken(scope, { abortSignal: withCallerSignal(timeoutMs, signal) }), timeoutMs, "The managed identity endpoint");
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
