// The Microsoft Learn page for an error code, shown next to every decoded cause and fix. Entra's
// AADSTS codes link to the page for their family (the federated credential guide for FIC codes,
// the breaking-change note for the case-sensitive subject, the error code reference otherwise,
// which says how to look a code up); Azure DevOps codes to the page that says where to grant what.
// Pure: the server (tests) and the browser (hop rows, checks) both use it.

export type LearnLink = { label: string; href: string };

const LEARN = "https://learn.microsoft.com";
const AADSTS_REFERENCE = `${LEARN}/entra/identity-platform/reference-error-codes#aadsts-error-codes`;
const FIC_GUIDE = `${LEARN}/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity`;
const FIC_CONCEPTS = `${LEARN}/entra/workload-id/workload-identity-federation`;
const CASE_SENSITIVE = `${LEARN}/entra/identity-platform/reference-breaking-changes#federated-identity-credentials-now-use-case-sensitive-matching`;
const ADMIN_CONSENT = `${LEARN}/entra/identity/enterprise-apps/grant-admin-consent`;
const ADO_SERVICE_PRINCIPALS = `${LEARN}/azure/devops/integrate/get-started/authentication/service-principal-managed-identity`;
const ADO_PERMISSIONS = `${LEARN}/azure/devops/organizations/security/troubleshoot-permissions`;
const ADO_AREAS = `${LEARN}/azure/devops/organizations/settings/set-area-paths`;
const ADO_GIT_PERMISSIONS = `${LEARN}/azure/devops/repos/git/set-git-repository-permissions`;
const ADO_PATS = `${LEARN}/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate`;
const ARM_ROLES = `${LEARN}/azure/role-based-access-control/troubleshooting`;

const FIC_CODES = new Set(["70021", "70025", "700211", "700212", "700213", "7002121", "700222", "700226", "700227", "700229", "700236", "700223", "700238", "700024"]);

const pages: Record<string, string> = {
  AADSTS7002138: CASE_SENSITIVE,
  AADSTS700016: ADMIN_CONSENT,
  AADSTS65001: ADMIN_CONSENT,
  AADSTS90094: ADMIN_CONSENT,
  system_assigned_identity: FIC_GUIDE,
  TF401444: ADO_SERVICE_PRINCIPALS,
  TF400813: ADO_PATS,
  VS800075: ADO_PERMISSIONS,
  TF200016: ADO_PERMISSIONS,
  TF401019: ADO_GIT_PERMISSIONS,
  TF401027: ADO_GIT_PERMISSIONS,
  TF401174: ADO_GIT_PERMISSIONS,
  TF401175: ADO_GIT_PERMISSIONS,
  TF401180: ADO_GIT_PERMISSIONS,
  TF237111: ADO_AREAS,
  TF401232: ADO_AREAS,
  TF401347: ADO_AREAS,
  VS402485: ADO_AREAS,
  VS402323: ADO_PERMISSIONS,
  TF401320: ADO_PERMISSIONS,
  AuthorizationFailed: ARM_ROLES,
};

/** The Learn page for `code`, or null for codes that are the portal's own (timeouts, not configured). */
export function learnLinkFor(code: string | null | undefined): LearnLink | null {
  if (!code) return null;
  const aadsts = /^AADSTS(\d+)$/.exec(code)?.[1];
  const href =
    pages[code] ??
    (aadsts ? (FIC_CODES.has(aadsts) ? (aadsts === "700212" || aadsts === "7002121" ? FIC_CONCEPTS : FIC_GUIDE) : AADSTS_REFERENCE) : undefined) ??
    (/^(TF|VS)\d+$/.test(code) ? ADO_PERMISSIONS : undefined);
  return href ? { label: `${code} on Microsoft Learn`, href } : null;
}
