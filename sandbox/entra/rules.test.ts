// Pure Entra rules the sandbox implements: redirect URI matching, scope parsing, picker ids,
// issuer aliases.
import { describe, expect, it } from "vitest";
import { defaultWorld } from "../world/default";
import { RESOURCE, TENANT } from "../world/default/ids";
import { authorityIssuer, normaliseIssuer, tenantOfSandboxIssuer } from "../world/issuer";
import { pickerTileId } from "./pages";
import { redirectUriMatches } from "./redirect-uris";
import { parseScopes, resolveResource } from "./resources";

const origin = "https://localhost:8443";

describe("redirect URI matching", () => {
  it("ignores the port of http loopback URIs only", () => {
    expect(redirectUriMatches("http://localhost/auth/redirect", "http://localhost:3000/auth/redirect")).toBe(true);
    expect(redirectUriMatches("http://127.0.0.1/cb", "http://127.0.0.1:5000/cb")).toBe(true);
    expect(redirectUriMatches("http://localhost/auth/redirect", "http://localhost:3000/auth/redirect/")).toBe(false);
    expect(redirectUriMatches("https://app.example/cb", "https://app.example:8443/cb")).toBe(false);
    expect(redirectUriMatches("http://localhost/cb", "https://localhost:3000/cb")).toBe(false);
  });
});

describe("scopes", () => {
  it("splits OIDC scopes, resource scopes and bare Graph permissions", () => {
    expect(parseScopes("openid profile offline_access User.Read")).toEqual({
      oidc: ["openid", "profile", "offline_access"],
      resourceScopes: [{ resource: RESOURCE.graph.uri, permission: "User.Read", raw: "User.Read" }],
    });
    expect(parseScopes(`${RESOURCE.azureDevOps.appId}/.default`).resourceScopes[0]).toMatchObject({ resource: RESOURCE.azureDevOps.appId, permission: ".default" });
    expect(parseScopes("https://management.azure.com//.default").resourceScopes[0]).toMatchObject({ resource: "https://management.azure.com/", permission: ".default" });
  });

  it("resolves first-party resources, sandbox Kusto clusters and app registrations", () => {
    const world = defaultWorld();
    expect(resolveResource(world, origin, RESOURCE.azureDevOps.appId)).toMatchObject({ audience: RESOURCE.azureDevOps.appId });
    expect(resolveResource(world, origin, `${origin}/kusto/litware`)).toMatchObject({ appId: RESOURCE.kusto.appId, audience: `${origin}/kusto/litware` });
    expect(resolveResource(world, origin, "https://help.westeurope.kusto.windows.net")).toMatchObject({ appId: RESOURCE.kusto.appId });
    // v2.0 tokens name the resource by app id; v1.0 tokens as it was asked for.
    expect(resolveResource(world, origin, "api://AzureADTokenExchange")).toMatchObject({ audience: "fb60f99c-7a34-4190-8149-302f77469936", tokenVersion: 2 });
    expect(resolveResource(world, origin, "https://management.azure.com/")).toMatchObject({ audience: "https://management.azure.com/", tokenVersion: 1 });
    expect(resolveResource(world, origin, "https://unknown.example")).toBeNull();
  });
});

describe("account picker tiles", () => {
  it("derive a stable id from the UPN", () => {
    expect(pickerTileId("admin@contoso.example")).toBe("pick-admin-contoso");
    expect(pickerTileId("first.last@litware.example")).toBe("pick-first-last-litware");
  });
});

describe("issuers", () => {
  it("treat the placeholder and the production host as the sandbox origin", () => {
    const sandboxForm = `${origin}/${TENANT.contoso}/v2.0`;
    expect(normaliseIssuer(authorityIssuer(TENANT.contoso), origin)).toBe(sandboxForm);
    expect(normaliseIssuer(`https://login.microsoftonline.com/${TENANT.contoso}/v2.0`, origin)).toBe(sandboxForm);
    expect(normaliseIssuer(`https://login.microsoftonline.com/${TENANT.contoso}/v2.0 `, origin)).not.toBe(sandboxForm);
    expect(tenantOfSandboxIssuer(sandboxForm, origin)).toBe(TENANT.contoso);
    expect(tenantOfSandboxIssuer(`https://sts.windows.net/${TENANT.contoso}/`, origin)).toBeNull();
  });
});
