// Every handler under app/api, found on the file system (not from a hand-kept list) and paired
// with its operation in the OpenAPI list, so a new route is fuzzed the day it is added.
import { readdirSync } from "node:fs";
import path from "node:path";
import { apiOperations, type ApiOperation, type HttpMethod } from "@/lib/server/openapi/api-operations";

export type RouteHandler = (request: Request, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type ApiRoute = {
  /** OpenAPI form: /api/connectors/{id}/projects/{project}/areas */
  path: string;
  method: HttpMethod;
  /** Dynamic segments in order: ["id", "project"]. */
  params: string[];
  handler: RouteHandler;
  operation: ApiOperation;
};

const apiRoot = path.resolve(import.meta.dirname, "../../app/api");
const methods: HttpMethod[] = ["get", "post", "put", "patch", "delete"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

export async function loadApiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  for (const file of routeFiles(apiRoot).sort()) {
    const segments = path.relative(apiRoot, path.dirname(file)).split(path.sep).filter(Boolean);
    const openApiPath = `/api${segments.map((segment) => `/${segment.replace(/^\[(.+)\]$/, "{$1}")}`).join("")}`;
    const params = segments.filter((segment) => segment.startsWith("[")).map((segment) => segment.slice(1, -1));
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const method of methods) {
      const handler = exports[method.toUpperCase()];
      if (typeof handler !== "function") continue;
      const operation = apiOperations.find((candidate) => candidate.method === method && candidate.path === openApiPath);
      if (!operation) throw new Error(`${method.toUpperCase()} ${openApiPath} has no entry in lib/server/openapi/api-operations.ts`);
      routes.push({ path: openApiPath, method, params, handler: handler as RouteHandler, operation });
    }
  }
  return routes;
}
