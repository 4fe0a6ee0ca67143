import "server-only";
// What the operator reads when an OAuth sign-in for a connector fails: which hop (Entra ID's
// sign-in, or Azure DevOps accepting the account), why, and the next action. Entra's own
// explanations come from the shared decoder; the ADO ones are specific to "this account in that
// organization".
import type { OauthProblem } from "@/lib/schemas/connector-oauth";
import { adminConsentUrl } from "@/lib/server/entra/admin-consent-url";
import { decodeEntraError } from "@/lib/server/entra/decode-entra-error";
import type { AdoProbe } from "./probe-ado-connection";

export type OauthFailureContext = {
  authorityHost: string;
  portalClientId: string;
  organization: string;
  /** The Entra tenant the organization is connected to, when ADO told us. */
  organizationTenantId: string | null;
};

/** An error Entra ID returned to the redirect URI or from the token endpoint. */
export function entraProblem(error: unknown, context: OauthFailureContext): OauthProblem {
  const decoded = decodeEntraError(error, {
    authorityHost: context.authorityHost,
    appClientId: context.portalClientId,
    targetTenantId: context.organizationTenantId,
    adoOrganization: context.organization,
  });
  const tenant = context.organizationTenantId ?? "organizations";
  if (decoded.code === "AADSTS65001") {
    return {
      code: decoded.code,
      title: "The organization's tenant has not consented to TenantBridge",
      cause: `An administrator of the tenant that owns organization '${context.organization}'${context.organizationTenantId ? ` (${context.organizationTenantId})` : ""} has not allowed TenantBridge to use Azure DevOps on behalf of its users, and users there may not consent themselves.`,
      fix: "Send the admin consent link to an administrator of that tenant. After they accept, sign in again.",
      link: { label: "Admin consent link for the organization's tenant", href: adminConsentUrl(context.authorityHost, tenant, context.portalClientId) },
      traceId: decoded.traceId,
    };
  }
  if (decoded.code === "AADSTS50020") {
    return {
      code: decoded.code,
      title: "This account is not in the organization's tenant",
      cause: decoded.cause,
      fix: "Select “Sign in with a different account” and pick an account of the tenant that owns the organization, or ask its administrator to invite this account as a guest.",
      traceId: decoded.traceId,
    };
  }
  return {
    code: decoded.code,
    title: decoded.title,
    cause: `${decoded.cause}${decoded.code === "unknown" ? ` ${decoded.raw}` : ""}`.slice(0, 2000),
    fix: decoded.fix,
    link: decoded.link,
    traceId: decoded.traceId,
  };
}

/** The user closed the consent screen or declined (error=access_denied). */
export function declinedProblem(description: string): OauthProblem {
  return {
    code: /AADSTS\d+/.exec(description)?.[0] ?? "access_denied",
    title: "The sign-in was cancelled",
    cause: "The account declined the permissions or the sign-in was cancelled.",
    fix: "Select “Sign in to Azure DevOps” again and accept the permissions TenantBridge asks for.",
  };
}

/** Azure DevOps did not accept the signed-in account for the organization. */
export function adoAccessProblem(probe: Exclude<AdoProbe, { kind: "ok" }>, account: string, accountTenantId: string, organization: string): OauthProblem {
  if (probe.kind === "organization_not_found") {
    return {
      code: "ado_organization_not_found",
      title: `Azure DevOps has no organization '${organization}'`,
      cause: probe.message,
      fix: "Check the organization name (the part after dev.azure.com/) on the connector.",
    };
  }
  if (probe.kind === "rejected" && probe.code === "TF401444") {
    return {
      code: "TF401444",
      title: `${account} has no access to organization '${organization}'`,
      cause: `The account is in the organization's tenant but is not a user of '${organization}'. Azure DevOps said: ${probe.message}`,
      fix: `Sign in with a different account that is a user of '${organization}', or ask an administrator of '${organization}' to add ${account} under Organization settings → Users.`,
    };
  }
  if (probe.kind === "rejected" && probe.resourceTenantId && probe.resourceTenantId.toLowerCase() !== accountTenantId.toLowerCase()) {
    return {
      code: probe.code ?? "ado_wrong_tenant",
      title: `${account} has no access to organization '${organization}'`,
      cause: `The account signed in through tenant ${accountTenantId}, but organization '${organization}' is connected to tenant ${probe.resourceTenantId}; Azure DevOps accepts only tokens of that tenant.`,
      fix: `Select “Sign in with a different account” and pick an account of tenant ${probe.resourceTenantId} that is a user of '${organization}'.`,
    };
  }
  return {
    code: probe.kind === "rejected" ? (probe.code ?? `HTTP ${probe.status}`) : `HTTP ${probe.status}`,
    title: `Azure DevOps did not accept ${account} for organization '${organization}'`,
    cause: `Azure DevOps said: ${probe.message}`,
    fix: `Sign in with a different account that is a user of '${organization}', or ask its administrator to check this account's access level.`,
  };
}
