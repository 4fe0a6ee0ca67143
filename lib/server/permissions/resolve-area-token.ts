import "server-only";
// Finds an area path in a project's area tree and builds its CSS security token: the chain of
// node URIs from the project's root area, colon-joined, as ADO's own ACLs are keyed
// (namespace-reference.md; a single node's URI is judged along its real chain too, but the
// chain is what ADO documents).
import type { AdoAreaNode } from "./ado-lookups";

export type ResolvedArea = { path: string; token: string; identifier: string };

const nodeUri = (identifier: string) => `vstfs:///Classification/Node/${identifier}`;

/** `areaPath` is "Payments\Ledger" (the project's root first) or a path below the root ("Ledger"). */
export function resolveAreaToken(root: AdoAreaNode, areaPath: string): ResolvedArea | null {
  const segments = areaPath.split("\\").filter(Boolean);
  const relative = segments[0]?.toLowerCase() === root.name.toLowerCase() ? segments.slice(1) : segments;
  const chain = [root];
  for (const segment of relative) {
    const next = chain[chain.length - 1]!.children.find((child) => child.name.toLowerCase() === segment.toLowerCase());
    if (!next) return null;
    chain.push(next);
  }
  return {
    path: chain.map((node) => node.name).join("\\"),
    token: chain.map((node) => nodeUri(node.identifier)).join(":"),
    identifier: chain[chain.length - 1]!.identifier,
  };
}

/** Every area path in the tree, root first ("Payments", "Payments\Checkout", …). */
export function listAreaPaths(root: AdoAreaNode): { identifier: string; path: string; name: string; depth: number }[] {
  const paths: { identifier: string; path: string; name: string; depth: number }[] = [];
  const walk = (node: AdoAreaNode, prefix: string, depth: number) => {
    const path = prefix ? `${prefix}\\${node.name}` : node.name;
    paths.push({ identifier: node.identifier, path, name: node.name, depth });
    for (const child of node.children) walk(child, path, depth + 1);
  };
  walk(root, "", 0);
  return paths;
}
