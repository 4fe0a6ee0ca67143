// Contracts of agent access: the token API an agent calls, the agent identities an administrator
// registers with the organizations and databases each may use, and API tokens for automation.
import { z } from "zod";
import { adoOrganizationSchema, createKustoConnectorSchema, displayNameSchema, guidSchema } from "./connector";
import { text } from "./text";

const clusterUrlSchema = createKustoConnectorSchema.shape.clusterUrl;
const databaseSchema = createKustoConnectorSchema.shape.database;

/** What an agent asks a credential for: an Azure DevOps organization or a Kusto database. */
export const agentTargetSchema = z.union([z.object({ organization: adoOrganizationSchema }).strict(), z.object({ clusterUrl: clusterUrlSchema, database: databaseSchema }).strict()]);
export type AgentTarget = z.infer<typeof agentTargetSchema>;

/** POST /api/agent/token */
export const agentTokenRequestSchema = agentTargetSchema;

export const MAX_ASSIGNMENTS = 100;

const assignmentsSchema = z.array(agentTargetSchema).max(MAX_ASSIGNMENTS, `must list at most ${MAX_ASSIGNMENTS} organizations and databases`);

export const createAgentIdentitySchema = z
  .object({
    /** The identity's home tenant: the `tid` of its tokens. */
    tenantId: guidSchema,
    /** The managed identity's principal (object) id: the `oid` of its tokens, not its client id. */
    principalId: guidSchema,
    displayName: displayNameSchema.optional(),
    assignments: assignmentsSchema.default([]),
  })
  .strict();
export type CreateAgentIdentityInput = z.infer<typeof createAgentIdentitySchema>;

export const updateAgentIdentitySchema = z
  .object({
    version: z.number().int().min(1),
    displayName: displayNameSchema.optional(),
    assignments: assignmentsSchema.optional(),
  })
  .strict();
export type UpdateAgentIdentityInput = z.infer<typeof updateAgentIdentitySchema>;

export const deleteAgentIdentityQuerySchema = z.object({ version: z.coerce.number().int().min(1) }).strict();

export const apiTokenScopes = ["read", "write"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const MAX_API_TOKEN_DAYS = 366;

export const createApiTokenSchema = z
  .object({
    name: text()
      .trim()
      .min(1, "is required")
      .max(64, "must be at most 64 characters")
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "may contain only letters, digits, spaces, dots, hyphens and underscores, starting with a letter or digit"),
    scope: z.enum(apiTokenScopes),
    /** Days until the token expires. */
    expiresInDays: z.number().int().min(1, "must be at least 1 day").max(MAX_API_TOKEN_DAYS, `must be at most ${MAX_API_TOKEN_DAYS} days`),
  })
  .strict();
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

export type AgentAssignmentDto = { kind: "ado"; organization: string } | { kind: "kusto"; clusterUrl: string; database: string };

export type AgentIdentityDto = {
  id: string;
  tenantId: string;
  principalId: string;
  displayName: string;
  assignments: AgentAssignmentDto[];
  createdAt: string;
  createdBy: string;
  version: number;
};

export type ApiTokenDto = {
  id: string;
  name: string;
  scope: ApiTokenScope;
  last4: string;
  createdAt: string;
  createdByName: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** active, expired or revoked, as of the answer. */
  state: "active" | "expired" | "revoked";
};
