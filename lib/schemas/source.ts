// Contracts for knowledge sources (repositories the agent clones and searches) and for the
// organization picker, shared by the wizard, the route handlers and the tests.
import { z } from "zod";
import { text } from "./text";
import { adoOrganizationSchema, displayNameSchema } from "./connector";
import { adoAreaPathSchema, adoCapabilities, adoProjectNameSchema, adoRepositoryNameSchema, type AdoCapability, type PermissionValidationDto } from "./permission-check";
import type { SourceReadinessDto } from "./source-readiness";

export const sourceStatuses = ["draft", "ready"] as const;
export type SourceStatus = (typeof sourceStatuses)[number];

/**
 * A Git branch name (refs/heads/ is optional). git check-ref-format's rules that matter here:
 * no spaces, control characters, ~ ^ : ? * [ \ or "..", not starting with - or /, not ending with / . or .lock.
 */
export const branchSchema = text("must be a string")
  .trim()
  .min(1, "is required")
  .max(250, "must be at most 250 characters")
  .transform((branch) => branch.replace(/^refs\/heads\//, ""))
  .refine(
    (branch) =>
      branch.length > 0 &&
      !/[\s~^:?*[\\\p{Cc}]/u.test(branch) &&
      !branch.includes("..") &&
      !branch.includes("@{") &&
      !branch.includes("//") &&
      !/^[-/]/.test(branch) &&
      !/(\/|\.|\.lock)$/.test(branch),
    "must be a Git branch name like main or release/2025 (no spaces, .., ~ ^ : ? * [ \\)",
  );

const descriptionSchema = text("must be a string").trim().max(500, "must be at most 500 characters");
/** What the source is for; reading code is always part of it (the agent clones every source). */
const sourceCapabilitiesSchema = z
  .array(z.enum(adoCapabilities), "must be a list of capabilities")
  .min(1, "must name at least one capability")
  .max(3, "may list at most 3 capabilities")
  .refine((list) => list.includes("read_code"), "must include read_code")
  .refine((list) => new Set(list).size === list.length, "must not list a capability twice");

const needsAreaPath = (capabilities: readonly AdoCapability[] | undefined) => capabilities?.some((capability) => capability !== "read_code") ?? false;

const idSchema = text("must be a string")
  .trim()
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id from the API");

export const createSourceSchema = z
  .object({
    connectorId: idSchema,
    project: adoProjectNameSchema,
    repository: adoRepositoryNameSchema,
    displayName: displayNameSchema,
    description: descriptionSchema.optional(),
    branch: branchSchema.optional(),
    /** Defaults to read_code alone. */
    capabilities: sourceCapabilitiesSchema.optional(),
    /** Where the agent files and comments work items; required with comment or create_work_items. */
    areaPath: adoAreaPathSchema.optional(),
    /**
     * Save even when a permission check does not pass: the source is stored as a draft that lists
     * what is missing, and the agent does not use it until a later validation passes.
     */
    allowDraft: z.boolean("must be true or false").optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (needsAreaPath(input.capabilities) && !input.areaPath) context.addIssue({ code: "custom", path: ["areaPath"], message: "is required to comment or create work items" });
  });
export type CreateSourceInput = z.infer<typeof createSourceSchema>;

export const updateSourceSchema = z
  .object({
    version: z.number("must be a number").int("must be a whole number").positive("must be positive"),
    displayName: displayNameSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    branch: branchSchema.nullable().optional(),
    capabilities: sourceCapabilitiesSchema.optional(),
    areaPath: adoAreaPathSchema.nullable().optional(),
  })
  .strict();
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

export const listSourcesQuerySchema = z
  .object({
    connectorId: idSchema.optional(),
    organization: adoOrganizationSchema.optional(),
    status: z.enum(sourceStatuses).optional(),
  })
  .strict();

export const deleteSourceQuerySchema = z.object({ version: z.coerce.number("must be a number").int("must be a whole number").positive("must be a positive whole number").optional() }).strict();

export type SourceDto = {
  id: string;
  connectorId: string;
  organization: string;
  project: string;
  projectId: string | null;
  repository: string;
  repositoryId: string | null;
  displayName: string;
  description: string | null;
  branch: string | null;
  capabilities: AdoCapability[];
  areaPath: string | null;
  /** ready: the agent may clone it (reading code passed); see readiness for what else it may do. */
  status: SourceStatus;
  /** What the last validation found missing, each with where to grant it; empty when ready. */
  missing: string[];
  /** Per capability it was added for, from the latest checks (sourceReadiness). */
  readiness: SourceReadinessDto;
  validationRunId: string | null;
  validatedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** POST /api/sources answers the stored source and the validation that decided its status. */
export type CreateSourceResultDto = { source: SourceDto; validation: PermissionValidationDto };

/** Path parameters of /api/connectors/[id]/projects/[project]/… (Next.js has already URL-decoded them). */
export const projectParamsSchema = z.object({ id: idSchema, project: adoProjectNameSchema }).strict();

export const checkOrganizationNameQuerySchema = z.object({ name: adoOrganizationSchema }).strict();

export type OrganizationConnectorSummary = { id: string; displayName: string; authMethod: string; status: string; lastCheckedAt: string | null };

export type OrganizationDto = {
  id: string;
  name: string;
  targetTenantId: string | null;
  connector: OrganizationConnectorSummary | null;
  sourceCount: number;
  createdAt: string;
};

export type OrganizationNameCheckDto = {
  /** The name as stored (ADO names are case-insensitive). */
  name: string;
  valid: true;
  connector: OrganizationConnectorSummary | null;
  /** What Azure DevOps said without credentials: "no" only on its 404 for an unknown organization. */
  exists: "yes" | "no" | "unknown";
  /** The organization's Entra ID tenant, when Azure DevOps named it. */
  tenantId: string | null;
  message: string;
};

export type AdoProjectDto = { id: string; name: string };
export type AdoRepositoryDto = { id: string; name: string; defaultBranch: string | null; webUrl: string | null };
export type AdoAreaDto = { identifier: string; path: string; name: string; depth: number };

/** What Azure DevOps refused, with the cause and the fix; a value, because it is an expected answer. */
export type CatalogProblemDto = { code: string; title: string; cause: string; fix: string; raw: string | null; traceId: string | null };

export type CatalogListDto<T> = {
  items: T[];
  /** More than the first page exists (projects only). */
  more: boolean;
  /** Shown with an empty list, e.g. why no project is visible. */
  hint: string | null;
  problem: CatalogProblemDto | null;
};
