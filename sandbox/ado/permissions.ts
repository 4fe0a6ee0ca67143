// Permission evaluation for the Git Repositories and CSS (area path) namespaces, following
// ADO's model: built-in groups grant their default permissions at the project's root token,
// explicit ACEs sit on a token, a more specific token's entries override what is inherited,
// and at one level a Deny from any of the caller's entries beats an Allow. Stakeholder access
// cannot use Repos in a private project whatever the ACLs say. Project Collection
// Administrators and Project Administrators pass any check when the caller asks for
// `alwaysAllowAdministrators`.
import type { AdoOrganization, AdoProject, CssAce, GitAce } from "../world/ado";
import { areaChainByIdentifier, findMember, findRepository } from "./lookup";
import { CSS_NAMESPACE_ID, GIT_NAMESPACE_ID, allBits, bitsOf, findNamespace, type CssAction, type GitAction, type SecurityNamespace } from "./security-namespaces";

type Entry = { allow: number; deny: number };

const GIT_READERS: GitAction[] = ["GenericRead"];
const GIT_CONTRIBUTORS: GitAction[] = ["GenericRead", "GenericContribute", "CreateBranch", "CreateTag", "ManageNote", "PullRequestContribute"];
const CSS_READERS: CssAction[] = ["GENERIC_READ", "WORK_ITEM_READ"];
const CSS_CONTRIBUTORS: CssAction[] = ["GENERIC_READ", "WORK_ITEM_READ", "WORK_ITEM_WRITE", "MANAGE_TEST_PLANS", "MANAGE_TEST_SUITES"];

export type PermissionQuery = {
  namespaceId: string;
  token: string;
  permissions: number;
  alwaysAllowAdministrators: boolean;
};

/** Whether `principalId` holds every bit of `permissions` on `token`. Unknown namespaces or tokens answer false. */
export function hasPermission(org: AdoOrganization, principalId: string, query: PermissionQuery): boolean {
  const namespace = findNamespace(query.namespaceId);
  const member = findMember(org, principalId);
  if (!namespace || !member) return false;
  const target = resolveToken(org, namespace, query.token);
  if (!target) return false;
  if (query.alwaysAllowAdministrators && isAdministrator(org, target.project, principalId)) return true;
  let effective = effectiveAllow(target.levels, principalId, allBits(namespace));
  if (namespace.namespaceId === GIT_NAMESPACE_ID && member.accessLevel === "stakeholder" && target.project?.visibility !== "public") {
    effective = 0;
  }
  return (effective & query.permissions) === query.permissions;
}

export function isAdministrator(org: AdoOrganization, project: AdoProject | undefined, principalId: string): boolean {
  return org.collectionAdministrators.includes(principalId) || Boolean(project?.groups.projectAdministrators.includes(principalId));
}

export function isProjectMember(org: AdoOrganization, project: AdoProject, principalId: string): boolean {
  if (org.collectionAdministrators.includes(principalId)) return true;
  const { readers, contributors, projectAdministrators } = project.groups;
  return readers.includes(principalId) || contributors.includes(principalId) || projectAdministrators.includes(principalId);
}

type Level = (principalId: string) => Entry[];
type Target = { project: AdoProject | undefined; levels: Level[] };

function resolveToken(org: AdoOrganization, namespace: SecurityNamespace, token: string): Target | undefined {
  if (namespace.namespaceId === GIT_NAMESPACE_ID) return resolveGitToken(org, namespace, token);
  if (namespace.namespaceId === CSS_NAMESPACE_ID) return resolveCssToken(org, namespace, token);
  return undefined;
}

function resolveGitToken(org: AdoOrganization, namespace: SecurityNamespace, token: string): Target | undefined {
  // repoV2 | repoV2/{projectId} | repoV2/{projectId}/{repoId}[/refs/...]; branch tokens are judged at repository level.
  const [root, projectId, repoId] = token.split("/");
  if (root?.toLowerCase() !== "repov2") return undefined;
  const collectionLevel: Level = (principalId) => (org.collectionAdministrators.includes(principalId) ? [{ allow: allBits(namespace), deny: 0 }] : []);
  if (!projectId) return { project: undefined, levels: [collectionLevel] };
  const project = org.projects.find((candidate) => candidate.id.toLowerCase() === projectId.toLowerCase());
  if (!project) return undefined;
  const projectLevel: Level = (principalId) => [
    ...collectionLevel(principalId),
    ...groupEntries(project, principalId, namespace, GIT_READERS, GIT_CONTRIBUTORS),
    ...aceEntries(project.repositoryPermissions, principalId, namespace),
  ];
  if (!repoId) return { project, levels: [projectLevel] };
  const repository = findRepository(project, repoId);
  if (!repository || repository.id.toLowerCase() !== repoId.toLowerCase()) return undefined;
  return { project, levels: [projectLevel, (principalId) => aceEntries(repository.permissions, principalId, namespace)] };
}

function resolveCssToken(org: AdoOrganization, namespace: SecurityNamespace, token: string): Target | undefined {
  // Accepts the chained form from the root and, leniently, a single node's vstfs URI: either way
  // the node is found by its identifier and judged along its real chain of ancestors.
  const identifiers = [...token.matchAll(/vstfs:\/\/\/Classification\/Node\/([0-9a-fA-F-]{36})/g)].map((match) => match[1] as string);
  const last = identifiers[identifiers.length - 1];
  if (!last) return undefined;
  const found = areaChainByIdentifier(org, last);
  if (!found) return undefined;
  const { project, chain } = found;
  const levels: Level[] = chain.map((node, depth) => (principalId: string) => [
    ...(depth === 0
      ? [...(org.collectionAdministrators.includes(principalId) ? [{ allow: allBits(namespace), deny: 0 }] : []), ...groupEntries(project, principalId, namespace, CSS_READERS, CSS_CONTRIBUTORS)]
      : []),
    ...aceEntries(node.permissions, principalId, namespace),
  ]);
  return { project, levels };
}

function groupEntries(project: AdoProject, principalId: string, namespace: SecurityNamespace, readers: string[], contributors: string[]): Entry[] {
  const entries: Entry[] = [];
  if (project.groups.readers.includes(principalId)) entries.push({ allow: bitsOf(namespace, readers), deny: 0 });
  if (project.groups.contributors.includes(principalId)) entries.push({ allow: bitsOf(namespace, contributors), deny: 0 });
  if (project.groups.projectAdministrators.includes(principalId)) entries.push({ allow: allBits(namespace), deny: 0 });
  return entries;
}

function aceEntries(aces: readonly (GitAce | CssAce)[], principalId: string, namespace: SecurityNamespace): Entry[] {
  return aces.filter((ace) => ace.principalId.toLowerCase() === principalId.toLowerCase()).map((ace) => ({ allow: bitsOf(namespace, ace.allow), deny: bitsOf(namespace, ace.deny) }));
}

/** For each bit, the most specific level that says anything decides; within a level Deny wins. */
function effectiveAllow(levels: readonly Level[], principalId: string, mask: number): number {
  let allowed = 0;
  let decided = 0;
  for (let index = levels.length - 1; index >= 0; index--) {
    const entries = (levels[index] as Level)(principalId);
    const deny = entries.reduce((bits, entry) => bits | entry.deny, 0) & ~decided;
    const allow = entries.reduce((bits, entry) => bits | entry.allow, 0) & ~decided & ~deny;
    allowed |= allow;
    decided |= allow | deny;
  }
  return allowed & mask;
}

/** Convenience for handlers: does the caller hold these Git actions on a repository? */
export function canOnRepository(org: AdoOrganization, principalId: string, project: AdoProject, repoId: string, actions: GitAction[]): boolean {
  const namespace = findNamespace(GIT_NAMESPACE_ID) as SecurityNamespace;
  return hasPermission(org, principalId, {
    namespaceId: GIT_NAMESPACE_ID,
    token: `repoV2/${project.id}/${repoId}`,
    permissions: bitsOf(namespace, actions),
    alwaysAllowAdministrators: false,
  });
}

/** Does the caller hold these CSS actions on an area node (given by identifier)? */
export function canOnArea(org: AdoOrganization, principalId: string, nodeIdentifier: string, actions: CssAction[]): boolean {
  const namespace = findNamespace(CSS_NAMESPACE_ID) as SecurityNamespace;
  return hasPermission(org, principalId, {
    namespaceId: CSS_NAMESPACE_ID,
    token: `vstfs:///Classification/Node/${nodeIdentifier}`,
    permissions: bitsOf(namespace, actions),
    alwaysAllowAdministrators: false,
  });
}
