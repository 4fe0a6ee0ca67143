// The OpenAPI document tells a client how to authenticate each route: the session cookie or an
// API token for operator routes, the session alone for managing agent access, and an agent
// identity's Entra token or an API token for the token API.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./build-openapi-document";

type Operation = { security: Record<string, string[]>[]; responses: Record<string, unknown> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string }> };
};

describe("the OpenAPI document's security schemes", () => {
  const document = buildOpenApiDocument() as Document;
  const schemes = (path: string, method: string) => document.paths[path]![method]!.security.map((entry) => Object.keys(entry).join("+"));

  it("declares the cookie session, the bearer API token and the agent identity's bearer JWT", () => {
    expect(document.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie", name: "tb_session" });
    expect(document.components.securitySchemes.apiToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.components.securitySchemes.agentIdentity).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lets operator routes take a session or an API token, and agent access only a session", () => {
    expect(schemes("/api/connectors", "post")).toEqual(["session", "apiToken"]);
    expect(schemes("/api/connectors/{id}/test", "post")).toEqual(["session", "apiToken"]);
    expect(schemes("/api/api-tokens", "post")).toEqual(["session"]);
    expect(schemes("/api/agent-identities", "get")).toEqual(["session"]);
    expect(schemes("/api/health/live", "get")).toEqual([]);
  });

  it("describes the token API with the agent's schemes and its refusals", () => {
    expect(schemes("/api/agent/token", "post")).toEqual(["agentIdentity", "apiToken"]);
    expect(Object.keys(document.paths["/api/agent/token"]!.post!.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "429", "502", "503"]));
  });
});
