// GET {project}/_apis/wit/classificationnodes/areas[/{path}]?$depth=n. Each node carries the
// `identifier` GUID that CSS security tokens use (vstfs:///Classification/Node/{identifier}).
// Node paths read "\Project\Area\Child", as ADO prints them.
import type { SandboxResponse } from "../../contract";
import type { AdoAreaNode, AdoOrganization, AdoProject } from "../../world/ado";
import { isResponse, visibleProject, type AdoCall } from "../call";
import { adoError, adoJson } from "../errors";
import { areaChainByPath } from "../lookup";
import { orgUrl } from "../urls";

function nodeJson(origin: string, org: AdoOrganization, project: AdoProject, chain: AdoAreaNode[], depth: number): object {
  const node = chain[chain.length - 1] as AdoAreaNode;
  const relative = chain
    .slice(1)
    .map((ancestor) => encodeURIComponent(ancestor.name))
    .join("/");
  const url = `${orgUrl(origin, org)}/${project.id}/_apis/wit/classificationNodes/Areas${relative ? `/${relative}` : ""}`;
  const path = `\\${chain[0]?.name}\\Area${
    chain.length > 1
      ? `\\${chain
          .slice(1)
          .map((ancestor) => ancestor.name)
          .join("\\")}`
      : ""
  }`;
  return {
    id: node.id,
    identifier: node.identifier,
    name: node.name,
    structureType: "area",
    hasChildren: node.children.length > 0,
    ...(depth > 0 && node.children.length > 0 ? { children: node.children.map((child) => nodeJson(origin, org, project, [...chain, child], depth - 1)) } : {}),
    path,
    _links: { self: { href: url } },
    url,
  };
}

export function getAreaNode(call: AdoCall): SandboxResponse {
  const project = visibleProject(call, call.params.project as string);
  if (isResponse(project)) return project;
  const depth = Number(call.query.get("$depth") ?? 0);
  if (!Number.isInteger(depth) || depth < 0) return adoError(400, "ArgumentException", "The value of $depth must be a non-negative integer.");
  const relativePath = call.params.path ?? "";
  const chain = areaChainByPath(project, relativePath);
  if (!chain) {
    // (from memory) ADO names the missing node in a VS402485 error.
    return adoError(404, "WorkItemTrackingTreeNodeNotFoundException", `VS402485: The node '${project.name}\\${relativePath.replace(/\//g, "\\")}' does not exist.`);
  }
  return adoJson(nodeJson(call.ctx.origin, call.org, project, chain, depth));
}
