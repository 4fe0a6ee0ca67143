import "server-only";
import { recordChainVerdict } from "@/lib/server/status/refresh-connector-status";
// THE server-side token source of an OAuth connector (the credential broker calls this). MSAL's
// token cache lives encrypted in the connector's row; the refresh token never reaches a browser
// (SPA refresh tokens last 24 hours). Tokens are refreshed 5 minutes before
// they expire; concurrent callers for one connector share one acquisition (single-flight), and a
// lapsed sign-in marks the connector needs_signin with a one-click fix.
//
// Replicas sharing one PostgreSQL refresh a connector under a per-connector advisory lock and
// re-read the stored cache once they hold it: the refresh token rotates on every use, so the
// replica that waited finds the token its peer just stored instead of spending a second refresh
// (which, with the rotated-away refresh token, Entra ID would answer with invalid_grant).
import { AuthError, InteractionRequiredAuthError } from "@azure/msal-node";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { withAdvisoryLock } from "@/lib/server/db/advisory-lock";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { UpstreamError } from "@/lib/server/outbound/outbound-fetch";
import { ADO_RESOURCE_ID, ADO_SCOPES, connectorOauthConfig } from "./connector-oauth-config";
import { createMsalClient } from "./create-msal-client";
import { readStoredCache, StoredCachePlugin } from "./stored-cache-plugin";

export type OauthAccessToken = { accessToken: string; expiresOn: Date; account: string };

/** Refresh ahead of expiry, as Azure SRE Agent does: a token handed out is good for 5 more minutes. */
export const REFRESH_BUFFER_MS = 5 * 60 * 1000;

// Keyed by client as well: one client is one process's view of the database, and tests run two
// "replicas" (two clients) in one process.
const inFlight = new WeakMap<Db, Map<string, Promise<OauthAccessToken>>>();

export function getOauthAccessToken(db: Db, connectorId: string): Promise<OauthAccessToken> {
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const pending = running.get(connectorId);
  if (pending) return pending;
  const acquisition = acquireOnce(db, connectorId).finally(() => running.delete(connectorId));
  running.set(connectorId, acquisition);
  return acquisition;
}

/** Serves a token still good for REFRESH_BUFFER_MS without a lock; a refresh takes the connector's lock. */
async function acquireOnce(db: Db, connectorId: string): Promise<OauthAccessToken> {
  const peek = await readStoredCache(db, connectorId);
  if (peek && hasFreshAccessToken(peek.serializedCache, peek.account)) return acquire(db, connectorId);
  // Held no longer than one refresh can take (the outbound deadline is far shorter).
  return withAdvisoryLock(db, `oauth-refresh:${connectorId}`, () => acquire(db, connectorId), { holdMs: 120_000 });
}

function hasFreshAccessToken(serializedCache: string, username: string): boolean {
  const parsed = JSON.parse(serializedCache) as { Account?: Record<string, { home_account_id?: string; username?: string }> };
  const accounts = Object.values(parsed.Account ?? {});
  const account = accounts.find((candidate) => candidate.username?.toLowerCase() === username.toLowerCase()) ?? accounts[0];
  if (!account?.home_account_id) return false;
  const expiresOn = cachedAccessTokenExpiry(serializedCache, account.home_account_id);
  return expiresOn !== null && expiresOn.getTime() - Date.now() >= REFRESH_BUFFER_MS;
}

/** When the cached ADO access token of `homeAccountId` expires, from MSAL's serialized cache. */
export function cachedAccessTokenExpiry(serializedCache: string, homeAccountId: string): Date | null {
  const parsed = JSON.parse(serializedCache) as { AccessToken?: Record<string, { home_account_id?: string; target?: string; expires_on?: string }> };
  const expiries = Object.values(parsed.AccessToken ?? {})
    .filter((entry) => entry.home_account_id === homeAccountId && (entry.target ?? "").toLowerCase().includes(ADO_RESOURCE_ID))
    .map((entry) => Number(entry.expires_on) * 1000)
    .filter((ms) => Number.isFinite(ms));
  return expiries.length ? new Date(Math.max(...expiries)) : null;
}

/** invalid_grant (expired, revoked or rotated-away refresh token), consent withdrawn, or no refresh token at all. */
function isLapsed(error: unknown): error is AuthError {
  return error instanceof InteractionRequiredAuthError || (error instanceof AuthError && ["invalid_grant", "interaction_required"].includes(error.errorCode));
}

async function acquire(db: Db, connectorId: string): Promise<OauthAccessToken> {
  // Two rounds at most: if the refresh token was rejected because another instance had just
  // rotated it, the stored cache has changed and the second round uses the new one.
  for (let round = 0; ; round++) {
    const plugin = new StoredCachePlugin(db, connectorId);
    const msal = createMsalClient(plugin);
    const accounts = await msal.getTokenCache().getAllAccounts();
    const stored = plugin.stored;
    if (!stored) {
      throw new AppError("unauthenticated", "Nobody has signed in to Azure DevOps for this connector.", {
        hint: "Sign in on the connector page (“Sign in to Azure DevOps”).",
      });
    }
    const account = accounts.find((candidate) => candidate.username.toLowerCase() === stored.account.toLowerCase()) ?? accounts[0];
    if (!account) return lapse(db, connectorId, stored.account, "the stored sign-in holds no account");
    const expiresOn = cachedAccessTokenExpiry(stored.serializedCache, account.homeAccountId);
    const forceRefresh = expiresOn !== null && expiresOn.getTime() - Date.now() < REFRESH_BUFFER_MS;
    try {
      // The account's own tenant, not `organizations`: MSAL looks cached tokens up by the
      // authority's tenant, and the refresh token was issued by the account's tenant.
      const authority = `${connectorOauthConfig().authorityHost}/${account.tenantId}`;
      const result = await msal.acquireTokenSilent({ account, scopes: ADO_SCOPES, forceRefresh, authority });
      return { accessToken: result.accessToken, expiresOn: result.expiresOn ?? new Date(Date.now() + 60_000), account: account.username };
    } catch (error) {
      if (!isLapsed(error)) {
        if (error instanceof AppError) throw error;
        throw new UpstreamError("entra", `Entra ID did not refresh the Azure DevOps token for ${stored.account}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: "This is usually temporary; the next attempt retries. If it persists, check that the portal can reach the authority host.",
          cause: error,
        });
      }
      const latest = await readStoredCache(db, connectorId);
      if (round === 0 && latest && latest.serializedCache !== stored.serializedCache) continue;
      return lapse(db, connectorId, stored.account, reasonOf(error));
    }
  }
}

function reasonOf(error: AuthError): string {
  const code = /AADSTS\d+/.exec(error.errorMessage ?? error.message)?.[0];
  if (code === "AADSTS65001") return "consent for Azure DevOps was withdrawn in the account's tenant (AADSTS65001)";
  if (code === "AADSTS700082" || code === "AADSTS700084") return `the refresh token expired after a long time unused (${code})`;
  if (code === "AADSTS70008" || code === "AADSTS70000") return `the refresh token was revoked or has expired (${code})`;
  if (code === "AADSTS50173" || code === "AADSTS50133") return `the account's password changed or its sessions were revoked (${code})`;
  return `Entra ID asked for an interactive sign-in (${code ?? error.errorCode})`;
}

async function lapse(db: Db, connectorId: string, account: string, reason: string): Promise<never> {
  const changed = await recordChainVerdict(db, connectorId, "needs_signin", { authMethod: "oauth", chainStatus: { not: "needs_signin" } });
  if (changed) {
    await recordAuditEvent(
      db,
      { id: "system", name: "TenantBridge" },
      {
        action: "connector.oauth_sign_in_lapsed",
        targetType: "connector",
        targetId: connectorId,
        summary: `The Azure DevOps sign-in of ${account} lapsed: ${reason}`,
        details: { account, reason },
      },
    );
  }
  throw new AppError("unauthenticated", `The Azure DevOps sign-in of ${account} has lapsed: ${reason}.`, {
    hint: "Sign in again on the connector page (“Sign in again”); the server then refreshes the token by itself.",
  });
}
