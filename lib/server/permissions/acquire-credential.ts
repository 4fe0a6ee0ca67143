import "server-only";
// The connector's own credential for its organization, from the broker, within the budget. A
// failure is a value with the broker's decoded cause and fix (AADSTS…, a lapsed sign-in, an
// expired PAT); only bugs throw.
import { authMethodLabels } from "@/lib/schemas/connector";
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { DeadlineError, withDeadline } from "@/lib/server/broker/with-deadline";
import { tokenClaims } from "@/lib/server/pipeline/token-claims";
import type { Db } from "@/lib/server/db/client";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { AppError } from "@/lib/server/errors";
import { isTransient } from "@/lib/server/pipeline/check-results";

export type Credential = { ok: true; authorization: string; principalId: string | null; identityLabel: string; detail: string } | { ok: false; error: DecodedError; status: "fail" | "unknown" };

/** How the operator knows the identity before Azure DevOps has named it. */
export function identityLabelOf(connector: BrokerConnector, principalId: string | null): string {
  switch (connector.authMethod) {
    case "mi_fic":
      return `the connector's service principal (app ${connector.appClientId ?? "?"}${principalId ? `, object id ${principalId}` : ""})`;
    case "managed_identity":
      return `the managed identity${principalId ? ` (object id ${principalId})` : ""}`;
    case "oauth":
      return connector.oauthAccount ?? "the signed-in account";
    case "pat":
      return "the PAT's owner";
  }
}

export async function acquireCredential(db: Db, connector: BrokerConnector, budgetMs: number): Promise<Credential> {
  try {
    const token = await withDeadline(getAccessToken({ organization: connector.organization ?? "" }, { db, timeoutMs: budgetMs }), budgetMs, "The credential for Azure DevOps");
    const [scheme = "", value = ""] = token.authorization.split(" ", 2);
    const principalId = scheme.toLowerCase() === "bearer" ? (tokenClaims(value).oid ?? null) : null;
    const expires = token.expiresOn ? `, valid until ${token.expiresOn.toISOString().replace(/\.\d+Z$/, "Z")}` : "";
    return {
      ok: true,
      authorization: token.authorization,
      principalId,
      identityLabel: identityLabelOf(connector, principalId),
      detail: `${authMethodLabels[connector.authMethod]}${principalId ? ` for object id ${principalId}` : ""}${expires}.`,
    };
  } catch (error) {
    if (error instanceof TokenUnavailableError) return { ok: false, error: error.decoded, status: isTransient(error.decoded) ? "unknown" : "fail" };
    if (error instanceof DeadlineError) {
      return {
        ok: false,
        status: "unknown",
        error: { code: "timeout", title: "No credential in time", cause: error.message, fix: error.hint ?? "Run the validation again.", raw: error.message },
      };
    }
    if (error instanceof AppError) {
      return {
        ok: false,
        status: error.code === "upstream_failed" ? "unknown" : "fail",
        error: { code: error.code, title: "The connector has no usable credential", cause: error.message, fix: error.hint ?? "Open the connector and complete its setup.", raw: error.message },
      };
    }
    throw error;
  }
}
