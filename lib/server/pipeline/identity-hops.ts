import "server-only";
// The identity hops: (1) the managed identity's token for the token exchange audience, with its
// issuer, subject and audience compared to the configured values; (2) the exchange in the target
// tenant for the service's scope. A same-tenant managed identity has one hop: its own token for
// the service.
import { chainContext } from "@/lib/server/broker/broker-connector";
import { decodeExchangeError, decodeManagedIdentityError } from "@/lib/server/broker/decode-identity-error";
import { exchangeForService, federatedAssertion, managedIdentityToken } from "@/lib/server/broker/managed-identity-source";
import { serviceScope } from "@/lib/server/broker/service-scope";
import { managedIdentityIssuer, TOKEN_EXCHANGE_AUDIENCE } from "@/lib/server/entra/admin-consent-url";
import { describeAudience, systemAssignedRefusal } from "@/lib/server/entra/managed-identity-kind";
import { settings } from "@/lib/server/settings";
import { fail, notConfigured, pass, type Hop } from "./chain-hop";
import { tokenClaims } from "./token-claims";

const until = (expiresOn: Date) => expiresOn.toISOString().replace(/\.\d+Z$/, "Z");

export const miAssertionHop: Hop = {
  key: "mi-token",
  label: `Managed identity token for ${TOKEN_EXCHANGE_AUDIENCE}`,
  async run({ connector, budgetMs, signal }) {
    const { miClientId, miPrincipalId, agentTenantId } = connector;
    if (!miClientId) return notConfigured("the managed identity's client id", "Enter the user-assigned identity's Client ID (Azure portal → the identity → Overview).");
    let token;
    try {
      token = await federatedAssertion(miClientId, budgetMs, signal);
    } catch (error) {
      return fail(decodeManagedIdentityError(error, chainContext(connector)));
    }
    const systemAssigned = systemAssignedRefusal(token.token, miClientId);
    if (systemAssigned) return fail(systemAssigned);
    const claims = tokenClaims(token.token);
    const expectedIssuer = agentTenantId ? managedIdentityIssuer(settings().authorityHost, agentTenantId) : null;
    if (miPrincipalId && claims.sub !== miPrincipalId) {
      return fail({
        code: "mi_subject_mismatch",
        title: "The identity's token names another principal id",
        cause: `The managed identity with client id ${miClientId} has principal (object) id ${claims.sub ?? "?"}, not the configured one. A federated credential built from the configured value would never match.`,
        fix: "Copy the Object (principal) ID from the identity's Overview page into the connector, and check the FIC's subject uses it too.",
        expected: `subject = ${claims.sub ?? "?"} (from the identity's token)`,
        configured: `principal id = ${miPrincipalId}`,
        raw: `Token claims: iss=${claims.iss ?? "?"} sub=${claims.sub ?? "?"} aud=${claims.aud ?? "?"}`,
      });
    }
    if (expectedIssuer && claims.iss !== expectedIssuer) {
      return fail({
        code: "mi_issuer_mismatch",
        title: "The identity is not in the configured agent tenant",
        cause: `The identity's token was issued by ${claims.iss ?? "?"}, not by the agent tenant's issuer. The federated credential's issuer must be the identity's own tenant.`,
        fix: "Set the agent tenant id to the tenant of the managed identity (Azure portal → the identity → Overview → Tenant), or use an identity from that tenant.",
        expected: `issuer = ${claims.iss ?? "?"} (from the identity's token)`,
        configured: `issuer = ${expectedIssuer}`,
        raw: `Token claims: iss=${claims.iss ?? "?"} sub=${claims.sub ?? "?"} aud=${claims.aud ?? "?"}`,
      });
    }
    return pass(
      [
        `Issuer: ${claims.iss ?? "?"}${expectedIssuer ? " (the agent tenant's issuer)" : ""}`,
        `Subject: ${claims.sub ?? "?"}${miPrincipalId ? " (matches the configured principal id)" : ""}`,
        `Audience: ${describeAudience(claims.aud)}`,
        `Valid until ${until(token.expiresOn)}`,
      ].join("\n"),
    );
  },
};

export function exchangeHop(serviceLabel: string): Hop {
  return {
    key: "exchange",
    label: `Exchange in the target tenant for ${serviceLabel}`,
    async run({ connector, state, budgetMs, signal }) {
      const { targetTenantId, appClientId, miClientId } = connector;
      if (!targetTenantId) return notConfigured("the target tenant id", "Enter the tenant id of the organization's Entra tenant (Organization settings → Microsoft Entra).");
      if (!appClientId) return notConfigured("the multi-tenant app's client id", "Enter the Application (client) ID of the multi-tenant app that holds the federated credential.");
      if (!miClientId) return notConfigured("the managed identity's client id", "Enter the user-assigned identity's Client ID.");
      let token;
      try {
        token = await exchangeForService({ targetTenantId, appClientId, miClientId, scope: serviceScope(connector), timeoutMs: budgetMs, signal });
      } catch (error) {
        return fail(decodeExchangeError(error, chainContext(connector)));
      }
      const claims = tokenClaims(token.token);
      state.authorization = `Bearer ${token.token}`;
      state.principalId = claims.oid;
      state.identityLabel = `the service principal of app ${appClientId}`;
      return pass(
        [
          `Token for ${claims.aud ?? serviceLabel} issued in tenant ${claims.tid ?? targetTenantId}`,
          `Caller: service principal ${claims.oid ?? "?"} of app ${claims.appid ?? appClientId}`,
          `Valid until ${until(token.expiresOn)}`,
        ].join("\n"),
      );
    },
  };
}

export function sameTenantIdentityHop(serviceLabel: string): Hop {
  return {
    key: "mi-token",
    label: `Managed identity token for ${serviceLabel}`,
    async run({ connector, state, budgetMs, signal }) {
      const { miClientId } = connector;
      if (!miClientId) return notConfigured("the managed identity's client id", "Enter the user-assigned identity's Client ID (Azure portal → the identity → Overview).");
      let token;
      try {
        token = await managedIdentityToken(miClientId, serviceScope(connector), budgetMs, signal);
      } catch (error) {
        return fail(decodeManagedIdentityError(error, chainContext(connector)));
      }
      const claims = tokenClaims(token.token);
      state.authorization = `Bearer ${token.token}`;
      state.principalId = claims.oid;
      state.identityLabel = `the managed identity ${miClientId}`;
      return pass(
        [`Token for ${claims.aud ?? serviceLabel} in tenant ${claims.tid ?? "?"}`, `Caller: ${claims.oid ?? "?"} (app ${claims.appid ?? miClientId})`, `Valid until ${until(token.expiresOn)}`].join(
          "\n",
        ),
      );
    },
  };
}
