import "server-only";
// What the target tenant's admin must grant the app's service principal once it exists there
// (after admin consent). Azure DevOps: organization user with Basic access, then project and
// repository permissions. Kusto: the viewer role on the database.
import type { FicTarget, TargetGrantDto } from "@/lib/schemas/fic";
import { azureGrants } from "./azure-grants";

/** Kusto entity names that are not plain identifiers need the ['…'] form. */
function kustoName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/'/g, "\\'")}']`;
}

export function kustoViewerCommand(database: string, appClientId: string, targetTenantId: string): string {
  // The tenant-qualified principal names the app's service principal in the target tenant.
  return `.add database ${kustoName(database)} viewers ('aadapp=${appClientId};${targetTenantId}') 'TenantBridge agent'`;
}

export function targetGrants(adoBaseUrl: string, target: FicTarget, appClientId: string, targetTenantId: string): TargetGrantDto[] {
  if (target.kind === "azure") return azureGrants(target, appClientId, targetTenantId);
  if (target.kind === "kusto") {
    return [
      {
        title: "Viewer on the database",
        detail: `A database admin runs this in ${target.database} (Azure Data Explorer web UI or Kusto Explorer). Viewers can read tables; nothing more is needed for queries.`,
        command: kustoViewerCommand(target.database, appClientId, targetTenantId),
        href: null,
      },
    ];
  }
  const org = `${adoBaseUrl}/${encodeURIComponent(target.organization)}`;
  const who = `the service principal of app ${appClientId}`;
  return [
    {
      title: "Add the app to the organization with Basic access",
      detail: `Organization settings → Users → Add users: search for ${who} (by the app's name or client id) and choose access level Basic. Without it every call fails with TF401444.`,
      command: null,
      href: `${org}/_settings/users`,
    },
    {
      title: "Readers on the project",
      detail: `Project settings → Permissions → Readers → Members → Add ${who}. Without it the project is invisible (VS800075) and no repositories are found.`,
      command: null,
      href: org,
    },
    {
      title: "Contribute to pull requests",
      detail: `Project settings → Repositories → Security → ${who}: set “Contribute to pull requests” to Allow, on all repositories or on each one the agent works on.`,
      command: null,
      href: null,
    },
    {
      title: "Edit work items in the area path",
      detail: `Project settings → Boards → Project configuration → Areas → the area path → Security → ${who}: set “Edit work items in this node” to Allow.`,
      command: null,
      href: null,
    },
  ];
}
