// The agent identity forms' assignments as the operator types them, one per line: an organization
// name, or a cluster URL and a database separated by a space. No zod here: the panel needs these on
// its first load; the checks are in agent-identity-form-schema.ts.
import type { AgentIdentityDto, AgentTarget } from "@/lib/schemas/agent-access";

/** The lines as the handler's list of targets (blank lines dropped). */
export function parseAssignments(text: string): AgentTarget[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [first, ...rest] = line.split(/\s+/);
      return rest.length > 0 ? { clusterUrl: first ?? "", database: rest.join(" ") } : { organization: first ?? "" };
    });
}

/** An identity's assignments as lines, to edit them. */
export const assignmentText = (identity: AgentIdentityDto) =>
  identity.assignments.map((assignment) => (assignment.kind === "ado" ? assignment.organization : `${assignment.clusterUrl} ${assignment.database}`)).join("\n");

/** A problem with one line of the assignments: "assignments.2.organization" is line 3. */
export function lineProblem(path: readonly PropertyKey[], message: string): string {
  return `Line ${Number(path[0]) + 1}: ${String(path.at(-1))} ${message}.`;
}
