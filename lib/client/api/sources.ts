// Knowledge sources and what the wizard lists: organizations, projects, repositories, areas,
// and the permission check.
import type { CreateSourceInput, UpdateSourceInput } from "@/lib/schemas/source";
import type { ValidatePermissionsInput } from "@/lib/schemas/permission-check";
import { apiPath, apiRequest } from "./client";

// The answers' schemas load with the first call that needs them (see SchemaSource).
const core = () => import("@/lib/schemas/responses/core");

type Wait = { onWait?: (seconds: number) => void };

export const sourcesApi = {
  list: (organization: string, signal?: AbortSignal) => apiRequest("/api/sources", { query: { organization }, schema: () => core().then((m) => m.listOf(m.sourceSchema)), signal }),
  create: (input: CreateSourceInput, { onWait }: Wait = {}) => apiRequest("/api/sources", { method: "POST", body: input, schema: () => core().then((m) => m.createSourceResultSchema), onWait }),
  update: (id: string, input: UpdateSourceInput, { onWait }: Wait = {}) =>
    apiRequest(apiPath`/api/sources/${id}`, { method: "PATCH", body: input, schema: () => core().then((m) => m.sourceSchema), onWait }),
  remove: (id: string, version: number) => apiRequest(apiPath`/api/sources/${id}`, { method: "DELETE", query: { version }, schema: null }),

  checkOrganizationName: (name: string, signal?: AbortSignal) =>
    apiRequest("/api/organizations/check-name", { query: { name }, schema: () => core().then((m) => m.organizationNameCheckSchema), signal }),
  projects: (connectorId: string, signal?: AbortSignal) => apiRequest(apiPath`/api/connectors/${connectorId}/projects`, { schema: () => core().then((m) => m.projectListSchema), signal }),
  repositories: (connectorId: string, project: string, signal?: AbortSignal) =>
    apiRequest(apiPath`/api/connectors/${connectorId}/projects/${project}/repositories`, { schema: () => core().then((m) => m.repositoryListSchema), signal }),
  areas: (connectorId: string, project: string, signal?: AbortSignal) =>
    apiRequest(apiPath`/api/connectors/${connectorId}/projects/${project}/areas`, { schema: () => core().then((m) => m.areaListSchema), signal }),
  validatePermissions: (connectorId: string, input: ValidatePermissionsInput, { onWait }: Wait = {}) =>
    apiRequest(apiPath`/api/connectors/${connectorId}/permissions`, { method: "POST", body: input, schema: () => core().then((m) => m.permissionValidationSchema), onWait }),
};

export const sourceKeys = {
  all: ["sources"] as const,
  list: (organization: string) => ["sources", "list", organization] as const,
  projects: (connectorId: string) => ["catalog", connectorId, "projects"] as const,
  repositories: (connectorId: string, project: string) => ["catalog", connectorId, "projects", project, "repositories"] as const,
  areas: (connectorId: string, project: string) => ["catalog", connectorId, "projects", project, "areas"] as const,
};
