import "server-only";
// GET {org}[/{project}]/_apis/git/repositories: the repositories the caller may read. Needs the
// Code (Read) scope for a PAT.
import { z } from "zod";
import { adoGet, type AdoGetOptions, type AdoResult } from "./ado-get";

const repositoriesSchema = z.object({
  count: z.number(),
  value: z.array(z.object({ id: z.string(), name: z.string(), project: z.object({ id: z.string(), name: z.string() }) })),
});

export type AdoRepositoryRef = { id: string; name: string; project: { id: string; name: string } };

export async function listRepositories(options: Omit<AdoGetOptions, "path"> & { project?: string }): Promise<AdoResult<AdoRepositoryRef[]>> {
  const scope = options.project ? `${encodeURIComponent(options.project)}/` : "";
  return adoGet({ ...options, path: `${scope}_apis/git/repositories?api-version=7.1` }, (body) => repositoriesSchema.parse(body).value);
}
