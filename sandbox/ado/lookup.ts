// Finding things in an organization the way ADO resolves route values: projects and
// repositories by id or by case-insensitive name, area nodes by backslash or slash path.
import type { AdoAreaNode, AdoMember, AdoOrganization, AdoProject, AdoRepository } from "../world/ado";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function findProject(org: AdoOrganization, idOrName: string): AdoProject | undefined {
  return org.projects.find((project) => same(project.id, idOrName) || same(project.name, idOrName));
}

export function findRepository(project: AdoProject, idOrName: string): AdoRepository | undefined {
  return project.repositories.find((repo) => same(repo.id, idOrName) || same(repo.name, idOrName));
}

export function findRepositoryById(org: AdoOrganization, repoId: string): { project: AdoProject; repository: AdoRepository } | undefined {
  for (const project of org.projects) {
    const repository = project.repositories.find((repo) => same(repo.id, repoId));
    if (repository) return { project, repository };
  }
  return undefined;
}

export function findMember(org: AdoOrganization, principalId: string): AdoMember | undefined {
  return org.members.find((member) => same(member.principalId, principalId));
}

/** The chain of nodes from the project's root to the node at `relativePath` ("" is the root). */
export function areaChainByPath(project: AdoProject, relativePath: string): AdoAreaNode[] | undefined {
  const names = relativePath.split(/[\\/]/).filter((name) => name.length > 0);
  const chain: AdoAreaNode[] = [project.areas];
  for (const name of names) {
    const next = chain[chain.length - 1]?.children.find((child) => same(child.name, name));
    if (!next) return undefined;
    chain.push(next);
  }
  return chain;
}

/** Resolves a System.AreaPath value such as "Payments\\Checkout" (the first element is the project). */
export function areaChainByAreaPath(project: AdoProject, areaPath: string): AdoAreaNode[] | undefined {
  const [rootName, ...rest] = areaPath.split("\\");
  if (!rootName || !same(rootName, project.areas.name)) return undefined;
  return areaChainByPath(project, rest.join("\\"));
}

/** Finds the node with this identifier in any project, with its chain from the root. */
export function areaChainByIdentifier(org: AdoOrganization, identifier: string): { project: AdoProject; chain: AdoAreaNode[] } | undefined {
  for (const project of org.projects) {
    const chain = searchChain(project.areas, identifier);
    if (chain) return { project, chain };
  }
  return undefined;
}

function searchChain(node: AdoAreaNode, identifier: string): AdoAreaNode[] | undefined {
  if (same(node.identifier, identifier)) return [node];
  for (const child of node.children) {
    const found = searchChain(child, identifier);
    if (found) return [node, ...found];
  }
  return undefined;
}

export function areaPathOf(chain: readonly AdoAreaNode[]): string {
  return chain.map((node) => node.name).join("\\");
}

/** The CSS security token of a node: each ancestor's vstfs URI joined with ':' from the root. */
export function areaSecurityToken(chain: readonly AdoAreaNode[]): string {
  return chain.map((node) => `vstfs:///Classification/Node/${node.identifier}`).join(":");
}
