// The OpenAPI document covers every route handler on disk: a new app/api/**/route.ts (or a new
// method in one) without an entry in api-operations.ts fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./build-openapi-document";

const apiRoot = path.resolve(import.meta.dirname, "../../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/connectors/[id]/route.ts → /api/connectors/{id}, with the methods it exports. */
function routesOnDisk(): { path: string; method: string }[] {
  return routeFiles(apiRoot).flatMap((file) => {
    const relative = path.relative(path.dirname(apiRoot), path.dirname(file)).split(path.sep).join("/");
    const openApiPath = `/${relative}`.replace(/\[\.{0,3}(\w+)\]/g, "{$1}");
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((method) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b`).test(source));
    return methods.map((method) => ({ path: openApiPath, method: method.toLowerCase() }));
  });
}

type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

describe("buildOpenApiDocument", () => {
  const document = buildOpenApiDocument() as Document;
  const onDisk = routesOnDisk();

  it("finds the route handlers on disk", () => {
    expect(onDisk.length).toBeGreaterThan(20);
    expect(onDisk).toContainEqual({ path: "/api/connectors/{id}/projects/{project}/areas", method: "get" });
  });

  it("documents every route and method on disk, and nothing that is not there", () => {
    const documented = Object.entries(document.paths).flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`));
    const expected = onDisk.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(documented.sort()).toEqual(expected.sort());
  });

  it("is OpenAPI 3.1 with strict request bodies from the zod contracts and the shared error shape", () => {
    expect(document.openapi).toBe("3.1.0");
    const createSource = document.paths["/api/sources"]!.post!;
    const body = createSource.requestBody!.content["application/json"]!.schema;
    expect(body).toMatchObject({ type: "object", additionalProperties: false, required: ["connectorId", "project", "repository", "displayName"] });
    expect(createSource.responses["422"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
    expect(document.components.schemas.Error).toMatchObject({ type: "object", properties: { error: { type: "object" } } });
    const validate = document.paths["/api/connectors/{id}/permissions"]!.post!;
    expect(validate.responses["429"]).toMatchObject({ headers: { "Retry-After": { schema: { type: "integer" } } } });
    expect(validate.responses["200"]).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/PermissionValidation" } } } });
    expect(document.components.schemas.PermissionValidation).toMatchObject({ properties: { capabilities: { items: { $ref: "#/components/schemas/CapabilityResult" } } } });
  });

  it("describes the streamed chain test: one JSON object per line, hop then result or error", () => {
    for (const route of ["/api/connectors/{id}/test", "/api/health/connectors/{id}/check"]) {
      const content = (document.paths[route]!.post!.responses["200"] as { content: Record<string, { schema: Record<string, unknown> }> }).content;
      expect(Object.keys(content)).toEqual(["application/json", "application/x-ndjson"]);
      const reference = String(content["application/x-ndjson"]!.schema.$ref).replace("#/components/schemas/", "");
      const line = JSON.stringify(document.components.schemas[reference]);
      expect(line).toContain('"$ref":"#/components/schemas/HopEvent"');
      expect(line).toContain('"$ref":"#/components/schemas/HopStreamError"');
      expect(line).toContain('"const":"result"');
    }
    expect(JSON.stringify(document.components.schemas.HopEvent)).toContain('"const":"hop"');
    expect(JSON.stringify(document.components.schemas.HopStreamError)).toContain('"const":"error"');
  });

  it("turns query contracts into query parameters and path segments into path parameters", () => {
    const areas = document.paths["/api/connectors/{id}/projects/{project}/areas"]!.get!;
    expect(areas.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(["path:id", "path:project"]);
    const check = document.paths["/api/organizations/check-name"]!.get!;
    expect(check.parameters).toContainEqual(expect.objectContaining({ in: "query", name: "name", required: true }));
  });

  it("leaves no dangling reference", () => {
    const references = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(([, name]) => name!);
    for (const name of new Set(references)) expect(document.components.schemas, name).toHaveProperty(name);
  });
});
