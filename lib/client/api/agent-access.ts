// Agent access: agent identities and API tokens (Settings).
import type { CreateAgentIdentityInput, CreateApiTokenInput, UpdateAgentIdentityInput } from "@/lib/schemas/agent-access";
import { apiPath, apiRequest } from "./client";

// The answers' schemas load with the first call that needs them (see SchemaSource).
const answers = () => import("@/lib/schemas/responses/agent-access");

export const agentAccessApi = {
  createIdentity: (input: CreateAgentIdentityInput) => apiRequest("/api/agent-identities", { method: "POST", body: input, schema: () => answers().then((m) => m.agentIdentitySchema) }),
  updateIdentity: (id: string, input: UpdateAgentIdentityInput) =>
    apiRequest(apiPath`/api/agent-identities/${id}`, { method: "PATCH", body: input, schema: () => answers().then((m) => m.agentIdentitySchema) }),
  removeIdentity: (id: string, version: number) => apiRequest(apiPath`/api/agent-identities/${id}`, { method: "DELETE", query: { version }, schema: null }),
  createToken: (input: CreateApiTokenInput) => apiRequest("/api/api-tokens", { method: "POST", body: input, schema: () => answers().then((m) => m.createdApiTokenSchema) }),
  revokeToken: (id: string) => apiRequest(apiPath`/api/api-tokens/${id}`, { method: "DELETE", schema: () => answers().then((m) => m.apiTokenSchema) }),
};
