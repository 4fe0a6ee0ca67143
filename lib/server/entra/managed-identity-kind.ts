import "server-only";
// What a managed identity's token says about the identity. Entra puts the identity's ARM resource
// id in `xms_mirid`: a Microsoft.ManagedIdentity/userAssignedIdentities resource for a
// user-assigned identity, the host (a web app, a VM, a container app) for a system-assigned one.
// Only user-assigned identities can be federated credentials of an app, so the chain test refuses
// a system-assigned identity's token before any exchange.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
import { decodeJwt } from "jose";
import type { DecodedError } from "./decoded-error";
import { systemAssignedExplanation } from "./decode-entra-error";
import { TOKEN_EXCHANGE_AUDIENCE } from "./admin-consent-url";

/** The app id of api://AzureADTokenExchange: v2.0 managed identity tokens for it carry this `aud`. */
export const TOKEN_EXCHANGE_APP_ID = "fb60f99c-7a34-4190-8149-302f77469936";

const USER_ASSIGNED = /\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;

export type ManagedIdentityKind = { kind: "user_assigned" | "system_assigned"; resourceId: string } | { kind: "unknown" };

export function managedIdentityKindOf(token: string): ManagedIdentityKind {
  let resourceId: unknown;
  try {
    resourceId = decodeJwt(token).xms_mirid;
  } catch {
    return { kind: "unknown" };
  }
  if (typeof resourceId !== "string" || !resourceId) return { kind: "unknown" };
  return { kind: USER_ASSIGNED.test(resourceId) ? "user_assigned" : "system_assigned", resourceId };
}

/** The refusal for a system-assigned identity's token, or null for any other token. */
export function systemAssignedRefusal(token: string, miClientId: string | null): DecodedError | null {
  const identity = managedIdentityKindOf(token);
  if (identity.kind !== "system_assigned") return null;
  return {
    code: "system_assigned_identity",
    ...systemAssignedExplanation(identity.resourceId),
    raw: `The managed identity token${miClientId ? ` for client id ${miClientId}` : ""} names xms_mirid=${identity.resourceId}, which is not a Microsoft.ManagedIdentity/userAssignedIdentities resource. No exchange was attempted.`,
  };
}

/** How the chain shows a token's audience: the exchange's app id with the URI operators know. */
export function describeAudience(aud: string | undefined): string {
  if (!aud) return "?";
  return aud.toLowerCase() === TOKEN_EXCHANGE_APP_ID ? `${TOKEN_EXCHANGE_AUDIENCE} (app id ${TOKEN_EXCHANGE_APP_ID}, as Entra's v2.0 tokens name it)` : aud;
}
