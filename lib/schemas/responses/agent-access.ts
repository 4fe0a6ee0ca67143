// zod mirrors of the agent access answers (agent identities, API tokens), shared by the OpenAPI
// document and the browser client, and checked against their DTO types at compile time.
import { z } from "zod";
import { apiTokenScopes, type AgentIdentityDto, type ApiTokenDto } from "@/lib/schemas/agent-access";

const assignmentSchema = z
  .union([z.object({ kind: z.literal("ado"), organization: z.string() }), z.object({ kind: z.literal("kusto"), clusterUrl: z.string(), database: z.string() })])
  .meta({ id: "AgentAssignment" });

export const agentIdentitySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    principalId: z.string(),
    displayName: z.string(),
    assignments: z.array(assignmentSchema),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "AgentIdentity" });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(apiTokenScopes),
    last4: z.string(),
    createdAt: z.string(),
    createdByName: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .meta({ id: "ApiToken" });

export const createdApiTokenSchema = z.object({ token: z.string(), apiToken: apiTokenSchema });

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mirrors<T extends true> = T;
export type AgentAccessMirrorChecks = [Mirrors<Equals<z.infer<typeof agentIdentitySchema>, AgentIdentityDto>>, Mirrors<Equals<z.infer<typeof apiTokenSchema>, ApiTokenDto>>];
