// Agent access: agent identities and API tokens (Settings).
import type { CreateAgentIdentityInput, CreateApiTokenInput, UpdateAgentIdentityInput } from "@/lib/schemas/agent-access";
import { agentIdentitySchema, apiTokenSchema, createdApiTokenSchema } from "@/lib/schemas/responses/agent-access";
import { apiPath, apiRequest } from "./client";

export const agentAccessApi = {
  createIdentity: (input: CreateAgentIdentityInput) => apiRequest("/api/agent-identities", { method: "POST", body: input, schema: agentIdentitySchema }),
  updateIdentity: (id: string, input: UpdateAgentIdentityInput) => apiRequest(apiPath`/api/agent-identities/${id}`, { method: "PATCH", body: input, schema: agentIdentitySchema }),
  removeIdentity: (id: string, version: number) => apiRequest(apiPath`/api/agent-identities/${id}`, { method: "DELETE", query: { version }, schema: null }),
  createToken: (input: CreateApiTokenInput) => apiRequest("/api/api-tokens", { method: "POST", body: input, schema: createdApiTokenSchema }),
  revokeToken: (id: string) => apiRequest(apiPath`/api/api-tokens/${id}`, { method: "DELETE", schema: apiTokenSchema }),
};
