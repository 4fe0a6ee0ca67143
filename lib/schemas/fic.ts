// Contracts of the managed identity + federated credential (FIC) assistant, and the checks Entra
// would make on its values. The assistant's form, the generate endpoint and the FIC routes share
// them, so the browser flags a mistake with the same words the server would use.
// https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity
import { z } from "zod";
import { azureResourceSchema } from "./azure-resource-schema";
import { text } from "./text";
import { guidSchema, identityKindSchema, SYSTEM_ASSIGNED_REJECTED, type ConnectorDto, type IdentityKind } from "./connector";

export { identityKinds, SYSTEM_ASSIGNED_REJECTED, type IdentityKind } from "./connector";

export const ficFieldLabels = {
  agentTenantId: "Agent tenant id",
  miClientId: "Managed identity client id",
  miPrincipalId: "Managed identity principal (object) id",
  appClientId: "Multi-tenant app client id",
  targetTenantId: "Target tenant id",
  ficName: "Credential name",
} as const;
export type FicField = keyof typeof ficFieldLabels;

/** Entra: 3–120 characters, URL-friendly, unique on the app, and immutable once created. */
export const ficNameSchema = text()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(120, "must be at most 120 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "may contain only letters, digits, hyphens and underscores, starting with a letter or digit");

/** The five ids the exchange needs, plus the credential's name. */
export const ficInputsSchema = z
  .object({
    identityKind: identityKindSchema,
    agentTenantId: guidSchema,
    miClientId: guidSchema,
    miPrincipalId: guidSchema,
    appClientId: guidSchema,
    targetTenantId: guidSchema,
    ficName: ficNameSchema,
  })
  .strict();
export type FicInputs = z.infer<typeof ficInputsSchema>;

/** The target the grants are for: an ADO organization or a Kusto database. */
export const ficTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ado"), organization: text().trim().min(1).max(50) }).strict(),
  z.object({ kind: z.literal("kusto"), clusterUrl: text().trim().min(1).max(300), database: text().trim().min(1).max(260) }).strict(),
  z.object({ kind: z.literal("azure"), azureResource: azureResourceSchema, azureTarget: text().trim().max(64).nullable() }).strict(),
]);
export type FicTarget = z.infer<typeof ficTargetSchema>;

/** POST /api/fic/generate: the artifacts for these values; nothing is stored. */
export const generateFicSchema = z.object({ inputs: ficInputsSchema, target: ficTargetSchema }).strict();

/** POST /api/connectors/[id]/fic: save the values and a draft of what someone else must still do. */
export const saveFicDraftSchema = z
  .object({
    version: z.number().int().positive(),
    identityKind: identityKindSchema,
    agentTenantId: guidSchema.nullable(),
    miClientId: guidSchema.nullable(),
    miPrincipalId: guidSchema.nullable(),
    appClientId: guidSchema.nullable(),
    targetTenantId: guidSchema.nullable(),
    ficName: ficNameSchema,
  })
  .strict();
export type SaveFicDraftInput = z.infer<typeof saveFicDraftSchema>;

/** POST /api/connectors/[id]/fic/graph: create the FIC with the operator's own Graph token. */
export const createFicThroughGraphSchema = z
  .object({
    version: z.number().int().positive(),
    inputs: ficInputsSchema,
    // A delegated Graph access token from the operator's popup; used for one call, never stored or logged.
    // It goes into an HTTP Authorization header, which carries only Latin-1 (fetch throws on
    // anything else); real tokens are base64url JWTs, so printable ASCII without spaces is the rule.
    graphAccessToken: text()
      .trim()
      .min(20, "is not a token")
      .max(16_384, "is too long")
      .regex(/^[\x21-\x7e]+$/, "is not a token (it may contain only printable ASCII characters, no spaces)"),
  })
  .strict();
export type CreateFicThroughGraphInput = z.infer<typeof createFicThroughGraphSchema>;

export type FicIssue = { field: FicField | "identityKind"; message: string };

export type FicFormValues = {
  identityKind: IdentityKind;
  agentTenantId: string;
  miClientId: string;
  miPrincipalId: string;
  appClientId: string;
  targetTenantId: string;
  ficName: string;
};

export const CLIENT_ID_TWICE = "You entered the client id twice; the subject must be the Object (principal) ID (Azure portal → the identity → Overview → Object (principal) ID).";

export const APP_IS_IDENTITY = "This is the managed identity's client id. Enter the Application (client) ID of the multi-tenant app registration that holds the federated credential.";

export const SAME_TENANT_NO_FIC = "The target tenant is the agent's own tenant: no federated credential is needed. Use “Managed identity (same tenant)” and grant the identity itself access.";

const normalize = (value: string) => value.trim().toLowerCase();

/**
 * What Entra would reject, or what would make the exchange fail later, field by field. An empty
 * list means the values can become a FIC. Messages are sentences that end with what to do.
 */
export function checkFicValues(values: FicFormValues): FicIssue[] {
  const issues: FicIssue[] = [];
  if (values.identityKind === "system_assigned") issues.push({ field: "identityKind", message: SYSTEM_ASSIGNED_REJECTED });
  const guidFields = ["agentTenantId", "miClientId", "miPrincipalId", "appClientId", "targetTenantId"] as const;
  for (const field of guidFields) {
    const value = values[field].trim();
    if (!value) issues.push({ field, message: `${ficFieldLabels[field]} is required.` });
    else if (!guidSchema.safeParse(value).success) issues.push({ field, message: `${ficFieldLabels[field]} must be a GUID like 00000000-0000-0000-0000-000000000000.` });
  }
  const bad = new Set(issues.map((issue) => issue.field));
  const same = (a: FicField, b: FicField) => !bad.has(a) && !bad.has(b) && normalize(values[a]) === normalize(values[b]);
  if (same("miClientId", "miPrincipalId")) issues.push({ field: "miPrincipalId", message: CLIENT_ID_TWICE });
  if (same("appClientId", "miClientId")) issues.push({ field: "appClientId", message: APP_IS_IDENTITY });
  if (same("agentTenantId", "targetTenantId")) issues.push({ field: "targetTenantId", message: SAME_TENANT_NO_FIC });
  const name = ficNameSchema.safeParse(values.ficName);
  if (!name.success) issues.push({ field: "ficName", message: `${ficFieldLabels.ficName} ${name.error.issues[0]?.message ?? "is invalid"}.` });
  return issues;
}

/** A name that says what the credential is for: it is immutable, so it should be readable. */
export function defaultFicName(target: { organization?: string | null; database?: string | null }): string {
  const base = (target.organization ?? target.database ?? "connector")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `tenantbridge-${base || "connector"}`.slice(0, 120);
}

/** The credential to create on the app, as Graph names its fields. */
export type FicCredentialDto = {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string;
  /** The issuer on Azure's public cloud when this portal signs in elsewhere (the sandbox); null when the same. */
  realAzureIssuer: string | null;
};

/** One thing the target tenant's admin must do, with a command or link when there is one. */
export type TargetGrantDto = { title: string; detail: string; command: string | null; href: string | null };

/** Everything the assistant generates from the operator's values. */
export type FicArtifactsDto = {
  credential: FicCredentialDto;
  azCli: string;
  bicep: string;
  graphRequest: { method: "POST"; url: string; body: string };
  adminConsentUrl: string;
  grants: TargetGrantDto[];
  /** Who may create the credential in the agent tenant (Entra roles or app owner). */
  whoCreates: string;
};

/** One missing piece of a draft: what, who must provide it, and how. */
export type FicDraftItemDto = { what: string; who: string; how: string };

/** What creating the FIC through Graph did. Refusals are results with the reason and the next step. */
export type FicGraphOutcomeDto = {
  status: "created" | "exists" | "denied" | "failed";
  title: string;
  message: string;
  /** The Graph error code and request id when Graph refused, for the admin who looks it up. */
  graphCode: string | null;
  requestId: string | null;
  /** When someone else must create it: what is missing and who must do it. */
  draft: FicDraftItemDto[] | null;
  connector: ConnectorDto;
};

/** The form's values as the exchange's inputs, or null while checkFicValues finds a problem. */
export function ficInputsFromForm(values: FicFormValues): FicInputs | null {
  if (checkFicValues(values).length > 0) return null;
  // The server checks the identity kind too: a valid form always means user-assigned.
  return ficInputsSchema.safeParse(values).data ?? null;
}
