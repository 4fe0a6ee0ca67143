// Settings: the agent's multi-tenant app, set once and prefilled in every MI + FIC assistant.
import type { PutAgentAppInput } from "@/lib/schemas/agent-app";
import { apiRequest } from "./client";

export const settingsApi = {
  putAgentApp: (input: PutAgentAppInput) => apiRequest("/api/settings/agent-app", { method: "PUT", body: input, schema: () => import("@/lib/schemas/agent-app").then((m) => m.agentAppDtoSchema) }),
  clearAgentApp: () => apiRequest("/api/settings/agent-app", { method: "DELETE", schema: null }),
};
