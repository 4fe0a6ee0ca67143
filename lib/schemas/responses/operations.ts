// zod mirrors of the health, alert, audit and FIC answers, checked against their DTO types at
// compile time like the ones in core.ts.
import { z } from "zod";
import type { AuditPageDto } from "@/lib/schemas/audit";
import { authMethods, connectorKinds, connectorStatuses } from "@/lib/schemas/connector";
import type { FicArtifactsDto, FicDraftItemDto, FicGraphOutcomeDto } from "@/lib/schemas/fic";
import type { AlertEventDto, HealthPageDto } from "@/lib/schemas/health";
import type { ConnectorDto } from "@/lib/schemas/connector";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { checkResultSchema, connectorSchema, statusReasonSchema, validationRunSchema } from "./core";

const nullableString = z.string().nullable();

export const auditPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        actorId: z.string(),
        actorName: z.string(),
        action: z.string(),
        targetType: z.string(),
        targetId: nullableString,
        summary: z.string(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    pageCount: z.number(),
  })
  .meta({ id: "AuditPage" });

export const alertEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    type: z.enum(["connector.failing", "connector.needs_signin", "connector.recovered", "source.degraded", "source.recovered"]),
    source: z.object({ id: z.string(), name: z.string() }).nullable(),
    connectorId: z.string(),
    connectorName: z.string(),
    target: z.string(),
    authMethod: z.enum(authMethods),
    from: z.string(),
    to: z.string(),
    check: z.object({ key: nullableString, label: nullableString, code: nullableString, title: nullableString, cause: nullableString, fix: nullableString }).nullable(),
    delivery: z.object({ status: z.enum(["none", "pending", "delivered", "failed"]), attempts: z.number(), lastError: nullableString, deliveredAt: nullableString }),
  })
  .meta({ id: "AlertEvent" });

const runPointSchema = z.object({
  id: z.string(),
  outcome: z.enum(["pass", "fail", "unknown", "running"]),
  trigger: z.enum(["manual", "schedule", "wizard"]),
  startedAt: z.string(),
  durationMs: z.number().nullable(),
});
const healthCredentialSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("oauth"), account: nullableString, signedInAt: nullableString }),
  z.object({ kind: z.literal("pat"), last4: nullableString, expiresAt: nullableString, configured: z.boolean() }),
  z.object({ kind: z.literal("none"), reason: z.enum(["mi_fic", "managed_identity"]) }),
]);
export const healthPageSchema = z
  .object({
    rows: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(connectorKinds),
        displayName: z.string(),
        authMethod: z.enum(authMethods),
        status: z.enum(connectorStatuses),
        statusReason: statusReasonSchema,
        sourcesProblem: z
          .object({ count: z.number().int(), total: z.number().int(), sourceId: z.string(), sourceName: z.string(), capability: z.string(), check: z.string(), fix: nullableString })
          .nullable(),
        organization: nullableString,
        clusterUrl: nullableString,
        database: nullableString,
        tenantId: nullableString,
        credential: healthCredentialSchema,
        lastCheckedAt: nullableString,
        nextCheckAt: nullableString,
        checks: z.array(checkResultSchema),
        latestRun: runPointSchema.nullable(),
        history: z.array(runPointSchema),
      }),
    ),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
    pageCount: z.number(),
    counts: z.record(z.enum(connectorStatuses), z.number()),
    intervalSeconds: z.number(),
  })
  .meta({ id: "HealthPage" });

export const checkNowSchema = z.object({ run: validationRunSchema, alertId: nullableString }).meta({ id: "CheckNowResult" });

const draftItemSchema = z.object({ what: z.string(), who: z.string(), how: z.string() });
export const ficDraftResultSchema = z.object({ connector: connectorSchema, draft: z.array(draftItemSchema) }).meta({ id: "FicDraftResult" });
export const ficGraphOutcomeSchema = z
  .object({
    status: z.enum(["created", "exists", "denied", "failed"]),
    title: z.string(),
    message: z.string(),
    graphCode: nullableString,
    requestId: nullableString,
    draft: z.array(draftItemSchema).nullable(),
    connector: connectorSchema,
  })
  .meta({ id: "FicGraphOutcome" });
export const ficArtifactsSchema = z
  .object({
    credential: z.object({ name: z.string(), issuer: z.string(), subject: z.string(), audiences: z.array(z.string()), description: z.string(), realAzureIssuer: nullableString }),
    azCli: z.string(),
    bicep: z.string(),
    graphRequest: z.object({ method: z.literal("POST"), url: z.string(), body: z.string() }),
    adminConsentUrl: z.string(),
    grants: z.array(z.object({ title: z.string(), detail: z.string(), command: nullableString, href: nullableString })),
    whoCreates: z.string(),
  })
  .meta({ id: "FicArtifacts" });

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mirrors<T extends true> = T;
export type OperationMirrorChecks = [
  Mirrors<Equals<z.infer<typeof auditPageSchema>, AuditPageDto>>,
  Mirrors<Equals<z.infer<typeof alertEventSchema>, AlertEventDto>>,
  Mirrors<Equals<z.infer<typeof healthPageSchema>, HealthPageDto>>,
  Mirrors<Equals<z.infer<typeof checkNowSchema>, { run: ValidationRunDto; alertId: string | null }>>,
  Mirrors<Equals<z.infer<typeof ficDraftResultSchema>, { connector: ConnectorDto; draft: FicDraftItemDto[] }>>,
  Mirrors<Equals<z.infer<typeof ficGraphOutcomeSchema>, FicGraphOutcomeDto>>,
  Mirrors<Equals<z.infer<typeof ficArtifactsSchema>, FicArtifactsDto>>,
];
