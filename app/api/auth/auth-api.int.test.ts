// Sign-in against the sandbox's Entra ID: a real ID token from the portal app's code flow,
// exchanged for a session; and the attacks the exchange must refuse.
import { generateKeyPair, SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { portalClient, signInAs } from "@/sandbox/testing/portal-sign-in";
import { TENANT } from "@/sandbox/world/default/ids";
import { portalEnvForSandbox } from "@/scripts/sandbox-portal-env";
import { setDbForTests } from "@/lib/server/db/client";
import { useTestDb } from "@/lib/testing/test-db";
import { sessionCookie } from "@/lib/testing/sessions";
import { resetSecurityEventLimitsForTests } from "@/lib/server/auth/security-events";
import { resetSettingsForTests } from "@/lib/server/settings";

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

  describe("failed sign-ins, sign-outs and refusals are recorded", () => {
    /** Everything the portal writes to stdout and stderr while `action` runs. */
    async function logOutput(action: () => Promise<void>): Promise<string> {
      const chunks: string[] = [];
      const capture = (chunk: unknown) => {
        chunks.push(String(chunk));
        return true;
      };
      const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
      const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
      try {
        await action();
      } finally {
        out.mockRestore();
        err.mockRestore();
      }
      return chunks.join("");
    }
    const lines = (output: string, message: string) =>
      output
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.message === message);

    beforeEach(async () => {
      resetSecurityEventLimitsForTests();
      await t.current.db.auditEvent.deleteMany();
    });

    it("audits and logs a refused sign-in without the token, and does not let a flood through", async () => {
      const { POST } = await import("./session/route");
      const idToken = await idTokenFor("admin@contoso.example");
      const output = await logOutput(async () => {
        expect((await POST(post("/api/auth/session", { idToken }, "tb_signin_nonce=another-browser"))).status).toBe(401);
        for (let attempt = 0; attempt < 30; attempt += 1) await POST(post("/api/auth/session", { idToken }, ""));
      });
      const [signature] = idToken.split(".").slice(2);
      expect(output).not.toContain(idToken);
      expect(output).not.toContain(signature);
      const refused = lines(output, "operator sign-in refused");
      expect(refused[0]).toMatchObject({ level: "warn", reason: "unauthenticated", method: "POST", path: "/api/auth/session" });
      // 31 attempts from one client: 10 are written, the rest only counted.
      expect(refused).toHaveLength(10);
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "operator.sign_in_failed" }, orderBy: { at: "asc" } });
      expect(audit).toHaveLength(10);
      expect(audit[0]).toMatchObject({ actorId: "unknown", targetType: "settings" });
      expect(audit[0]?.summary).toContain("does not belong to this browser session");
      expect(JSON.stringify(audit)).not.toContain(signature);
    });

    it("with TB_TRUST_PROXY=1 limits per client address, taken from the proxy's entry and not the client's", async () => {
      const { POST } = await import("./session/route");
      process.env.TB_TRUST_PROXY = "1";
      resetSettingsForTests();
      try {
        const from = (chain: string) =>
          new Request("http://localhost/api/auth/session", {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": chain },
            body: JSON.stringify({ idToken: "x".repeat(40) }),
          });
        const output = await logOutput(async () => {
          // The attacker writes a fresh address of its own each time; the proxy appends the real one.
          for (let attempt = 0; attempt < 12; attempt += 1) await POST(from(`198.51.100.${attempt}, 203.0.113.7`));
          for (let attempt = 0; attempt < 3; attempt += 1) await POST(from("203.0.113.8"));
        });
        const refused = lines(output, "operator sign-in refused");
        expect(refused.filter((line) => line.clientAddress === "203.0.113.7")).toHaveLength(10);
        expect(refused.filter((line) => line.clientAddress === "203.0.113.8")).toHaveLength(3);
        expect(output).not.toContain("198.51.100.");
      } finally {
        delete process.env.TB_TRUST_PROXY;
        resetSettingsForTests();
      }
    });

    it("records a sign-out in the audit log, with who signed out", async () => {
      const { POST: signOut } = await import("./sign-out/route");
      const cookie = await sessionCookie(t.current.db, "reader");
      expect((await signOut(post("/api/auth/sign-out", {}, cookie))).status).toBe(204);
      const audit = await t.current.db.auditEvent.findMany({ where: { action: "operator.signed_out" } });
      expect(audit).toEqual([expect.objectContaining({ actorId: "reader-oid", summary: "reader@contoso.example signed out" })]);
      // Signing out without a session records nothing.
      await signOut(post("/api/auth/sign-out", {}, ""));
      expect(await t.current.db.auditEvent.count({ where: { action: "operator.signed_out" } })).toBe(1);
    });

    it("logs authorization refusals (no session, a reader writing) without the session cookie", async () => {
      const { POST: create } = await import("../connectors/route");
      const reader = await sessionCookie(t.current.db, "reader");
      const output = await logOutput(async () => {
        expect((await create(post("/api/connectors", { kind: "ado", organization: "litware", authMethod: "pat" }, reader))).status).toBe(403);
        expect((await create(post("/api/connectors", { kind: "ado", organization: "litware", authMethod: "pat" }, ""))).status).toBe(401);
      });
      const refused = lines(output, "request refused");
      expect(refused).toEqual([
        expect.objectContaining({ code: "forbidden", operatorId: "reader-oid", permission: "connectors.write", path: "/api/connectors" }),
        expect.objectContaining({ code: "unauthenticated", permission: "connectors.write" }),
      ]);
      expect(output).not.toContain(reader.split("=")[1]);
    });
  });
});
