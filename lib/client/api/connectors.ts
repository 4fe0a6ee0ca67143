// Connectors: create, edit, delete, credentials (PAT, OAuth, MI + FIC), runs and chain tests.
import type { z } from "zod";
import type { CreateConnectorInput, UpdateConnectorInput } from "@/lib/schemas/connector";
import type { StartOauthInput } from "@/lib/schemas/connector-oauth";
import type { SavePatInput } from "@/lib/schemas/connector-pat";
import type { CreateFicThroughGraphInput, FicInputs, FicTarget, SaveFicDraftInput } from "@/lib/schemas/fic";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import type { checkNowSchema } from "@/lib/schemas/responses/operations";
import type { ConnectorChangeInput } from "@/lib/schemas/propagation";
import { apiPath, apiRequest, apiStream } from "./client";

// The answers' schemas load with the first call that needs them (see SchemaSource).
const core = () => import("@/lib/schemas/responses/core");
const operations = () => import("@/lib/schemas/responses/operations");
const answers = () => import("./answers");

const connectorPath = (id: string) => apiPath`/api/connectors/${id}`;

export const connectorsApi = {
  create: (input: CreateConnectorInput) => apiRequest("/api/connectors", { method: "POST", body: input, schema: () => core().then((m) => m.connectorSchema) }),
  update: (id: string, input: UpdateConnectorInput) => apiRequest(connectorPath(id), { method: "PATCH", body: input, schema: () => core().then((m) => m.connectorSchema) }),
  remove: (id: string, version: number) => apiRequest(connectorPath(id), { method: "DELETE", query: { version }, schema: null }),

  savePat: (id: string, input: SavePatInput) => apiRequest(`${connectorPath(id)}/pat`, { method: "PUT", body: input, schema: () => core().then((m) => m.patSavedSchema) }),
  removePat: (id: string, version: number) => apiRequest(`${connectorPath(id)}/pat`, { method: "DELETE", query: { version }, schema: () => answers().then((m) => m.patRemovedSchema) }),

  startOauth: (id: string, input: StartOauthInput) => apiRequest(`${connectorPath(id)}/oauth/start`, { method: "POST", body: input, schema: () => core().then((m) => m.startOauthResponseSchema) }),
  disconnectOauth: (id: string, version: number) => apiRequest(`${connectorPath(id)}/oauth`, { method: "DELETE", query: { version }, schema: () => answers().then((m) => m.oauthDisconnectedSchema) }),

  generateFic: (inputs: FicInputs, target: FicTarget, signal?: AbortSignal) =>
    apiRequest("/api/fic/generate", { method: "POST", body: { inputs, target }, schema: () => operations().then((m) => m.ficArtifactsSchema), signal }),
  saveFicDraft: (id: string, input: SaveFicDraftInput) => apiRequest(`${connectorPath(id)}/fic`, { method: "POST", body: input, schema: () => operations().then((m) => m.ficDraftResultSchema) }),
  createFicThroughGraph: (id: string, input: CreateFicThroughGraphInput) =>
    apiRequest(`${connectorPath(id)}/fic/graph`, { method: "POST", body: input, schema: () => operations().then((m) => m.ficGraphOutcomeSchema) }),

  /** An admin consent or a grant made in the target tenant, so the next chain test waits for it to propagate. */
  reportChange: (id: string, change: ConnectorChangeInput["change"]) =>
    apiRequest(`${connectorPath(id)}/changes`, {
      method: "POST",
      body: { change } satisfies ConnectorChangeInput,
      schema: () => import("@/lib/schemas/propagation").then((m) => m.connectorChangeResultSchema),
    }),
  /** Demo only: the sandbox acts as the target admin and adds the connector's app to its organization. */
  sandboxGrant: (id: string) => apiRequest(`${connectorPath(id)}/sandbox-grant`, { method: "POST", schema: () => answers().then((m) => m.sandboxGrantSchema) }),
  /** What the OAuth connector's signed-in account can do in the organization. */
  oauthCapabilities: (id: string, signal?: AbortSignal) =>
    apiRequest(`${connectorPath(id)}/oauth/capabilities`, { schema: () => import("@/lib/schemas/oauth-capabilities").then((m) => m.oauthCapabilitiesSchema), signal }),

  runs: (id: string, take: number, signal?: AbortSignal): Promise<ValidationRunDto[]> =>
    apiRequest(`${connectorPath(id)}/runs`, { query: { take }, schema: () => core().then((m) => m.listOf(m.validationRunSchema)), signal }).then((page) => page.items),

  /** The chain test, hop by hop as each finishes; the last line is the stored run. */
  chainTest: (id: string) => apiStream<{ run: ValidationRunDto }>(`${connectorPath(id)}/test`),
  /** "Check now" on the health page: the same stream, ending with the run and any alert raised. */
  checkNow: (id: string) => apiStream<z.infer<typeof checkNowSchema>>(apiPath`/api/health/connectors/${id}/check`),
};

export const connectorKeys = {
  runs: (id: string) => ["connectors", id, "runs"] as const,
};
