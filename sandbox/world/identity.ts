// The identity part of a world: the directory objects Entra ID, managed identity and Microsoft
// Graph serve. Shapes follow Entra's own objects (application, servicePrincipal,
// federatedIdentityCredential) closely enough that the portal's Graph code reads them as is.
import { z } from "zod";

const guid = z
  .string()
  // Spelled out case-insensitively (no regex flag) so the published JSON Schema pattern agrees.
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a GUID");

export const tenantSchema = z
  .object({
    id: guid,
    displayName: z.string().min(1),
    /** e.g. contoso.example; also accepted in place of the tenant id in authority URLs. */
    defaultDomain: z.string().min(1),
  })
  .strict();

export const userSchema = z
  .object({
    oid: guid,
    /** Home tenant. */
    tenantId: guid,
    upn: z.string().email(),
    displayName: z.string().min(1),
    /** Holds a directory admin role in the home tenant (may grant admin consent there). */
    isAdmin: z.boolean().default(false).describe("Directory admin of the home tenant: may grant admin consent and write any app's FICs there."),
    /** Tenants the user is a B2B guest of. The sandbox keeps one oid per user across tenants. */
    guestOf: z.array(guid).default([]).describe("Tenant ids the user is a B2B guest of."),
  })
  .strict();

export const appRoleSchema = z
  .object({
    id: guid,
    value: z.string().min(1),
    displayName: z.string().min(1),
    allowedMemberTypes: z.array(z.enum(["User", "Application"])).min(1),
  })
  .strict();

export const passwordCredentialSchema = z
  .object({
    keyId: guid,
    displayName: z.string().optional(),
    /** Stored in clear: sandbox secrets protect nothing. */
    secretText: z.string().min(1).describe("The secret value, stored in clear (sandbox only)."),
    endDateTime: z.string().datetime().optional(),
  })
  .strict();

/**
 * A federated identity credential as Graph returns it. `issuer` may use the placeholder
 * `{authority}`, which stands for the sandbox origin (see world/issuer.ts), so one world document
 * works on any port; `https://login.microsoftonline.com` is accepted as an alias of the sandbox.
 */
export const federatedIdentityCredentialSchema = z
  .object({
    id: guid,
    name: z.string().min(3).max(120),
    issuer: z.string().min(1).describe("Exact issuer; `{authority}` stands for the sandbox origin, https://login.microsoftonline.com is an alias of it."),
    subject: z.string().min(1),
    audiences: z.array(z.string().min(1)).min(1),
    description: z.string().optional(),
  })
  .strict();

/** Permissions the app asks for; admin consent turns them into grants in the consenting tenant. */
export const requiredResourceAccessSchema = z
  .object({
    /** App id of the resource (a world application or a first-party resource). */
    resourceAppId: z.string().min(1),
    /** Delegated permissions (scope values, e.g. user_impersonation). */
    scopes: z.array(z.string().min(1)).default([]),
    /** Application permissions (app role values, e.g. Application.Read.All). */
    roles: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const applicationSchema = z
  .object({
    appId: guid,
    objectId: guid,
    homeTenantId: guid,
    displayName: z.string().min(1),
    signInAudience: z.enum(["AzureADMyOrg", "AzureADMultipleOrgs"]),
    identifierUris: z.array(z.string().min(1)).default([]),
    web: z
      .object({ redirectUris: z.array(z.string().url()).default([]) })
      .strict()
      .default({ redirectUris: [] }),
    spa: z
      .object({ redirectUris: z.array(z.string().url()).default([]) })
      .strict()
      .default({ redirectUris: [] }),
    appRoles: z.array(appRoleSchema).default([]),
    /** Delegated permission names the app's own API exposes (e.g. access_as_user). */
    oauth2PermissionScopes: z.array(z.string().min(1)).default([]),
    requiredResourceAccess: z.array(requiredResourceAccessSchema).default([]).describe("What admin consent grants in the consenting tenant."),
    passwordCredentials: z.array(passwordCredentialSchema).default([]),
    federatedIdentityCredentials: z.array(federatedIdentityCredentialSchema).max(20).default([]),
    /** Object ids of users or service principals that own the registration. */
    owners: z.array(guid).default([]),
    /** Disabled by Microsoft or the owner: every tenant answers AADSTS7000112. */
    disabled: z.boolean().default(false),
    /**
     * The version of access tokens Entra issues for this app's own API (its manifest's
     * accessTokenAcceptedVersion). Entra's default is 1; the sandbox's worlds use 2.
     */
    accessTokenVersion: z
      .union([z.literal(1), z.literal(2)])
      .default(2)
      .describe("Version of access tokens issued for this app's API (manifest accessTokenAcceptedVersion)."),
    /**
     * The app was active before Entra made federated credential subjects case-sensitive (2024):
     * a subject that differs from the FIC's only by case still matches, as Entra allows such apps.
     */
    ficSubjectCaseInsensitive: z.boolean().default(false).describe("Matches FIC subjects case-insensitively, as Entra still does for apps active before its 2024 change."),
  })
  .strict();

export const appRoleAssignmentSchema = z
  .object({
    /** Object id of the user, group or service principal that holds the role. */
    principalId: guid,
    /** Value of an app role of the resource this service principal represents. */
    appRole: z.string().min(1),
  })
  .strict();

export const delegatedGrantSchema = z
  .object({
    /** App id of the resource the delegated permissions are for. */
    resourceAppId: z.string().min(1),
    scopes: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const servicePrincipalSchema = z
  .object({
    id: guid,
    appId: z.string().min(1),
    tenantId: guid,
    displayName: z.string().optional(),
    enabled: z.boolean().default(true),
    /** Who holds which app role of THIS service principal's application (Entra's appRoleAssignedTo). */
    appRoleAssignments: z.array(appRoleAssignmentSchema).default([]).describe("Who holds which app role of THIS service principal's application (users or other service principals)."),
    /** Tenant-wide (admin) consent of this client to delegated permissions of other resources. */
    delegatedGrants: z.array(delegatedGrantSchema).default([]).describe("Tenant-wide consent of this client to delegated scopes of other resources."),
  })
  .strict();

export const managedIdentitySchema = z
  .object({
    name: z.string().min(1),
    tenantId: guid,
    kind: z.enum(["userAssigned", "systemAssigned"]),
    clientId: guid,
    principalId: guid,
    /** ARM resource id (`mi_res_id`); for a system-assigned identity, the id of its host resource. */
    resourceId: z.string().min(1),
  })
  .strict();

export const tokenLifetimesSchema = z
  .object({
    accessTokenSeconds: z.number().int().positive().default(3599),
    refreshTokenSeconds: z
      .number()
      .int()
      .positive()
      .default(90 * 24 * 3600),
    managedIdentitySeconds: z.number().int().positive().default(86399),
    authorizationCodeSeconds: z.number().int().positive().default(600),
  })
  .strict();

export const identitySchema = z.object({
  tenants: z.array(tenantSchema).min(1),
  users: z.array(userSchema).default([]),
  applications: z.array(applicationSchema).default([]),
  servicePrincipals: z.array(servicePrincipalSchema).default([]),
  managedIdentities: z.array(managedIdentitySchema).default([]),
  propagationDelaySeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(0)
    .describe("Seconds a newly created FIC, service principal or role assignment (ARM, app role, Kusto, ADO membership) stays invisible, as Entra's replication delay; 0 applies changes at once."),
  tokenLifetimes: tokenLifetimesSchema.default({
    accessTokenSeconds: 3599,
    refreshTokenSeconds: 90 * 24 * 3600,
    managedIdentitySeconds: 86399,
    authorizationCodeSeconds: 600,
  }),
});

export type Tenant = z.infer<typeof tenantSchema>;
export type User = z.infer<typeof userSchema>;
export type Application = z.infer<typeof applicationSchema>;
export type FederatedIdentityCredential = z.infer<typeof federatedIdentityCredentialSchema>;
export type ServicePrincipal = z.infer<typeof servicePrincipalSchema>;
export type ManagedIdentity = z.infer<typeof managedIdentitySchema>;
export type TokenLifetimes = z.infer<typeof tokenLifetimesSchema>;
