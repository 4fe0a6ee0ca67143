// Contracts for permission validation in the target organization: what the operator asks to be
// checked, and the checks grouped by what the agent will do with the access. The grouping is
// seed 000's scenarios table ("What you can do cross-tenant"): reading repository content needs
// the project's Reader effect on code; commenting on work items and pull requests needs
// "Contribute to pull requests" on the repository and "Edit work items in this node" on the area
// path (commenting on a work item is an edit); creating work items needs the latter.
import { z } from "zod";
import { text } from "./text";
import { adoCapabilities, type AdoCapability } from "./ado-capabilities";
import type { CheckResultDto, CheckStatus, RunOutcome, RunTrigger } from "./validation";

export { adoCapabilities, capabilityDefinitions, checkKindOf, permissionCheckKinds, type AdoCapability, type PermissionCheckKind } from "./ado-capabilities";

/** ADO project and Git repository names share one rule: at most 64 characters, none of ADO's
 * reserved characters, no leading _ or . and no trailing . */
const adoItemNameSchema = () =>
  text("must be a string")
    .trim()
    .min(1, "is required")
    .max(64, "must be at most 64 characters")
    .regex(/^[^\\/:*?"'<>|;#$%{}+=[\]\p{Cc}]+$/u, "may not contain \\ / : * ? \" ' < > | ; # $ % { } + = [ ] or control characters")
    .refine((name) => !/^[_.]/.test(name) && !name.endsWith("."), "cannot start with _ or . or end with .");

export const adoProjectNameSchema = adoItemNameSchema();
export const adoRepositoryNameSchema = adoItemNameSchema();

/**
 * An area path as ADO prints it, "Payments\Ledger" (a leading backslash and forward slashes are
 * accepted too). At most 14 levels (ADO's limit), each segment without ADO's reserved characters.
 */
export const adoAreaPathSchema = text("must be a string")
  .trim()
  .min(1, "is required")
  .max(512, "must be at most 512 characters")
  .transform((path) => path.replace(/\//g, "\\").replace(/^\\+|\\+$/g, ""))
  .refine((path) => path.length > 0, "is required")
  .refine((path) => path.split("\\").length <= 14, "may have at most 14 levels")
  .refine(
    (path) => path.split("\\").every((segment) => segment.trim().length > 0 && segment.length <= 255 && !/[:*?"<>|;#$%&+{}\p{Cc}]/u.test(segment)),
    'must be segments like Payments\\Ledger without empty segments or : * ? " < > | ; # $ % & + { }',
  );

export const validatePermissionsSchema = z
  .object({
    project: adoProjectNameSchema,
    repositories: z.array(adoRepositoryNameSchema, "must be a list of repository names").max(20, "may list at most 20 repositories").default([]),
    areaPath: adoAreaPathSchema.optional(),
    capabilities: z.array(z.enum(adoCapabilities), "must be a list of capabilities").min(1, "must name at least one capability").max(3).optional(),
    /** Who asked: the wizard's review step, or an operator re-checking from the connector page. */
    trigger: z.enum(["wizard", "manual"]).optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const capabilities = input.capabilities ?? adoCapabilities;
    const needsRepository = capabilities.includes("read_code") || capabilities.includes("comment");
    if (needsRepository && input.repositories.length === 0) {
      context.addIssue({ code: "custom", path: ["repositories"], message: "must name at least one repository for read_code or comment" });
    }
    const lower = input.repositories.map((name) => name.toLowerCase());
    if (new Set(lower).size !== lower.length) context.addIssue({ code: "custom", path: ["repositories"], message: "must not list a repository twice" });
  });
export type ValidatePermissionsInput = z.infer<typeof validatePermissionsSchema>;

export type CapabilityResultDto = {
  capability: AdoCapability;
  label: string;
  scenario: string;
  /** fail if any check failed; unknown if any could not be decided; skipped if some were not run; else pass. */
  status: CheckStatus;
  checks: CheckResultDto[];
};

export type PermissionValidationDto = {
  runId: string;
  connectorId: string;
  trigger: RunTrigger;
  outcome: Exclude<RunOutcome, "running">;
  organization: string;
  project: string;
  repositories: string[];
  areaPath: string | null;
  /** Who was checked, as Azure DevOps names the connector's identity (null when it could not be reached). */
  identity: string | null;
  startedAt: string;
  durationMs: number;
  budgetMs: number;
  capabilities: CapabilityResultDto[];
  /** Every check once, in the order they ran. */
  checks: CheckResultDto[];
  /** One line per check that did not pass: what is missing and where to grant it. */
  missing: string[];
};
