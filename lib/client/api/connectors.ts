// Connectors: create, edit, delete, credentials (PAT, OAuth, MI + FIC), runs and chain tests.
import { z } from "zod";
import type { CreateConnectorInput, UpdateConnectorInput } from "@/lib/schemas/connector";
import type { StartOauthInput } from "@/lib/schemas/connector-oauth";
import type { SavePatInput } from "@/lib/schemas/connector-pat";
import type { CreateFicThroughGraphInput, FicInputs, FicTarget, SaveFicDraftInput } from "@/lib/schemas/fic";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { connectorSchema, listOf, patSavedSchema, startOauthResponseSchema, validationRunSchema } from "@/lib/schemas/responses/core";
import { checkNowSchema, ficArtifactsSchema, ficDraftResultSchema, ficGraphOutcomeSchema } from "@/lib/schemas/responses/operations";
import { apiPath, apiRequest, apiStream } from "./client";

const connectorPath = (id: string) => apiPath`/api/connectors/${id}`;

export const connectorsApi = {
  create: (input: CreateConnectorInput) => apiRequest("/api/connectors", { method: "POST", body: input, schema: connectorSchema }),
  update: (id: string, input: UpdateConnectorInput) => apiRequest(connectorPath(id), { method: "PATCH", body: input, schema: connectorSchema }),
  remove: (id: string, version: number) => apiRequest(connectorPath(id), { method: "DELETE", query: { version }, schema: null }),

  savePat: (id: string, input: SavePatInput) => apiRequest(`${connectorPath(id)}/pat`, { method: "PUT", body: input, schema: patSavedSchema }),
  removePat: (id: string, version: number) =>
    apiRequest(`${connectorPath(id)}/pat`, { method: "DELETE", query: { version }, schema: z.object({ configured: z.literal(false) }).loose() }),

  startOauth: (id: string, input: StartOauthInput) => apiRequest(`${connectorPath(id)}/oauth/start`, { method: "POST", body: input, schema: startOauthResponseSchema }),
  disconnectOauth: (id: string, version: number) =>
    apiRequest(`${connectorPath(id)}/oauth`, { method: "DELETE", query: { version }, schema: z.object({ configured: z.literal(false), version: z.number().int() }).loose() }),

  generateFic: (inputs: FicInputs, target: FicTarget, signal?: AbortSignal) =>
    apiRequest("/api/fic/generate", { method: "POST", body: { inputs, target }, schema: ficArtifactsSchema, signal }),
  saveFicDraft: (id: string, input: SaveFicDraftInput) => apiRequest(`${connectorPath(id)}/fic`, { method: "POST", body: input, schema: ficDraftResultSchema }),
  createFicThroughGraph: (id: string, input: CreateFicThroughGraphInput) =>
    apiRequest(`${connectorPath(id)}/fic/graph`, { method: "POST", body: input, schema: ficGraphOutcomeSchema }),

  runs: (id: string, take: number, signal?: AbortSignal): Promise<ValidationRunDto[]> =>
    apiRequest(`${connectorPath(id)}/runs`, { query: { take }, schema: listOf(validationRunSchema), signal }).then((page) => page.items),

  /** The chain test, hop by hop as each finishes; the last line is the stored run. */
  chainTest: (id: string) => apiStream<{ run: ValidationRunDto }>(`${connectorPath(id)}/test`),
  /** "Check now" on the health page: the same stream, ending with the run and any alert raised. */
  checkNow: (id: string) => apiStream<z.infer<typeof checkNowSchema>>(apiPath`/api/health/connectors/${id}/check`),
};

export const connectorKeys = {
  runs: (id: string) => ["connectors", id, "runs"] as const,
};
