// Stable identifiers of the default world, shared by every part of it and by the tests.
// They are sandbox values only; nothing here exists in a real tenant.
export const TENANT = {
  contoso: "c0550000-0000-4000-8000-000000000001",
  litware: "11700000-0000-4000-8000-000000000002",
  fabrikam: "fab00000-0000-4000-8000-000000000003",
} as const;

export const USER = {
  contosoAdmin: { oid: "c0550000-aaaa-4000-8000-000000000a01", upn: "admin@contoso.example" },
  contosoReader: { oid: "c0550000-aaaa-4000-8000-000000000a02", upn: "reader@contoso.example" },
  litwareDev: { oid: "11700000-aaaa-4000-8000-000000000a11", upn: "dev@litware.example" },
  litwareAdmin: { oid: "11700000-aaaa-4000-8000-000000000a12", upn: "admin@litware.example" },
  litwareIntern: { oid: "11700000-aaaa-4000-8000-000000000a13", upn: "intern@litware.example" },
  fabrikamAdmin: { oid: "fab00000-aaaa-4000-8000-000000000a21", upn: "admin@fabrikam.example" },
} as const;

/** The portal's own app registration in Contoso (operator sign-in, OAuth connectors). */
export const PORTAL_APP = {
  appId: "7b000000-0000-4000-8000-0000000000b1",
  objectId: "7b000000-0000-4000-8000-0000000000b2",
} as const;

/** The agent's user-assigned managed identity in Contoso. */
export const AGENT_IDENTITY = {
  clientId: "a9e00000-0000-4000-8000-0000000000c1",
  principalId: "a9e00000-0000-4000-8000-0000000000c2",
  resourceId: "/subscriptions/5b000000-0000-4000-8000-000000000c05/resourceGroups/agent-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agent-identity",
} as const;

/** The multi-tenant app in Contoso whose FIC trusts the agent identity (the correct setup). */
export const CONNECTOR_APP = {
  appId: "ab900000-0000-4000-8000-0000000000d1",
  objectId: "ab900000-0000-4000-8000-0000000000d2",
  /** Its service principal in Contoso, Litware (consented). None in Fabrikam. */
  spContoso: "ab900000-0000-4000-8000-0000000000d3",
  spLitware: "ab900000-0000-4000-8000-0000000000d4",
} as const;

/** Deliberate mistake: an app registered in Litware with a FIC that points at Contoso (AADSTS700236). */
export const WRONG_TENANT_APP = {
  appId: "ab900000-0000-4000-8000-0000000000e1",
  objectId: "ab900000-0000-4000-8000-0000000000e2",
  spLitware: "ab900000-0000-4000-8000-0000000000e3",
} as const;

/** Deliberate mistake: a Contoso app whose FIC subject is the identity's client id, not its principal id (AADSTS700213). */
export const WRONG_SUBJECT_APP = {
  appId: "ab900000-0000-4000-8000-0000000000f1",
  objectId: "ab900000-0000-4000-8000-0000000000f2",
  spLitware: "ab900000-0000-4000-8000-0000000000f3",
} as const;

/** Well-known first-party resources (real ids), present as service principals in every tenant. */
export const RESOURCE = {
  azureDevOps: { appId: "499b84ac-1321-427f-aa17-267ca6975798", uri: "499b84ac-1321-427f-aa17-267ca6975798" },
  kusto: { appId: "2746ea77-4702-4b45-80ca-3c97e680e8b7", uri: "https://kusto.kusto.windows.net" },
  arm: { appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013", uri: "https://management.azure.com/" },
  graph: { appId: "00000003-0000-0000-c000-000000000000", uri: "https://graph.microsoft.com" },
  storage: { appId: "e406a681-f3d4-42a8-90b6-c2b029497af1", uri: "https://storage.azure.com" },
  keyVault: { appId: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093", uri: "https://vault.azure.net" },
  tokenExchange: { uri: "api://AzureADTokenExchange" },
} as const;

export const ADO_ORG = { litware: "litware", fabrikam: "fabrikam" } as const;
export const KUSTO_CLUSTER = { litware: "litware" } as const;
/** Litware's storage account and key vault (data plane at {origin}/storage/{name} and {origin}/keyvault/{name}). */
export const STORAGE_ACCOUNT = { litware: "litwaredata" } as const;
export const KEY_VAULT = { litware: "litware-kv" } as const;
export const SUBSCRIPTION = {
  contoso: "5b000000-0000-4000-8000-000000000c05",
  litware: "5b000000-0000-4000-8000-000000000b06",
} as const;

/** Service principals of the portal app: its home tenant and Litware (consented for ADO). Not Fabrikam. */
export const PORTAL_SP = {
  contoso: "7b000000-0000-4000-8000-0000000000b3",
  litware: "7b000000-0000-4000-8000-0000000000b4",
} as const;

/** App roles the portal app defines (assigned to Contoso users on its service principal). */
export const PORTAL_APP_ROLE = {
  admin: { id: "7b000000-0000-4000-8000-0000000000a1", value: "TenantBridge.Admin" },
  reader: { id: "7b000000-0000-4000-8000-0000000000a2", value: "TenantBridge.Reader" },
} as const;

/** The wrong-subject app's service principal in its home tenant. */
export const WRONG_SUBJECT_APP_SP_CONTOSO = "ab900000-0000-4000-8000-0000000000f4";

/** Microsoft Graph's service principal where it holds app role grants (other tenants get an implicit one). */
export const GRAPH_SP = {
  contoso: "6a000000-0000-4000-8000-0000000000a1",
  litware: "6a000000-0000-4000-8000-0000000000a2",
} as const;

/**
 * The agent host's system-assigned identity in Contoso. It exists so the portal can explain why it
 * cannot be used: only user-assigned identities may be a federated credential of an app.
 */
export const HOST_IDENTITY = {
  clientId: "a9e00000-0000-4000-8000-0000000000c3",
  principalId: "a9e00000-0000-4000-8000-0000000000c4",
  resourceId: "/subscriptions/5b000000-0000-4000-8000-000000000c05/resourceGroups/agent-rg/providers/Microsoft.App/containerApps/agent",
} as const;

/** Client secrets of the default world (sandbox values, never real). */
export const SANDBOX_SECRET = {
  portal: "sandbox-portal-secret",
  connector: "sandbox-connector-secret",
} as const;

/** The App Service managed identity header the sandbox expects unless told otherwise. */
export const DEFAULT_IDENTITY_HEADER = "sandbox-identity-header";
