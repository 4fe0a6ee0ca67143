// Entra ID errors the sandbox reproduces, with the `error`, AADSTS code and text real Entra sends.
// Sources: Entra's error-code reference (https://learn.microsoft.com/entra/identity-platform/reference-error-codes)
// and runtime responses captured in public issues, named per entry. `aadstsCodes()` lists every
// code, so the portal's decoder can be checked against it.
import type { EntraError } from "./errors";

const FIC_HELP =
  "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation";

export const aadsts = {
  tenantNotFound: (tenant: string): EntraError => ({
    error: "invalid_request",
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  tenantNotFoundDiscovery: (tenant: string): EntraError => ({ ...aadsts.tenantNotFound(tenant), error: "invalid_tenant" }),
  tenantRequired: (tenant: string): EntraError => ({
    error: "invalid_request",
    code: 900023,
    message: `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
  }),
  appNotFound: (appId: string, tenantName: string): EntraError => ({
    error: "unauthorized_client",
    code: 700016,
    message: `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  appDisabled: (appId: string, appName: string): EntraError => ({
    error: "unauthorized_client",
    code: 7000112,
    message: `Application '${appId}'(${appName}) is disabled.`,
  }),
  invalidSecret: (appId: string): EntraError => ({
    error: "invalid_client",
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
  }),
  credentialRequired: (): EntraError => ({
    error: "invalid_client",
    code: 7000218,
    message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  invalidAssertionType: (type: string): EntraError => ({
    error: "invalid_request",
    code: 50027,
    message: `Invalid client_assertion_type '${type}'.`,
  }),
  secretExpired: (appId: string): EntraError => ({
    error: "invalid_client",
    code: 7000222,
    message: `The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  }),
  malformedAssertion: (): EntraError => ({
    error: "invalid_client",
    code: 50027,
    message: "JWT token is invalid or is malformed.",
  }),
  assertionSignatureInvalid: (kid: string): EntraError => ({
    error: "invalid_client",
    code: 7000274,
    message: `Key was found, but use of the key to verify the signature failed. Key id: '${kid}'.`,
  }),
  assertionUnverifiable: (issuer: string): EntraError => ({
    error: "invalid_client",
    code: 50027,
    message: `JWT token is invalid or is malformed. The sandbox cannot fetch signing keys of the external issuer '${issuer}'.`,
  }),
  assertionExpired: (now: Date, nbf: Date, exp: Date): EntraError => ({
    error: "invalid_client",
    code: 700024,
    message: `Client assertion is not within its valid time range. Current time: ${longTime(now)}, assertion valid from ${longTime(nbf)}, expiry time of assertion ${longTime(exp)}. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .`,
  }),
  noFicForIssuer: (issuer: string): EntraError => ({
    error: "invalid_client",
    code: 700211,
    message: `No matching federated identity record found for presented assertion issuer '${issuer}'. ${FIC_HELP}`,
  }),
  /**
   * An Entra-issued assertion (a managed identity's token) whose audience matches no FIC: the
   * token was asked for another resource, e.g. ARM. Captured with an ARM-audience token in
   * https://github.com/arsenvlad/entra-cross-tenant-app-fic-managed-identity (README, failure modes).
   */
  noFicForEntraAudience: (audience: string): EntraError => ({
    error: "invalid_client",
    code: 7002121,
    message: `No matching federated identity record found for presented assertion audience '${audience}'. ${FIC_HELP}`,
  }),
  /**
   * Subject equal to a FIC's only when case is ignored; Entra made FIC matching case-sensitive in
   * 2024. Text from https://github.com/Azure/login/issues/515 (and #517).
   */
  ficSubjectCaseMismatch: (subject: string): EntraError => ({
    error: "invalid_client",
    code: 7002138,
    message: `No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024.`,
  }),
  /**
   * A system-assigned identity's token as the assertion. Entra documents that only user-assigned
   * identities can be federated credentials of an app
   * (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity),
   * but its runtime text for this case is not public: the sandbox answers with the 700226 family's
   * wording and says why, so a reader knows this line is the sandbox's.
   */
  systemAssignedAssertion: (resourceId: string): EntraError => ({
    error: "invalid_client",
    code: 700226,
    message: `Only MSI tokens may be used as Federated Identity Credentials for AAD issuer. The presented token belongs to the system-assigned managed identity of '${resourceId}'; only user-assigned managed identities can be federated identity credentials of an application.`,
  }),
  noFicForAudience: (audience: string): EntraError => ({
    error: "invalid_client",
    code: 700212,
    message: `No matching federated identity record found for presented assertion audience '${audience}'. ${FIC_HELP}`,
  }),
  noFicForSubject: (subject: string): EntraError => ({
    error: "invalid_client",
    code: 700213,
    message: `No matching federated identity record found for presented assertion subject '${subject}'. ${FIC_HELP}`,
  }),
  onlyMsiTokens: (): EntraError => ({
    error: "invalid_client",
    code: 700226,
    message: "Only MSI tokens may be used as Federated Identity Credentials for AAD issuer.",
  }),
  onlyAppOnlyTokens: (): EntraError => ({
    error: "invalid_client",
    code: 700229,
    message: "Forbidden token type. Only app-only tokens may be used as Federated Identity Credentials for AAD issuer.",
  }),
  issuerTenantMismatch: (realAzureIssuer: string): EntraError => ({
    error: "invalid_client",
    code: 700236,
    message: `Entra ID tokens issued by issuer '${realAzureIssuer}' may not be used for federated identity credential flows for applications or managed identities registered in this tenant.`,
  }),
  resourceNotFound: (resource: string, tenantName: string): EntraError => ({
    error: "invalid_resource",
    code: 500011,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  clientCredentialsNeedDefault: (scope: string): EntraError => ({
    // Entra has also reported this as AADSTS1002012; 70011 is the code operators search for.
    error: "invalid_scope",
    code: 70011,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  invalidScope: (scope: string): EntraError => ({
    error: "invalid_scope",
    code: 70011,
    message: `The provided value for the input parameter 'scope' isn't valid. The scope ${scope} isn't valid.`,
  }),
  multipleResources: (scope: string): EntraError => ({
    error: "invalid_scope",
    code: 28000,
    message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
  }),
  consentRequired: (appId: string, appName: string): EntraError => ({
    error: "invalid_grant",
    code: 65001,
    suberror: "consent_required",
    message: `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
  }),
  pkceMismatch: (): EntraError => ({
    error: "invalid_grant",
    code: 501481,
    message: "The Code_Verifier doesn't match the code_challenge supplied in the authorization request.",
  }),
  codeRedeemed: (): EntraError => ({
    error: "invalid_grant",
    code: 54005,
    message: "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  }),
  codeExpired: (): EntraError => ({
    error: "invalid_grant",
    code: 70008,
    message: "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  }),
  codeRedirectMismatch: (): EntraError => ({
    error: "invalid_grant",
    code: 500117,
    message: "The reply uri specified in the request isn't valid or doesn't match the reply uri in the authorization code request.",
  }),
  codeClientMismatch: (): EntraError => ({
    error: "invalid_grant",
    code: 70000,
    message: "The provided value for the 'code' parameter is not valid. The code was issued to another client.",
  }),
  refreshTokenRevoked: (): EntraError => ({
    error: "invalid_grant",
    code: 70008,
    message:
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource. The refresh token was already redeemed and has been replaced by a newer one.",
  }),
  refreshTokenExpired: (issuedAt: Date, ageSeconds: number): EntraError => ({
    error: "invalid_grant",
    code: 700082,
    message: `The refresh token has expired due to inactivity. The token was issued on ${issuedAt.toISOString()} and was inactive for ${ageSeconds} seconds.`,
  }),
  refreshTokenMalformed: (): EntraError => ({
    error: "invalid_grant",
    code: 9002313,
    message: "Invalid request. Request is malformed or invalid.",
  }),
  refreshTokenOtherClient: (): EntraError => ({
    error: "invalid_grant",
    code: 70000,
    message: "Provided grant is invalid or malformed. The refresh token was issued to a different client.",
  }),
  spaNeedsCrossOrigin: (): EntraError => ({
    error: "invalid_request",
    code: 9002327,
    message: "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
  }),
  crossOriginOnlyForSpa: (): EntraError => ({
    error: "invalid_request",
    code: 9002326,
    message: "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.",
  }),
  unsupportedGrant: (grant: string): EntraError => ({
    error: "unsupported_grant_type",
    code: 70003,
    message: `The app requested an unsupported grant type '${grant}'.`,
  }),
  missingParameter: (name: string): EntraError => ({
    error: "invalid_request",
    code: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  }),
  // Interactive errors (shown on an error page or returned to the redirect URI).
  redirectMismatch: (redirectUri: string, appId: string): EntraError => ({
    error: "invalid_request",
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
  }),
  userNotInTenant: (upn: string, tenantName: string, appId: string, appName: string): EntraError => ({
    error: "access_denied",
    code: 50020,
    message: `User account '${upn}' from identity provider 'https://sts.windows.net/' does not exist in tenant '${tenantName}' and cannot access the application '${appId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
  }),
  userNotFound: (): EntraError => ({
    error: "invalid_request",
    code: 50034,
    message: "The user account does not exist in this directory. To sign into this application, the account must be added to the directory.",
  }),
  adminRequired: (appName: string): EntraError => ({
    error: "access_denied",
    code: 90094,
    message: `The grant requires admin permission. Only an administrator of the tenant can consent to '${appName}' on behalf of the organization.`,
  }),
  /** The sandbox's picker form outlived its transaction (Entra's own session timeout page differs). */
  sessionExpired: (what: string): EntraError => ({
    error: "invalid_request",
    code: 900561,
    message: `The ${what} session expired or the request is invalid. Start ${what === "sign-in" ? "the sign-in " : ""}again.`,
  }),
  idTokenNotEnabled: (): EntraError => ({
    error: "unsupported_response_type",
    code: 700054,
    message: "response_type 'id_token' is not enabled for the application.",
  }),
  loginRequired: (): EntraError => ({
    error: "login_required",
    code: 50058,
    message: "A silent sign-in request was sent but no user is signed in.",
  }),
};

/**
 * Every AADSTS code the sandbox can answer. Each entry is called with placeholder arguments (a
 * date stands in for every parameter, which each entry prints or formats), so a new entry is
 * listed without anyone remembering to add it here.
 */
export function aadstsCodes(): number[] {
  const placeholder = new Date(0);
  const entries = Object.values(aadsts) as Array<(...args: unknown[]) => EntraError>;
  return [...new Set(entries.map((entry) => entry(placeholder, placeholder, placeholder, placeholder).code))].sort((a, b) => a - b);
}

/** Entra prints assertion times with seven fractional digits. */
function longTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}
