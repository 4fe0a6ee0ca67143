import "server-only";
// The Kusto hop: `.show principal roles` (which role the identity holds on the database) and a
// probe query on the database. A 403 explains the exact Database Viewer grant to run.
import { runProbeQuery } from "@/lib/server/kusto/run-probe-query";
import { showPrincipalRoles } from "@/lib/server/kusto/show-principal-roles";
import { isUnanswered } from "@/lib/server/pipeline/unanswered";
import { fail, pass, type Hop } from "./chain-hop";

export const PROBE_QUERY = "print ok=1";

export const kustoServiceHop: Hop = {
  key: "kusto-call",
  label: "Query the Kusto database as that identity",
  async run({ connector, state, budgetMs, signal }) {
    const database = connector.database ?? "";
    // Kusto names an application "aadapp=<appId>;<tenantId>"; the 403 quotes it too, which wins.
    const principalFqn =
      connector.authMethod === "mi_fic" && connector.appClientId && connector.targetTenantId
        ? `aadapp=${connector.appClientId};${connector.targetTenantId}`
        : connector.miClientId && connector.agentTenantId
          ? `aadapp=${connector.miClientId};${connector.agentTenantId}`
          : null;
    const options = { clusterUrl: connector.clusterUrl ?? "", database, authorization: state.authorization ?? "", budgetMs, signal, context: { principalFqn } };
    const started = Date.now();
    // Without a role on any database of the cluster the command itself is refused; the probe
    // below then explains the grant, so this failure is only a fact, not the verdict.
    const roles = await showPrincipalRoles(options);
    // A cluster that did not answer the command will not answer the probe either.
    if (!roles.ok && isUnanswered(roles.error)) return fail(roles.error);
    const probe = await runProbeQuery({ ...options, budgetMs: Math.max(1000, budgetMs - (Date.now() - started)) }, PROBE_QUERY);
    if (!probe.ok) return fail(probe.error);
    const onDatabase = roles.ok ? roles.value.filter((row) => row.scope.toLowerCase() === `database ${database}`.toLowerCase()) : [];
    const roleText = onDatabase.length > 0 ? onDatabase.map((row) => row.role).join(", ") : "none listed directly (access may come through a group)";
    return pass([`Role on database ${database}: ${roleText}`, `Probe query \`${PROBE_QUERY}\` returned ${probe.value.rowCount} row${probe.value.rowCount === 1 ? "" : "s"}`].join("\n"));
  },
};
