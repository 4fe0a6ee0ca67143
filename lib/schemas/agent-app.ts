// The agent's multi-tenant app, set once in Settings: the app whose federated credential trusts the
// agent's managed identity, and optionally that identity. The MI + FIC assistant prefills from it.
import { z } from "zod";
import { guidSchema } from "./connector";

const optionalGuid = guidSchema.nullable().optional();

/** PUT /api/settings/agent-app */
export const putAgentAppSchema = z
  .object({
    /** The multi-tenant app's Application (client) ID, in the agent's tenant. */
    appClientId: guidSchema,
    agentTenantId: optionalGuid,
    miClientId: optionalGuid,
    /** The identity's Object (principal) ID: the subject of the federated credential. */
    miPrincipalId: optionalGuid,
    /** The version read, or 0 when nothing is set yet. */
    version: z.number().int().min(0),
  })
  .strict();
export type PutAgentAppInput = z.infer<typeof putAgentAppSchema>;

export const agentAppDtoSchema = z.object({
  appClientId: z.string(),
  agentTenantId: z.string().nullable(),
  miClientId: z.string().nullable(),
  miPrincipalId: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AgentAppDto = z.infer<typeof agentAppDtoSchema>;

/** GET /api/settings/agent-app: the row, or null when no administrator has set it. */
export const agentAppResponseSchema = z.object({ agentApp: agentAppDtoSchema.nullable() });
