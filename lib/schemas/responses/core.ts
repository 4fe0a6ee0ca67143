// zod mirrors of the response DTOs (which lib/schemas declares as TypeScript types), so the
// OpenAPI document is generated from zod like the request bodies. Each mirror is checked against
// its type at compile time below: a DTO that gains or changes a field fails `tsc` until its
// mirror follows, so the document cannot drift from what the API answers.
import { z } from "zod";
import { connectorDtoSchema } from "@/lib/schemas/connector";
import type { PatSaved } from "@/lib/schemas/connector-pat";
import type { StartOauthResponse } from "@/lib/schemas/connector-oauth";
import { adoCapabilities, type CapabilityResultDto, type PermissionValidationDto } from "@/lib/schemas/permission-check";
import {
  sourceStatuses,
  type AdoAreaDto,
  type AdoProjectDto,
  type AdoRepositoryDto,
  type CatalogProblemDto,
  type CreateSourceResultDto,
  type OrganizationDto,
  type OrganizationNameCheckDto,
  type SourceDto,
} from "@/lib/schemas/source";
import { checkStatuses, type CheckResultDto, type ValidationRunDto } from "@/lib/schemas/validation";

const nullableString = z.string().nullable();
const isoDate = z.string().describe("ISO 8601 date-time");

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe("validation_failed, unauthenticated, forbidden, not_found, conflict, version_conflict, rate_limited, upstream_failed, misconfigured, payload_too_large, internal_error"),
      message: z.string().describe("Safe to show; names each invalid field"),
      fields: z.array(z.object({ field: z.string().describe("dot path of the field, e.g. repositories.0"), message: z.string() })).optional(),
      hint: z.string().optional(),
      requestId: z.string().describe("This request's id (also the x-request-id response header and the access log's requestId); quote it when reporting a problem"),
      correlationId: z.string().optional().describe("For 500s: the same id as requestId, under its older name"),
    }),
  })
  .meta({ id: "Error" });

export const checkResultSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    status: z.enum(checkStatuses),
    durationMs: z.number().nullable(),
    code: nullableString,
    title: nullableString,
    cause: nullableString,
    fix: nullableString,
    expected: nullableString,
    configured: nullableString,
    detail: nullableString,
    link: z.object({ label: z.string(), href: z.string() }).nullable(),
    raw: nullableString,
    traceId: nullableString,
    retryAfterMs: z.number().nullable().describe("How long the service asked to wait (its Retry-After), when it throttled"),
  })
  .meta({ id: "CheckResult" });

export const validationRunSchema = z
  .object({
    id: z.string(),
    connectorId: z.string(),
    trigger: z.enum(["manual", "schedule", "wizard"]),
    outcome: z.enum(["pass", "fail", "unknown", "running"]),
    startedAt: isoDate,
    finishedAt: nullableString,
    durationMs: z.number().nullable(),
    checks: z.array(checkResultSchema),
  })
  .meta({ id: "ValidationRun" });

export const connectorSchema = connectorDtoSchema;

/** Why the status is what it is, when not simply the chain test's verdict. */
export const statusReasonSchema = z.object({ text: z.string(), fix: z.string().nullable(), from: z.enum(["setup", "chain", "sources"]) }).nullable();

export const patSavedSchema = z.object({ configured: z.literal(true), last4: z.string(), setAt: isoDate, expiresAt: nullableString, authenticatedAs: z.string() }).meta({ id: "PatSaved" });
export const startOauthResponseSchema = z.object({ authorizeUrl: z.string(), flowId: z.string() }).meta({ id: "StartOauthResponse" });

export const capabilityResultSchema = z
  .object({ capability: z.enum(adoCapabilities), label: z.string(), scenario: z.string(), status: z.enum(checkStatuses), checks: z.array(checkResultSchema) })
  .meta({ id: "CapabilityResult" });

export const permissionValidationSchema = z
  .object({
    runId: z.string(),
    connectorId: z.string(),
    trigger: z.enum(["manual", "schedule", "wizard"]),
    outcome: z.enum(["pass", "fail", "unknown"]),
    organization: z.string(),
    project: z.string(),
    repositories: z.array(z.string()),
    areaPath: nullableString,
    identity: nullableString,
    startedAt: isoDate,
    durationMs: z.number(),
    budgetMs: z.number(),
    capabilities: z.array(capabilityResultSchema),
    checks: z.array(checkResultSchema),
    missing: z.array(z.string()),
  })
  .meta({ id: "PermissionValidation" });

const sourceReadinessSchema = z
  .object({
    level: z.enum(["everything", "read_code", "nothing"]),
    summary: z.string(),
    capabilities: z.array(
      z.object({
        capability: z.enum(adoCapabilities),
        label: z.string(),
        status: z.enum(checkStatuses),
        missing: z.array(z.object({ key: z.string(), label: z.string(), status: z.enum(checkStatuses), fix: nullableString, link: z.object({ label: z.string(), href: z.string() }).nullable() })),
      }),
    ),
  })
  .meta({ id: "KnowledgeSourceReadiness" });

export const sourceSchema = z
  .object({
    id: z.string(),
    connectorId: z.string(),
    organization: z.string(),
    project: z.string(),
    projectId: nullableString,
    repository: z.string(),
    repositoryId: nullableString,
    displayName: z.string(),
    description: nullableString,
    branch: nullableString,
    capabilities: z.array(z.enum(adoCapabilities)),
    areaPath: nullableString,
    status: z.enum(sourceStatuses),
    missing: z.array(z.string()),
    readiness: sourceReadinessSchema,
    validationRunId: nullableString,
    validatedAt: nullableString,
    version: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .meta({ id: "KnowledgeSource" });

export const createSourceResultSchema = z.object({ source: sourceSchema, validation: permissionValidationSchema }).meta({ id: "CreateSourceResult" });

const connectorSummarySchema = z.object({ id: z.string(), displayName: z.string(), authMethod: z.string(), status: z.string(), lastCheckedAt: nullableString });
export const organizationSchema = z
  .object({ id: z.string(), name: z.string(), targetTenantId: nullableString, connector: connectorSummarySchema.nullable(), sourceCount: z.number().int(), createdAt: isoDate })
  .meta({ id: "Organization" });
export const organizationNameCheckSchema = z
  .object({
    name: z.string(),
    valid: z.literal(true),
    connector: connectorSummarySchema.nullable(),
    exists: z.enum(["yes", "no", "unknown"]),
    tenantId: nullableString,
    message: z.string(),
  })
  .meta({ id: "OrganizationNameCheck" });

const problemSchema = z.object({ code: z.string(), title: z.string(), cause: z.string(), fix: z.string(), raw: nullableString, traceId: nullableString }).meta({ id: "CatalogProblem" });
const catalogList = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item), more: z.boolean(), hint: nullableString, problem: problemSchema.nullable() }).meta({ id });
const projectSchema = z.object({ id: z.string(), name: z.string() });
const repositorySchema = z.object({ id: z.string(), name: z.string(), defaultBranch: nullableString, webUrl: nullableString });
const areaSchema = z.object({ identifier: z.string(), path: z.string(), name: z.string(), depth: z.number().int() });
export const projectListSchema = catalogList(projectSchema, "ProjectList");
export const repositoryListSchema = catalogList(repositorySchema, "RepositoryList");
export const areaListSchema = catalogList(areaSchema, "AreaList");

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

// Compile-time: each mirror describes exactly its DTO.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mirrors<T extends true> = T;
export type MirrorChecks = [
  Mirrors<Equals<z.infer<typeof checkResultSchema>, CheckResultDto>>,
  Mirrors<Equals<z.infer<typeof validationRunSchema>, ValidationRunDto>>,
  Mirrors<Equals<z.infer<typeof patSavedSchema>, PatSaved>>,
  Mirrors<Equals<z.infer<typeof startOauthResponseSchema>, StartOauthResponse>>,
  Mirrors<Equals<z.infer<typeof capabilityResultSchema>, CapabilityResultDto>>,
  Mirrors<Equals<z.infer<typeof permissionValidationSchema>, PermissionValidationDto>>,
  Mirrors<Equals<z.infer<typeof sourceSchema>, SourceDto>>,
  Mirrors<Equals<z.infer<typeof createSourceResultSchema>, CreateSourceResultDto>>,
  Mirrors<Equals<z.infer<typeof organizationSchema>, OrganizationDto>>,
  Mirrors<Equals<z.infer<typeof organizationNameCheckSchema>, OrganizationNameCheckDto>>,
  Mirrors<Equals<z.infer<typeof problemSchema>, CatalogProblemDto>>,
  Mirrors<Equals<z.infer<typeof projectSchema>, AdoProjectDto>>,
  Mirrors<Equals<z.infer<typeof repositorySchema>, AdoRepositoryDto>>,
  Mirrors<Equals<z.infer<typeof areaSchema>, AdoAreaDto>>,
];
