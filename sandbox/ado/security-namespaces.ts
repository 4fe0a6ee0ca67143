// The Azure DevOps security namespaces the sandbox evaluates. Ids, action names and bits are
// the real ones (MicrosoftDocs azure-devops-docs namespace-reference.md and the
// vsts-rest-api-specs securityNamespaces example), so a client that reads bits from
// GET _apis/securitynamespaces/{id} instead of hard-coding them gets the same numbers here.

export const GIT_ACTIONS = [
  "Administer",
  "GenericRead",
  "GenericContribute",
  "ForcePush",
  "CreateBranch",
  "CreateTag",
  "ManageNote",
  "PolicyExempt",
  "CreateRepository",
  "DeleteRepository",
  "RenameRepository",
  "EditPolicies",
  "RemoveOthersLocks",
  "ManagePermissions",
  "PullRequestContribute",
  "PullRequestBypassPolicy",
] as const;

export const CSS_ACTIONS = ["GENERIC_READ", "GENERIC_WRITE", "CREATE_CHILDREN", "DELETE", "WORK_ITEM_READ", "WORK_ITEM_WRITE", "MANAGE_TEST_PLANS", "MANAGE_TEST_SUITES"] as const;

export type GitAction = (typeof GIT_ACTIONS)[number];
export type CssAction = (typeof CSS_ACTIONS)[number];

export type SecurityAction = { bit: number; name: string; displayName: string };

export type SecurityNamespace = {
  namespaceId: string;
  name: string;
  displayName: string;
  separatorValue: string;
  elementLength: number;
  writePermission: number;
  readPermission: number;
  dataspaceCategory: string;
  structureValue: number;
  extensionType: string | null;
  isRemotable: boolean;
  useTokenTranslator: boolean;
  systemBitMask: number;
  actions: SecurityAction[];
};

export const GIT_NAMESPACE_ID = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
export const CSS_NAMESPACE_ID = "83e28ad4-2d72-4ceb-97b0-c7726d5502c3";

const GIT_DISPLAY: Record<GitAction, string> = {
  Administer: "Administer",
  GenericRead: "Read",
  GenericContribute: "Contribute",
  ForcePush: "Force push (rewrite history, delete branches and tags)",
  CreateBranch: "Create branch",
  CreateTag: "Create tag",
  ManageNote: "Manage notes",
  PolicyExempt: "Bypass policies when pushing",
  CreateRepository: "Create repository",
  DeleteRepository: "Delete or disable repository",
  RenameRepository: "Rename repository",
  EditPolicies: "Edit policies",
  RemoveOthersLocks: "Remove others' locks",
  ManagePermissions: "Manage permissions",
  PullRequestContribute: "Contribute to pull requests",
  PullRequestBypassPolicy: "Bypass policies when completing pull requests",
};

const CSS_DISPLAY: Record<CssAction, string> = {
  GENERIC_READ: "View permissions for this node",
  GENERIC_WRITE: "Edit this node",
  CREATE_CHILDREN: "Create child nodes",
  DELETE: "Delete this node",
  WORK_ITEM_READ: "View work items in this node",
  WORK_ITEM_WRITE: "Edit work items in this node",
  MANAGE_TEST_PLANS: "Manage test plans",
  MANAGE_TEST_SUITES: "Manage test suites",
};

/** Bit of the n-th action: ADO numbers both namespaces' actions as consecutive powers of two. */
function actionsOf<A extends string>(names: readonly A[], display: Record<A, string>): SecurityAction[] {
  return names.map((name, index) => ({ bit: 1 << index, name, displayName: display[name] }));
}

export const SECURITY_NAMESPACES: SecurityNamespace[] = [
  {
    namespaceId: GIT_NAMESPACE_ID,
    name: "Git Repositories",
    displayName: "Git Repositories",
    separatorValue: "/",
    elementLength: -1,
    writePermission: 8192,
    readPermission: 2,
    dataspaceCategory: "Git",
    structureValue: 1,
    extensionType: "Microsoft.TeamFoundation.Git.Server.Plugins.GitSecurityNamespaceExtension",
    isRemotable: true,
    useTokenTranslator: true,
    systemBitMask: 0,
    actions: actionsOf(GIT_ACTIONS, GIT_DISPLAY),
  },
  {
    namespaceId: CSS_NAMESPACE_ID,
    name: "CSS",
    displayName: "Classification Nodes",
    separatorValue: ":",
    elementLength: -1,
    writePermission: 2,
    readPermission: 1,
    dataspaceCategory: "Default",
    structureValue: 1,
    extensionType: null,
    isRemotable: true,
    useTokenTranslator: true,
    systemBitMask: 0,
    actions: actionsOf(CSS_ACTIONS, CSS_DISPLAY),
  },
];

export function findNamespace(namespaceId: string): SecurityNamespace | undefined {
  const wanted = namespaceId.toLowerCase();
  return SECURITY_NAMESPACES.find((namespace) => namespace.namespaceId === wanted);
}

export function bitsOf(namespace: SecurityNamespace, names: readonly string[]): number {
  return namespace.actions.filter((action) => names.includes(action.name)).reduce((mask, action) => mask | action.bit, 0);
}

export function allBits(namespace: SecurityNamespace): number {
  return namespace.actions.reduce((mask, action) => mask | action.bit, 0);
}
