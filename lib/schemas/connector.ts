// Contracts for connectors, shared by forms, route handlers and tests.
import { z } from "zod";
import { ADO_ORGANIZATION_MAX_LENGTH, ADO_ORGANIZATION_PATTERN, ADO_ORGANIZATION_PATTERN_MESSAGE } from "./ado-organization-name";
import { azureResources, azureTargetProblem } from "./azure-resource";
import { azureResourceSchema } from "./azure-resource-schema";
import { clusterUrlInputProblem } from "./kusto-cluster-url";
import { text } from "./text";

export const connectorKinds = ["ado", "kusto", "azure"] as const;
export const authMethods = ["mi_fic", "oauth", "pat", "managed_identity"] as const;
/** "unavailable": the last check got no answer from an upstream service (not a setup problem). */
export const connectorStatuses = ["unchecked", "draft", "healthy", "degraded", "unavailable", "failing", "needs_signin"] as const;

export type ConnectorKind = (typeof connectorKinds)[number];
export type AuthMethod = (typeof authMethods)[number];
export type ConnectorStatus = (typeof connectorStatuses)[number];

export { authMethodLabels } from "./auth-method-labels";

export const guidSchema = text()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "must be a GUID like 00000000-0000-0000-0000-000000000000");

/** ADO organization names: letters, digits and hyphens, not starting or ending with a hyphen, at most 50 characters. */
export const adoOrganizationSchema = text()
  .trim()
  .min(1, "is required")
  .max(ADO_ORGANIZATION_MAX_LENGTH, `must be at most ${ADO_ORGANIZATION_MAX_LENGTH} characters`)
  .regex(ADO_ORGANIZATION_PATTERN, ADO_ORGANIZATION_PATTERN_MESSAGE)
  .transform((name) => name.toLowerCase());

export const displayNameSchema = text().trim().min(1, "is required").max(100, "must be at most 100 characters");

export const identityKinds = ["user_assigned", "system_assigned"] as const;
export type IdentityKind = (typeof identityKinds)[number];

export const SYSTEM_ASSIGNED_REJECTED =
  "Only user-assigned managed identities can be used as a federated credential for apps. A system-assigned identity lives and dies with its host, so Entra does not let an app trust it: create a user-assigned identity, attach it to the agent's host, and use its ids here.";

/**
 * The kind of the managed identity a federated credential trusts. Entra documents that only
 * user-assigned identities can be federated credentials of an app, so the server refuses the other.
 * https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
 */
export const identityKindSchema = z
  .enum(identityKinds)
  .optional()
  .describe("The managed identity's kind; only user_assigned can be a federated credential of an app (default user_assigned).")
  .refine((kind) => kind !== "system_assigned", { message: `must be user_assigned. ${SYSTEM_ASSIGNED_REJECTED}` });

const miFicSettings = {
  identityKind: identityKindSchema,
  agentTenantId: guidSchema.optional(),
  miClientId: guidSchema.optional(),
  miPrincipalId: guidSchema.optional(),
  appClientId: guidSchema.optional(),
  targetTenantId: guidSchema.optional(),
};

export const createAdoConnectorSchema = z
  .object({
    kind: z.literal("ado"),
    organization: adoOrganizationSchema,
    displayName: displayNameSchema.optional(),
    authMethod: z.enum(authMethods),
    ...miFicSettings,
  })
  .strict();

export const createKustoConnectorSchema = z
  .object({
    kind: z.literal("kusto"),
    displayName: displayNameSchema.optional(),
    clusterUrl: text()
      .trim()
      .url("must be a URL like https://mycluster.westeurope.kusto.windows.net")
      .max(300, "must be at most 300 characters")
      .superRefine((value, context) => {
        const problem = clusterUrlInputProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
    database: text()
      .trim()
      .min(1, "is required")
      .max(260, "must be at most 260 characters")
      .regex(/^[A-Za-z0-9_ .-]+$/, "may contain only letters, digits, spaces, dots, hyphens and underscores"),
    authMethod: z.enum(["mi_fic", "managed_identity"]),
    ...miFicSettings,
  })
  .strict();

/** An Azure resource scope (ARM subscription, storage account, Graph, key vault) reached by the agent's managed identity. */
export const createAzureConnectorSchema = z
  .object({
    kind: z.literal("azure"),
    displayName: displayNameSchema.optional(),
    azureResource: azureResourceSchema,
    azureTarget: text().trim().toLowerCase().max(64, "must be at most 64 characters").optional(),
    authMethod: z.enum(["mi_fic", "managed_identity"]),
    ...miFicSettings,
  })
  .strict()
  .superRefine((value, context) => {
    const problem = azureTargetProblem(value.azureResource, value.azureTarget);
    if (problem) context.addIssue({ code: "custom", path: ["azureTarget"], message: problem });
  });

export const createConnectorSchema = z.discriminatedUnion("kind", [createAdoConnectorSchema, createKustoConnectorSchema, createAzureConnectorSchema]);
export type CreateConnectorInput = z.infer<typeof createConnectorSchema>;

export const updateConnectorSchema = z
  .object({
    version: z.number().int().positive(),
    displayName: displayNameSchema.optional(),
    authMethod: z.enum(authMethods).optional(),
    identityKind: identityKindSchema,
    agentTenantId: guidSchema.nullable().optional(),
    miClientId: guidSchema.nullable().optional(),
    miPrincipalId: guidSchema.nullable().optional(),
    appClientId: guidSchema.nullable().optional(),
    targetTenantId: guidSchema.nullable().optional(),
  })
  .strict();
export type UpdateConnectorInput = z.infer<typeof updateConnectorSchema>;

const nullableString = z.string().nullable();
const isoDate = z.string().describe("ISO 8601 date-time");

/**
 * What any API response or page may know about a connector. It has no place for a secret. The one
 * definition: the type is inferred from it and the OpenAPI document is generated from it.
 */
export const connectorDtoSchema = z
  .object({
    id: z.string(),
    kind: z.enum(connectorKinds),
    displayName: z.string(),
    authMethod: z.enum(authMethods),
    status: z.enum(connectorStatuses),
    /** Why the status is what it is when not simply the chain test's verdict (lib/schemas/connector-status.ts). */
    statusReason: z.object({ text: z.string(), fix: nullableString, from: z.enum(["setup", "chain", "sources"]) }).nullable(),
    version: z.number().int(),
    organization: nullableString,
    clusterUrl: nullableString,
    database: nullableString,
    azureResource: z.enum(azureResources).nullable(),
    azureTarget: nullableString,
    /** Set while the connector is a draft: what its last proof found missing. The broker never serves a draft. */
    draftMissing: nullableString,
    agentTenantId: nullableString,
    miClientId: nullableString,
    miPrincipalId: nullableString,
    appClientId: nullableString,
    targetTenantId: nullableString,
    oauth: z.object({ configured: z.boolean(), account: nullableString, tenantId: nullableString, setAt: nullableString }),
    pat: z.object({ configured: z.boolean(), last4: nullableString, setAt: nullableString, expiresAt: nullableString }),
    sourceCount: z.number().int(),
    lastCheckedAt: nullableString,
    nextCheckAt: nullableString,
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: "Connector" });
export type ConnectorDto = z.infer<typeof connectorDtoSchema>;

export const listConnectorsQuerySchema = z
  .object({
    status: z.enum(connectorStatuses).optional(),
    search: text().trim().max(100, "must be at most 100 characters").optional(),
    take: z.coerce.number().int().min(1).max(200).optional(),
    cursor: text().max(64).optional(),
  })
  .strict();

export const deleteConnectorQuerySchema = z.object({ version: z.coerce.number().int().positive("must be a positive whole number").optional() }).strict();
