import "server-only";
// Hops that call Azure DevOps with the credential of the earlier hops: connectionData (who the
// organization thinks the caller is) and the projects (and, for a PAT, repositories) it can read.
import { getConnectionData, type AdoCaller } from "@/lib/server/ado/get-connection-data";
import { listProjects } from "@/lib/server/ado/list-projects";
import { listRepositories } from "@/lib/server/ado/list-repositories";
import type { AdoErrorContext } from "@/lib/server/ado/decode-ado-error";
import { fail, pass, type Hop, type HopContext, type HopOutcome } from "./chain-hop";

const LISTED = 5;
const names = (items: { name: string }[]) =>
  items
    .slice(0, LISTED)
    .map((item) => item.name)
    .join(", ") + (items.length > LISTED ? ", …" : "");

function adoOptions({ connector, state, budgetMs, signal }: HopContext) {
  const context: Omit<AdoErrorContext, "organization"> = {
    method: connector.authMethod,
    principalId: state.principalId ?? null,
    identityLabel: state.identityLabel ?? null,
  };
  return { organization: connector.organization ?? "", authorization: state.authorization ?? "", budgetMs, signal, context };
}

function describeCaller(caller: AdoCaller, organization: string): string {
  const who = caller.displayName && caller.account && caller.account !== caller.displayName ? `${caller.displayName} (${caller.account})` : (caller.displayName ?? caller.account ?? caller.id);
  return `Azure DevOps organization ${organization} knows the caller as ${who}, id ${caller.id}${caller.tenantId ? `, tenant ${caller.tenantId}` : ""}`;
}

const noProjects = (organization: string): HopOutcome =>
  fail({
    code: "no_projects",
    title: "The identity cannot see any project",
    cause: `It is a user of ${organization} but a member of no project, and Azure DevOps lists only the projects a caller belongs to (VS800075 for the others).`,
    fix: "Add the identity to the Readers group of each project the agent needs (Project settings → Permissions → Readers → Add), then run the test again.",
    expected: "Member of at least one project",
    configured: "No project",
    raw: "GET _apis/projects returned an empty list.",
  });

async function caller(context: HopContext): Promise<{ ok: true; caller: AdoCaller } | { ok: false; outcome: HopOutcome }> {
  const result = await getConnectionData(adoOptions(context));
  if (!result.ok) return { ok: false, outcome: fail(result.error) };
  context.state.identityLabel = result.value.account ?? result.value.displayName ?? context.state.identityLabel;
  return { ok: true, caller: result.value };
}

/** One hop: who am I, then which projects (MI + FIC and managed identity connectors). */
export const adoServiceHop: Hop = {
  key: "ado-call",
  label: "Call Azure DevOps as that identity",
  async run(context) {
    const who = await caller(context);
    if (!who.ok) return who.outcome;
    const projects = await listProjects(adoOptions(context));
    if (!projects.ok) return fail(projects.error);
    const organization = context.connector.organization ?? "";
    if (projects.value.projects.length === 0) return noProjects(organization);
    return pass(`${describeCaller(who.caller, organization)}\nProjects it can read: ${projects.value.projects.length}${projects.value.more ? "+" : ""} (${names(projects.value.projects)})`);
  },
};

export function adoCallerHop(label: string): Hop {
  return {
    key: "ado-call",
    label,
    async run(context) {
      const who = await caller(context);
      return who.ok ? pass(describeCaller(who.caller, context.connector.organization ?? "")) : who.outcome;
    },
  };
}

export function adoProjectsHop(options: { label: string; repositories: boolean }): Hop {
  return {
    key: "ado-projects",
    label: options.label,
    async run(context) {
      const organization = context.connector.organization ?? "";
      const projects = await listProjects(adoOptions(context));
      if (!projects.ok) return fail(projects.error);
      if (projects.value.projects.length === 0) return noProjects(organization);
      const lines = [`Projects it can read: ${projects.value.projects.length}${projects.value.more ? "+" : ""} (${names(projects.value.projects)})`];
      if (options.repositories) {
        const repositories = await listRepositories(adoOptions(context));
        if (!repositories.ok) return fail(repositories.error);
        if (repositories.value.length === 0) {
          return fail({
            code: "no_repositories",
            title: "The identity cannot read any repository",
            cause: "It can see projects but no repository in them: Read is denied or not granted on their repositories.",
            fix: "Allow Read on the repositories the agent needs (Project settings → Repositories → Security), then run the test again.",
            expected: "Read on at least one repository",
            configured: "No readable repository",
            raw: "GET _apis/git/repositories returned an empty list.",
          });
        }
        lines.push(`Repositories it can read: ${repositories.value.length} (${names(repositories.value)})`);
      }
      return pass(lines.join("\n"));
    },
  };
}
