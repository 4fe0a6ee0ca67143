// Identity part of the default world. Contoso runs the agent (user-assigned identity + the
// multi-tenant connector app that trusts it); Litware has consented both the connector app and
// the portal; Fabrikam has consented nothing; two apps carry the classic FIC mistakes.
import type { z } from "zod";
import type { identitySchema } from "../identity";
import { TOKEN_EXCHANGE_AUDIENCE, authorityIssuer } from "../issuer";
import {
  AGENT_IDENTITY,
  CONNECTOR_APP,
  GRAPH_SP,
  HOST_IDENTITY,
  PORTAL_APP,
  PORTAL_APP_ROLE,
  PORTAL_SP,
  RESOURCE,
  SANDBOX_SECRET,
  TENANT,
  USER,
  WRONG_SUBJECT_APP,
  WRONG_SUBJECT_APP_SP_CONTOSO,
  WRONG_TENANT_APP,
} from "./ids";

const graph = RESOURCE.graph.appId;
const ado = RESOURCE.azureDevOps.appId;

export const identityPart: z.input<typeof identitySchema> = {
  tenants: [
    { id: TENANT.contoso, displayName: "Contoso", defaultDomain: "contoso.example" },
    { id: TENANT.litware, displayName: "Litware", defaultDomain: "litware.example" },
    { id: TENANT.fabrikam, displayName: "Fabrikam", defaultDomain: "fabrikam.example" },
  ],
  users: [
    { ...USER.contosoAdmin, tenantId: TENANT.contoso, displayName: "Contoso Admin", isAdmin: true },
    { ...USER.contosoReader, tenantId: TENANT.contoso, displayName: "Contoso Reader" },
    { ...USER.litwareDev, tenantId: TENANT.litware, displayName: "Litware Developer" },
    { ...USER.litwareAdmin, tenantId: TENANT.litware, displayName: "Litware Admin", isAdmin: true },
    { ...USER.litwareIntern, tenantId: TENANT.litware, displayName: "Litware Intern" },
    { ...USER.fabrikamAdmin, tenantId: TENANT.fabrikam, displayName: "Fabrikam Admin", isAdmin: true },
  ],
  applications: [
    {
      appId: PORTAL_APP.appId,
      objectId: PORTAL_APP.objectId,
      homeTenantId: TENANT.contoso,
      displayName: "TenantBridge Portal",
      // Multi-tenant so that users of target tenants can sign in for OAuth connectors.
      signInAudience: "AzureADMultipleOrgs",
      identifierUris: [`api://${PORTAL_APP.appId}`],
      // Entra ignores the port of http://localhost redirect URIs, so any dev port matches.
      spa: { redirectUris: ["http://localhost/auth/redirect"] },
      // /api/oauth/callback: the OAuth connector sign-in, redeemed server-side (confidential client).
      web: { redirectUris: ["http://localhost/api/auth/callback", "http://localhost/api/oauth/callback"] },
      appRoles: [
        { ...PORTAL_APP_ROLE.admin, displayName: "TenantBridge administrator", allowedMemberTypes: ["User"] },
        { ...PORTAL_APP_ROLE.reader, displayName: "TenantBridge reader", allowedMemberTypes: ["User"] },
      ],
      requiredResourceAccess: [
        { resourceAppId: graph, scopes: ["User.Read", "Application.ReadWrite.All"] },
        { resourceAppId: ado, scopes: ["user_impersonation"] },
      ],
      passwordCredentials: [{ keyId: "7b000000-0000-4000-8000-0000000000c1", displayName: "sandbox", secretText: SANDBOX_SECRET.portal }],
      owners: [USER.contosoAdmin.oid],
    },
    {
      appId: CONNECTOR_APP.appId,
      objectId: CONNECTOR_APP.objectId,
      homeTenantId: TENANT.contoso,
      displayName: "TenantBridge Connector",
      signInAudience: "AzureADMultipleOrgs",
      identifierUris: [`api://${CONNECTOR_APP.appId}`],
      web: { redirectUris: ["http://localhost/api/connectors/admin-consent/callback"] },
      requiredResourceAccess: [{ resourceAppId: graph, roles: ["Organization.Read.All"] }],
      passwordCredentials: [{ keyId: "ab900000-0000-4000-8000-0000000000d9", displayName: "sandbox", secretText: SANDBOX_SECRET.connector }],
      federatedIdentityCredentials: [
        {
          id: "ab900000-0000-4000-8000-0000000000da",
          name: "agent-identity",
          issuer: authorityIssuer(TENANT.contoso),
          subject: AGENT_IDENTITY.principalId,
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
          description: "The agent's user-assigned identity (the correct setup)",
        },
      ],
      owners: [USER.contosoAdmin.oid],
    },
    {
      appId: WRONG_TENANT_APP.appId,
      objectId: WRONG_TENANT_APP.objectId,
      homeTenantId: TENANT.litware,
      displayName: "Connector registered in Litware (wrong tenant)",
      signInAudience: "AzureADMyOrg",
      federatedIdentityCredentials: [
        {
          id: "ab900000-0000-4000-8000-0000000000ea",
          name: "contoso-agent",
          // Mirrors the Contoso trust exactly; Entra still refuses it (AADSTS700236) because an
          // Entra-issued assertion may only be used by apps registered in the issuer's tenant.
          issuer: authorityIssuer(TENANT.contoso),
          subject: AGENT_IDENTITY.principalId,
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
        },
      ],
      owners: [USER.litwareAdmin.oid],
    },
    {
      appId: WRONG_SUBJECT_APP.appId,
      objectId: WRONG_SUBJECT_APP.objectId,
      homeTenantId: TENANT.contoso,
      displayName: "Connector with the wrong FIC subject",
      signInAudience: "AzureADMultipleOrgs",
      federatedIdentityCredentials: [
        {
          id: "ab900000-0000-4000-8000-0000000000fa",
          name: "agent-identity-client-id",
          issuer: authorityIssuer(TENANT.contoso),
          // The classic mistake: the identity's client id instead of its principal (object) id.
          subject: AGENT_IDENTITY.clientId,
          audiences: [TOKEN_EXCHANGE_AUDIENCE],
        },
      ],
      owners: [USER.contosoAdmin.oid],
    },
  ],
  servicePrincipals: [
    {
      id: PORTAL_SP.contoso,
      appId: PORTAL_APP.appId,
      tenantId: TENANT.contoso,
      appRoleAssignments: [
        { principalId: USER.contosoAdmin.oid, appRole: PORTAL_APP_ROLE.admin.value },
        { principalId: USER.contosoReader.oid, appRole: PORTAL_APP_ROLE.reader.value },
      ],
      delegatedGrants: [
        { resourceAppId: graph, scopes: ["User.Read", "Application.ReadWrite.All"] },
        { resourceAppId: ado, scopes: ["user_impersonation"] },
      ],
    },
    {
      id: PORTAL_SP.litware,
      appId: PORTAL_APP.appId,
      tenantId: TENANT.litware,
      delegatedGrants: [
        { resourceAppId: graph, scopes: ["User.Read"] },
        { resourceAppId: ado, scopes: ["user_impersonation"] },
      ],
    },
    { id: CONNECTOR_APP.spContoso, appId: CONNECTOR_APP.appId, tenantId: TENANT.contoso },
    { id: CONNECTOR_APP.spLitware, appId: CONNECTOR_APP.appId, tenantId: TENANT.litware },
    { id: WRONG_TENANT_APP.spLitware, appId: WRONG_TENANT_APP.appId, tenantId: TENANT.litware },
    { id: WRONG_SUBJECT_APP_SP_CONTOSO, appId: WRONG_SUBJECT_APP.appId, tenantId: TENANT.contoso },
    { id: WRONG_SUBJECT_APP.spLitware, appId: WRONG_SUBJECT_APP.appId, tenantId: TENANT.litware },
    {
      id: GRAPH_SP.contoso,
      appId: graph,
      tenantId: TENANT.contoso,
      displayName: "Microsoft Graph",
      appRoleAssignments: [{ principalId: CONNECTOR_APP.spContoso, appRole: "Organization.Read.All" }],
    },
    {
      id: GRAPH_SP.litware,
      appId: graph,
      tenantId: TENANT.litware,
      displayName: "Microsoft Graph",
      appRoleAssignments: [{ principalId: CONNECTOR_APP.spLitware, appRole: "Organization.Read.All" }],
    },
  ],
  managedIdentities: [
    { name: "agent-identity", tenantId: TENANT.contoso, kind: "userAssigned", ...AGENT_IDENTITY },
    { name: "agent-host", tenantId: TENANT.contoso, kind: "systemAssigned", ...HOST_IDENTITY },
  ],
  tokenLifetimes: {
    accessTokenSeconds: 3599,
    refreshTokenSeconds: 90 * 24 * 3600,
    managedIdentitySeconds: 86399,
    authorizationCodeSeconds: 600,
  },
};
