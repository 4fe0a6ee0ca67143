// Sign-in against the sandbox's Entra ID: a real ID token from the portal app's code flow,
// exchanged for a session; and the attacks the exchange must refuse.
import { generateKeyPair, SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { portalClient, signInAs } from "@/sandbox/testing/portal-sign-in";
import { TENANT } from "@/sandbox/world/default/ids";
import { portalEnvForSandbox } from "@/scripts/sandbox-portal-env";
import { setDbForTests } from "@/lib/server/db/client";
import { useTestDb } from "@/lib/testing/test-db";

let sandbox: RunningSandbox;

const post = (path: string, body: unknown, cookie: string) =>
  new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });

async function idTokenFor(upn: string, tenant: string = TENANT.contoso) {
  const { result } = await signInAs(portalClient(sandbox, tenant), upn, ["openid", "profile"]);
  return result.idToken;
}

describe("POST /api/auth/session", () => {
  const t = useTestDb("sqlite");

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // Before any module reads settings(): the portal is configured for this sandbox.
    Object.assign(process.env, portalEnvForSandbox(sandbox));
    setDbForTests(t.current.db);
  });
  afterAll(async () => sandbox?.stop());

  it("turns a real ID token with this browser's nonce into a session with the token's role", async () => {
    const { POST } = await import("./session/route");
    const { GET } = await import("../connectors/route");
    const response = await POST(post("/api/auth/session", { idToken: await idTokenFor("admin@contoso.example") }, "tb_signin_nonce=nonce-1"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: "admin@contoso.example", role: "admin" });
    const session = /tb_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    expect(session).toBeTruthy();
    const list = await GET(new Request("http://localhost/api/connectors", { headers: { cookie: `tb_session=${session}` } }));
    expect(list.status).toBe(200);
  });

  it("gives the reader role to the reader account", async () => {
    const { POST } = await import("./session/route");
    const response = await POST(post("/api/auth/session", { idToken: await idTokenFor("reader@contoso.example") }, "tb_signin_nonce=nonce-1"));
    expect(await response.json()).toMatchObject({ role: "reader" });
  });

  it("refuses a token replayed into another browser (nonce mismatch) or with no nonce cookie", async () => {
    const { POST } = await import("./session/route");
    const idToken = await idTokenFor("admin@contoso.example");
    expect((await POST(post("/api/auth/session", { idToken }, "tb_signin_nonce=another-browser"))).status).toBe(401);
    expect((await POST(post("/api/auth/session", { idToken }, ""))).status).toBe(401);
  });

  it("refuses a forged token signed with someone else's key, even with the right claims", async () => {
    const { POST } = await import("./session/route");
    const genuine = decodeJwt(await idTokenFor("admin@contoso.example"));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ ...genuine }).setProtectedHeader({ alg: "RS256", kid: "forged" }).sign(privateKey);
    const response = await POST(post("/api/auth/session", { idToken: forged }, "tb_signin_nonce=nonce-1"));
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("tb_session=");
  });

  it("refuses a token from another tenant (a Litware account is not a portal operator)", async () => {
    const { POST } = await import("./session/route");
    const idToken = await idTokenFor("dev@litware.example", "organizations");
    expect((await POST(post("/api/auth/session", { idToken }, "tb_signin_nonce=nonce-1"))).status).toBe(401);
  });

  it("answers 422 naming the field for a malformed body", async () => {
    const { POST } = await import("./session/route");
    const response = await POST(post("/api/auth/session", { idToken: 5, extra: true }, "tb_signin_nonce=nonce-1"));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(["idToken", "extra"]));
  });
});
