// The management commands the sandbox understands on /v1/rest/mgmt:
//   .show principal roles                       roles of the caller, across the cluster's databases
//   .show databases                             databases the caller has any role on
//   .show database <db> principals              needs a role on <db>
//   .add|.drop database <db> <role> ('<fqn>', …) ['notes']   needs Database Admin on <db>
// `.add database <db> viewers ('aadapp=<appId>;<tenantId>')` is the fix the portal shows the
// target tenant's admin, so the sandbox can replay that fix for real.
import type { KustoCluster, KustoDatabaseRole } from "../world/kusto";
import { KUSTO_DATABASE_ROLES } from "../world/kusto";
import type { KustoCaller } from "./authenticate";
import type { ResultTable } from "./kql";
import { ROLE_DISPLAY, findDatabase, rolesOf, sameFqn } from "./roles";

export type ManagementOutcome =
  | { kind: "table"; table: ResultTable }
  | { kind: "forbidden"; detail: string }
  | { kind: "cannotRead"; database: string }
  | { kind: "badRequest"; detail: string }
  | { kind: "change"; apply: (cluster: KustoCluster) => void; table: (cluster: KustoCluster) => ResultTable };

const PRINCIPALS_COLUMNS: ResultTable["columns"] = [
  { name: "Role", type: "string" },
  { name: "PrincipalType", type: "string" },
  { name: "PrincipalDisplayName", type: "string" },
  { name: "PrincipalObjectId", type: "string" },
  { name: "PrincipalFQN", type: "string" },
  { name: "Notes", type: "string" },
];

function principalsTable(cluster: KustoCluster, databaseName: string): ResultTable {
  const database = findDatabase(cluster, databaseName);
  const rows = (database?.principals ?? []).map((principal) => {
    const [kind = "", rest = ""] = principal.fqn.split("=");
    const objectId = rest.split(";")[0] ?? "";
    const type = kind === "aadapp" ? "AAD Application" : kind === "aadgroup" ? "AAD Group" : "AAD User";
    return [`Database ${database?.name} ${ROLE_DISPLAY[principal.role]}`, type, principal.displayName, objectId, principal.fqn, ""];
  });
  return { columns: PRINCIPALS_COLUMNS, rows };
}

export function runManagement(command: string, cluster: KustoCluster, caller: KustoCaller): ManagementOutcome {
  const text = command.trim().replace(/;\s*$/, "");
  if (/^\.show\s+principal\s+roles$/i.test(text)) return showPrincipalRoles(cluster, caller);
  if (/^\.show\s+databases$/i.test(text)) return showDatabases(cluster, caller);
  const principals = /^\.show\s+database\s+(\[?'?"?)([\w-]+)\1?\]?\s+principals$/i.exec(text);
  if (principals) {
    const name = principals[2] as string;
    const database = findDatabase(cluster, name);
    if (!database || rolesOf(cluster, database, caller.fqn).length === 0) return { kind: "cannotRead", database: name };
    return { kind: "table", table: principalsTable(cluster, database.name) };
  }
  const change = /^\.(add|drop)\s+database\s+([\w-]+)\s+(\w+)\s*\(([^)]*)\)\s*(?:'([^']*)'|"([^"]*)")?$/i.exec(text);
  if (change) return changePrincipals(cluster, caller, change);
  return {
    kind: "badRequest",
    detail: `Syntax error: SYN0002: The sandbox does not support this management command. Supported: .show principal roles, .show databases, .show database <db> principals, .add/.drop database <db> <role> ('<principal>').`,
  };
}

function showPrincipalRoles(cluster: KustoCluster, caller: KustoCaller): ManagementOutcome {
  const rows = cluster.databases.flatMap((database) =>
    database.principals
      .filter((principal) => sameFqn(principal.fqn, caller.fqn, cluster))
      .map((principal) => [`Database ${database.name}`, principal.displayName, caller.objectId, ROLE_DISPLAY[principal.role]]),
  );
  // The command needs access to at least one database of the cluster (Kusto security-roles doc).
  if (rows.length === 0) return { kind: "forbidden", detail: `Principal '${caller.fqn}' is not authorized to perform operation 'Show principal roles' on cluster '${cluster.name}'.` };
  return {
    kind: "table",
    table: {
      columns: [
        { name: "Scope", type: "string" },
        { name: "DisplayName", type: "string" },
        { name: "AADObjectID", type: "string" },
        { name: "Role", type: "string" },
      ],
      rows,
    },
  };
}

function showDatabases(cluster: KustoCluster, caller: KustoCaller): ManagementOutcome {
  const visible = cluster.databases.filter((database) => rolesOf(cluster, database, caller.fqn).length > 0);
  return {
    kind: "table",
    table: {
      columns: [
        { name: "DatabaseName", type: "string" },
        { name: "PersistentStorage", type: "string" },
        { name: "Version", type: "string" },
        { name: "IsCurrent", type: "bool" },
        { name: "DatabaseAccessMode", type: "string" },
        { name: "PrettyName", type: "string" },
        { name: "CurrentUserIsUnrestrictedViewer", type: "bool" },
        { name: "DatabaseId", type: "guid" },
      ],
      rows: visible.map((database) => [
        database.name,
        `https://sandbox.blob.core.windows.net/${database.name.toLowerCase()}`,
        "v1.0",
        false,
        "ReadWrite",
        database.name,
        rolesOf(cluster, database, caller.fqn).includes("unrestrictedviewers"),
        database.id,
      ]),
    },
  };
}

function changePrincipals(cluster: KustoCluster, caller: KustoCaller, match: RegExpExecArray): ManagementOutcome {
  const [, verb = "", databaseName = "", roleName = "", list = "", singleNotes, doubleNotes] = match;
  const role = roleName.toLowerCase() as KustoDatabaseRole;
  if (!KUSTO_DATABASE_ROLES.includes(role)) return { kind: "badRequest", detail: `Syntax error: SYN0002: '${roleName}' is not a database role (${KUSTO_DATABASE_ROLES.join(", ")}).` };
  const fqns = [...list.matchAll(/'([^']+)'|"([^"]+)"/g)].map((item) => (item[1] ?? item[2] ?? "").trim());
  if (fqns.length === 0 || fqns.some((fqn) => !/^(aadapp|aaduser|aadgroup)=[^;]+(;[^;]+)?$/i.test(fqn))) {
    return { kind: "badRequest", detail: "Semantic error: the principal list must contain principals such as 'aadapp=<appId>;<tenantId>'." };
  }
  const database = findDatabase(cluster, databaseName);
  if (!database) return { kind: "badRequest", detail: `Entity ID '${databaseName}' of kind 'Database' was not found.` };
  if (!rolesOf(cluster, database, caller.fqn).includes("admins")) {
    return { kind: "forbidden", detail: `Principal '${caller.fqn}' is not authorized to perform operation 'Change database principals' on database '${database.name}'.` };
  }
  const notes = singleNotes ?? doubleNotes;
  const name = database.name;
  return {
    kind: "change",
    apply: (target) => {
      const db = findDatabase(target, name);
      if (!db) return;
      for (const fqn of fqns) {
        db.principals = db.principals.filter((principal) => !(principal.role === role && sameFqn(principal.fqn, fqn, target)));
        if (verb.toLowerCase() === "add") db.principals.push({ role, fqn, displayName: notes || fqn });
      }
    },
    table: (changed) => principalsTable(changed, name),
  };
}
