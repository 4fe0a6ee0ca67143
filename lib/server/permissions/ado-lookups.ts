import "server-only";
// The Azure DevOps reads permission validation needs besides lib/server/ado's: one project, one
// repository, the area tree and a security namespace's actions.
import { z } from "zod";
import { adoGet, type AdoGetOptions, type AdoResult } from "@/lib/server/ado/ado-get";

type Options = Omit<AdoGetOptions, "path">;
const segment = encodeURIComponent;

const projectSchema = z.object({ id: z.string(), name: z.string(), visibility: z.string().optional() });
export type AdoProject = z.infer<typeof projectSchema>;

export function getProject(options: Options & { project: string }): Promise<AdoResult<AdoProject>> {
  return adoGet({ ...options, path: `_apis/projects/${segment(options.project)}?api-version=7.1` }, (body) => projectSchema.parse(body));
}

const repositorySchema = z.object({
  id: z.string(),
  name: z.string(),
  defaultBranch: z.string().optional(),
  webUrl: z.string().optional(),
  isDisabled: z.boolean().optional(),
});
export type AdoRepository = z.infer<typeof repositorySchema>;

export function getRepository(options: Options & { projectId: string; repository: string }): Promise<AdoResult<AdoRepository>> {
  return adoGet({ ...options, path: `${segment(options.projectId)}/_apis/git/repositories/${segment(options.repository)}?api-version=7.1` }, (body) => repositorySchema.parse(body));
}

export function listProjectRepositories(options: Options & { project: string }): Promise<AdoResult<AdoRepository[]>> {
  return adoGet({ ...options, path: `${segment(options.project)}/_apis/git/repositories?api-version=7.1` }, (body) => z.object({ value: z.array(repositorySchema) }).parse(body).value);
}

export type AdoAreaNode = { identifier: string; name: string; children: AdoAreaNode[] };
const areaNodeSchema: z.ZodType<AdoAreaNode> = z.lazy(() => z.object({ identifier: z.string(), name: z.string(), children: z.array(areaNodeSchema).optional().default([]) })) as z.ZodType<AdoAreaNode>;

/** ADO allows 14 levels below the project, so this depth returns the whole tree. */
const AREA_DEPTH = 14;

export function getAreaTree(options: Options & { project: string }): Promise<AdoResult<AdoAreaNode>> {
  return adoGet({ ...options, path: `${segment(options.project)}/_apis/wit/classificationnodes/areas?$depth=${AREA_DEPTH}&api-version=7.1` }, (body) => areaNodeSchema.parse(body));
}

const namespaceSchema = z.object({
  value: z.array(
    z.object({
      namespaceId: z.string(),
      actions: z.array(z.object({ bit: z.number().int().positive(), name: z.string(), displayName: z.string().optional() })),
    }),
  ),
});
export type SecurityAction = { bit: number; name: string; displayName: string };

/** The actions of one security namespace by name, so bits are read from ADO rather than hard-coded. */
export async function getNamespaceActions(options: Options & { namespaceId: string }): Promise<AdoResult<Map<string, SecurityAction>>> {
  return adoGet({ ...options, path: `_apis/securitynamespaces/${segment(options.namespaceId)}?api-version=7.1` }, (body) => {
    const namespace = namespaceSchema.parse(body).value.find((candidate) => candidate.namespaceId.toLowerCase() === options.namespaceId);
    if (!namespace) throw new Error(`security namespace ${options.namespaceId} is not in the answer`);
    return new Map(namespace.actions.map((action) => [action.name, { bit: action.bit, name: action.name, displayName: action.displayName ?? action.name }]));
  });
}
