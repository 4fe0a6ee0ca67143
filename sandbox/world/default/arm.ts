// ARM in the default world, replaying seed 002: Litware's subscription carries role
// assignments to object ids that only exist in Contoso (the connector app's Contoso service
// principal, and the agent's managed identity). Litware cannot resolve them, so they authorize
// nobody and the connector's Litware token gets AuthorizationFailed until someone assigns the
// role to CONNECTOR_APP.spLitware, the principal Litware knows.
import type { z } from "zod";
import type { armSchema } from "../arm";
import { AGENT_IDENTITY, CONNECTOR_APP, KEY_VAULT, STORAGE_ACCOUNT, SUBSCRIPTION, TENANT, USER } from "./ids";

export const ARM_IDS = {
  litwareAdminOwner: "5b000000-aa00-4000-8000-000000000001",
  connectorHomeSpReader: "5b000000-aa00-4000-8000-000000000002",
  agentIdentityReader: "5b000000-aa00-4000-8000-000000000003",
  contosoAdminOwner: "5b000000-aa00-4000-8000-000000000004",
  agentIdentityContosoReader: "5b000000-aa00-4000-8000-000000000005",
  connectorBlobReader: "5b000000-aa00-4000-8000-000000000006",
  connectorSecretsUser: "5b000000-aa00-4000-8000-000000000007",
} as const;

const litwareScope = `/subscriptions/${SUBSCRIPTION.litware}`;
const contosoScope = `/subscriptions/${SUBSCRIPTION.contoso}`;
const seeded = "2025-01-06T09:00:00Z";

export const armPart: z.input<typeof armSchema> = {
  subscriptions: [
    {
      subscriptionId: SUBSCRIPTION.litware,
      displayName: "Litware Production",
      tenantId: TENANT.litware,
      resourceGroups: [
        { name: "payments-prod-rg", location: "westeurope", tags: { service: "payments" } },
        { name: "payments-staging-rg", location: "westeurope", tags: { service: "payments" } },
        { name: "telemetry-rg", location: "northeurope" },
      ],
      roleAssignments: [
        { name: ARM_IDS.litwareAdminOwner, principalId: USER.litwareAdmin.oid, principalType: "User", role: "Owner", scope: litwareScope, createdOn: seeded },
        {
          name: ARM_IDS.connectorHomeSpReader,
          principalId: CONNECTOR_APP.spContoso,
          principalType: "ServicePrincipal",
          role: "Reader",
          scope: litwareScope,
          description: "Mistake: the connector's service principal object id in Contoso, not in Litware",
          createdOn: seeded,
        },
        {
          name: ARM_IDS.agentIdentityReader,
          principalId: AGENT_IDENTITY.principalId,
          principalType: "ServicePrincipal",
          role: "Reader",
          scope: `${litwareScope}/resourceGroups/telemetry-rg`,
          description: "Mistake: the agent identity's object id from Contoso",
          createdOn: seeded,
        },
        {
          name: ARM_IDS.connectorBlobReader,
          principalId: CONNECTOR_APP.spLitware,
          principalType: "ServicePrincipal",
          role: "Storage Blob Data Reader",
          scope: `${litwareScope}/resourceGroups/telemetry-rg/providers/Microsoft.Storage/storageAccounts/${STORAGE_ACCOUNT.litware}`,
          createdOn: seeded,
        },
        {
          name: ARM_IDS.connectorSecretsUser,
          principalId: CONNECTOR_APP.spLitware,
          principalType: "ServicePrincipal",
          role: "Key Vault Secrets User",
          scope: `${litwareScope}/resourceGroups/payments-prod-rg/providers/Microsoft.KeyVault/vaults/${KEY_VAULT.litware}`,
          createdOn: seeded,
        },
      ],
      storageAccounts: [{ name: STORAGE_ACCOUNT.litware, resourceGroup: "telemetry-rg", location: "northeurope", containers: ["exports", "invoices", "telemetry-archive"] }],
      keyVaults: [{ name: KEY_VAULT.litware, resourceGroup: "payments-prod-rg", location: "westeurope", secrets: ["payments-api-key", "smtp-password"] }],
    },
    {
      subscriptionId: SUBSCRIPTION.contoso,
      displayName: "Contoso Agent",
      tenantId: TENANT.contoso,
      resourceGroups: [{ name: "agent-rg", location: "westeurope" }],
      roleAssignments: [
        { name: ARM_IDS.contosoAdminOwner, principalId: USER.contosoAdmin.oid, principalType: "User", role: "Owner", scope: contosoScope, createdOn: seeded },
        { name: ARM_IDS.agentIdentityContosoReader, principalId: AGENT_IDENTITY.principalId, principalType: "ServicePrincipal", role: "Reader", scope: contosoScope, createdOn: seeded },
      ],
    },
  ],
};
