import "server-only";
// GET {org}/_apis/projects: the projects the caller can see (only those it is a member of).
import { z } from "zod";
import { adoGet, type AdoGetOptions, type AdoResult } from "./ado-get";

const projectsSchema = z.object({
  count: z.number(),
  value: z.array(z.object({ id: z.string(), name: z.string() })),
});

export type AdoProjectRef = { id: string; name: string };

/** The first page (up to 100); enough to prove access and to fill a picker's first screen. */
export async function listProjects(options: Omit<AdoGetOptions, "path">): Promise<AdoResult<{ projects: AdoProjectRef[]; more: boolean }>> {
  const result = await adoGet({ ...options, path: "_apis/projects?api-version=7.1&$top=100" }, (body) => projectsSchema.parse(body).value);
  if (!result.ok) return result;
  // ADO pages with a header, never in the body.
  return { ok: true, value: { projects: result.value, more: result.headers.has("x-ms-continuationtoken") }, headers: result.headers };
}
