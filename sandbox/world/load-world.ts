// The one entry point for world documents (default, admin API, files): zod parse, then the
// cross-reference checks, reported in one list of issues.
import { identityReferenceIssues, type WorldIssue } from "./identity-references";
import { worldSchema, type World } from "./schema";

export type WorldParseResult = { ok: true; world: World } | { ok: false; issues: WorldIssue[] };

export function parseWorld(input: unknown): WorldParseResult {
  const parsed = worldSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message })),
    };
  }
  const issues = identityReferenceIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, world: parsed.data };
}
