// Connectors: create, edit, delete, credentials (PAT, OAuth, MI + FIC), runs and chain tests.
import { z } from "zod";
import type { CreateConnectorInput, UpdateConnectorInput } from "@/lib/schemas/connector";
import type { StartOauthInput } from "@/lib/schemas/connector-oauth";
import type { SavePatInput } from "@/lib/schemas/connector-pat";
import type { CreateFicThroughGraphInput, FicInputs, FicTarget, SaveFicDraftInput } from "@/lib/schemas/fic";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { connectorSchema, listOf, patSavedSchema, startOauthResponseSchema, validationRunSchema } from "@/lib/schemas/responses/core";
import { checkNowSchema, ficArtifactsSchema, ficDraftResultSchema, ficGraphOutcomeSchema } from "@/lib/schemas/responses/operations";
import { connectorChangeResultSchema, type ConnectorChangeInput } from "@/lib/schemas/propagation";
import { oauthCapabilitiesSchema } from "@/lib/schemas/oauth-capabilities";
import { apiPath, apiRequest, apiStream } from "./client";

/** What the demo's stand-in for the target admin granted (sandbox cloud only). */
const sandboxGrantSchema = z.object({ organization: z.string(), tenant: z.string(), servicePrincipalId: z.string(), accessLevel: z.string(), readerOf: z.array(z.string()) });

const connectorPath = (id: string) => apiPath`/api/connectors/${id}`;

export const connectorsApi = {
  create: (input: CreateConnectorInput) => apiRequest("/api/connectors", { method: "POST", body: input, schema: connectorSchema }),
  update: (id: string, input: UpdateConnectorInput) => apiRequest(connectorPath(id), { method: "PATCH", body: input, schema: connectorSchema }),
  remove: (id: string, version: number) => apiRequest(connectorPath(id), { method: "DELETE", query: { version }, schema: null }),

  savePat: (id: string, input: SavePatInput) => apiRequest(`${connectorPath(id)}/pat`, { method: "PUT", body: input, schema: patSavedSchema }),
  removePat: (id: string, version: number) => apiRequest(`${connectorPath(id)}/pat`, { method: "DELETE", query: { version }, schema: z.object({ configured: z.literal(false) }).loose() }),

  startOauth: (id: string, input: StartOauthInput) => apiRequest(`${connectorPath(id)}/oauth/start`, { method: "POST", body: input, schema: startOauthResponseSchema }),
  disconnectOauth: (id: string, version: number) =>
    apiRequest(`${connectorPath(id)}/oauth`, { method: "DELETE", query: { version }, schema: z.object({ configured: z.literal(false), version: z.number().int() }).loose() }),

  generateFic: (inputs: FicInputs, target: FicTarget, signal?: AbortSignal) => apiRequest("/api/fic/generate", { method: "POST", body: { inputs, target }, schema: ficArtifactsSchema, signal }),
  saveFicDraft: (id: string, input: SaveFicDraftInput) => apiRequest(`${connectorPath(id)}/fic`, { method: "POST", body: input, schema: ficDraftResultSchema }),
  createFicThroughGraph: (id: string, input: CreateFicThroughGraphInput) => apiRequest(`${connectorPath(id)}/fic/graph`, { method: "POST", body: input, schema: ficGraphOutcomeSchema }),

  /** An admin consent or a grant made in the target tenant, so the next chain test waits for it to propagate. */
  reportChange: (id: string, change: ConnectorChangeInput["change"]) =>
    apiRequest(`${connectorPath(id)}/changes`, { method: "POST", body: { change } satisfies ConnectorChangeInput, schema: connectorChangeResultSchema }),
  /** Demo only: the sandbox acts as the target admin and adds the connector's app to its organization. */
  sandboxGrant: (id: string) => apiRequest(`${connectorPath(id)}/sandbox-grant`, { method: "POST", schema: sandboxGrantSchema }),
  /** What the OAuth connector's signed-in account can do in the organization. */
  oauthCapabilities: (id: string, signal?: AbortSignal) => apiRequest(`${connectorPath(id)}/oauth/capabilities`, { schema: oauthCapabilitiesSchema, signal }),

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
