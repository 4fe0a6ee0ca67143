import "server-only";
// The projects the connector's knowledge sources use, each read by name as the connector's
// identity: a project it cannot see (VS800075, or TF200016 in Azure DevOps) shows on the
// connector's own chain test, with the sources it blocks, not only in the add-repository wizard.
import { getProject } from "@/lib/server/permissions/ado-lookups";
import { fail, pass, type Hop } from "./chain-hop";

/** A test stays within its deadline: a connector with more projects has the rest checked by its sources' own validation. */
export const MAX_SOURCE_PROJECTS = 10;

const quoted = (names: string[]) => names.map((name) => `“${name}”`).join(", ");

export const sourceProjectsHop: Hop = {
  key: "source-projects",
  label: "Reach the projects its knowledge sources use",
  async run({ connector, state, budgetMs, signal }) {
    const projects = connector.sourceProjects.slice(0, MAX_SOURCE_PROJECTS);
    const started = Date.now();
    const lines: string[] = [];
    for (const { project, sources } of projects) {
      const result = await getProject({
        organization: connector.organization ?? "",
        authorization: state.authorization ?? "",
        project,
        budgetMs: Math.max(500, budgetMs - (Date.now() - started)),
        signal,
        context: { method: connector.authMethod, principalId: state.principalId ?? null, identityLabel: state.identityLabel ?? null },
      });
      if (!result.ok) {
        const blocked = `Project ${project} is used by ${sources.length === 1 ? "the knowledge source" : "the knowledge sources"} ${quoted(sources)}.`;
        return fail({ ...result.error, title: `${result.error.title}: ${project}`, cause: `${blocked} ${result.error.cause}`, configured: result.error.configured ?? `project = ${project}` });
      }
      lines.push(`${result.value.name}: readable (${sources.length} ${sources.length === 1 ? "source" : "sources"})`);
    }
    const rest = connector.sourceProjects.length - projects.length;
    if (rest > 0) lines.push(`${rest} more ${rest === 1 ? "project is" : "projects are"} checked by their sources' own validation.`);
    return pass(lines.join("\n"));
  },
};
