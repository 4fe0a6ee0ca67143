import "server-only";
// The hops of a scheduled check of an MI + FIC or managed identity connector. The token comes
// from the credential broker, which caches one token per (tenant, app, identity, scope) until 5
// minutes before expiry and shares one request between concurrent callers; so a sweep of a
// thousand connectors in a few tenants asks Entra ID for a few tokens, not two thousand, and it
// sees exactly what the agent sees (the agent uses the same broker). A broken federated
// credential shows up when the cached token is renewed, as it would for the agent; "Check now"
// runs the full chain test, which always reaches Entra ID. Because a cached token hides an
// identity endpoint that stopped issuing new ones, the check also asks the endpoint itself
// (identity-endpoint-probe.ts, once a minute per identity): when it does not answer, the
// connector is degraded with that cause while the agent keeps its token.
import { chainContext } from "@/lib/server/broker/broker-connector";
import { decodeManagedIdentityError } from "@/lib/server/broker/decode-identity-error";
import { accessTokenForConnector } from "@/lib/server/broker/get-access-token";
import { probeIdentityEndpoint } from "@/lib/server/broker/identity-endpoint-probe";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { DeadlineError, withDeadline } from "@/lib/server/broker/with-deadline";
import { AppError } from "@/lib/server/errors";
import { fail, pass, unknown, type Hop } from "./chain-hop";
import { tokenClaims, type TokenClaims } from "./token-claims";

const iso = (date: Date) => date.toISOString().replace(/\.\d+Z$/, "Z");

// The broker hands every check the same token object until it renews it, so its claims are
// decoded once per token, not once per check, and forgotten with the token.
const claimsOf = new WeakMap<object, TokenClaims>();
function claimsOfToken(token: { authorization: string }): TokenClaims {
  let claims = claimsOf.get(token);
  if (!claims) {
    claims = tokenClaims(token.authorization.replace(/^Bearer /, ""));
    claimsOf.set(token, claims);
  }
  return claims;
}

/** The identity's token for the service, from the credential broker. */
export function brokerTokenHop(method: "mi_fic" | "managed_identity", service: string): Hop {
  return {
    key: method === "mi_fic" ? "exchange" : "mi-token",
    label: method === "mi_fic" ? `Token for ${service} through the federated credential (credential broker)` : `Managed identity token for ${service} (credential broker)`,
    async run({ db, connector, state, budgetMs }) {
      const waitMs = Math.min(budgetMs, 5_000);
      try {
        const token = await withDeadline(accessTokenForConnector(connector, { db, timeoutMs: waitMs }), waitMs, "the credential broker");
        const claims = claimsOfToken(token);
        state.authorization = token.authorization;
        state.principalId = claims.oid;
        state.identityLabel = method === "mi_fic" ? `the service principal of app ${connector.appClientId ?? "?"}` : `the managed identity ${connector.miClientId ?? "?"}`;
        state.tokenExpiresOn = token.expiresOn;
        const expires = token.expiresOn ? `, valid until ${iso(token.expiresOn)}` : "";
        return pass(`Token issued in tenant ${claims.tid ?? "?"} for service principal ${claims.oid ?? "?"}${expires}`);
      } catch (error) {
        if (error instanceof TokenUnavailableError) return fail(error.decoded);
        if (error instanceof DeadlineError)
          return fail({ code: "timeout", title: error.message, cause: "No token arrived within the check's time budget.", fix: error.hint ?? "Try again.", raw: error.message });
        if (error instanceof AppError)
          return fail({ code: error.code, title: error.message, cause: error.message, fix: error.hint ?? "Complete the connector's setup, then run its test.", raw: error.message });
        throw error;
      }
    },
  };
}

/**
 * "unknown", not "fail", when the endpoint does not answer: the agent still works on its cached
 * token, so the connector is degraded (with the cause and until when), not failing.
 */
export function identityEndpointHop(needs: string): Hop {
  return {
    key: "mi-endpoint",
    label: "The managed identity endpoint issues new tokens",
    needs,
    optional: true,
    async run({ connector, state }) {
      const miClientId = connector.miClientId ?? "";
      const probe = await probeIdentityEndpoint(miClientId);
      if (probe.ok) return pass(`A new token for identity ${miClientId} was issued at ${iso(probe.checkedAt)}`);
      const decoded = decodeManagedIdentityError(probe.error, chainContext(connector), probe.status);
      const until = state.tokenExpiresOn ? `until ${iso(state.tokenExpiresOn)}` : "until its cached token expires";
      return unknown({ ...decoded, cause: `${decoded.cause} The agent keeps working on its cached token ${until}; after that it will get no token at all.` });
    },
  };
}
