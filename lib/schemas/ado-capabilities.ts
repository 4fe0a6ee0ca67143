// What the agent does with its access in an Azure DevOps organization, and which permission checks
// each capability needs. Without the schema library: the wizard's review and save steps show them.
export const adoCapabilities = ["read_code", "comment", "create_work_items"] as const;
export type AdoCapability = (typeof adoCapabilities)[number];

/** Every permission check has one of these kinds; its key is `<kind>` or `<kind>:<subject>`. */
export const permissionCheckKinds = ["credential", "organization", "project", "repository-read", "pull-request-contribute", "work-item-write"] as const;
export type PermissionCheckKind = (typeof permissionCheckKinds)[number];

export const capabilityDefinitions: Record<AdoCapability, { label: string; scenario: string; needs: readonly PermissionCheckKind[] }> = {
  read_code: {
    label: "Read repository content",
    scenario: "Clone the repository into the agent's workspace and search it during investigations.",
    needs: ["credential", "organization", "project", "repository-read"],
  },
  comment: {
    label: "Comment on work items and pull requests",
    scenario: "Post findings on pull requests and work items through the Azure DevOps MCP connector.",
    needs: ["credential", "organization", "project", "pull-request-contribute", "work-item-write"],
  },
  create_work_items: {
    label: "Create work items",
    scenario: "File work items in the area path the agent is given.",
    needs: ["credential", "organization", "project", "work-item-write"],
  },
};

export const checkKindOf = (key: string): PermissionCheckKind => key.split(":", 1)[0] as PermissionCheckKind;
