// TB_PUBLIC_URL is the portal's one origin: behind a reverse proxy Next.js builds request.url
// from its own host, and X-Forwarded-* are whatever the client (or a proxy) wrote. Writes, cookie
// flags and redirect URIs must follow TB_PUBLIC_URL and nothing a request says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { portalClient, signInAs } from "@/sandbox/testing/portal-sign-in";
import { portalEnvForSandbox } from "@/scripts/sandbox-portal-env";
import { testKey } from "@/lib/server/crypto/test-keys";
import { setDbForTests } from "@/lib/server/db/client";
import { resetSettingsForTests } from "@/lib/server/settings";
import { sessionCookie } from "@/lib/testing/sessions";
import { useTestDb } from "@/lib/testing/test-db";
import { POST as createConnector } from "./connectors/route";
import { POST as startOauth } from "./connectors/[id]/oauth/start/route";
import { POST as createSession } from "./auth/session/route";

// What Next.js hands a route handler behind a proxy: its own listening address.
const internal = "http://localhost:3000";
let sandbox: RunningSandbox;

function usePublicUrl(publicUrl: string | undefined) {
  beforeAll(() => {
    if (publicUrl) process.env.TB_PUBLIC_URL = publicUrl;
    else delete process.env.TB_PUBLIC_URL;
    resetSettingsForTests();
  });
  afterAll(() => {
    delete process.env.TB_PUBLIC_URL;
    resetSettingsForTests();
  });
}

const proxied = (path: string, body: unknown, headers: Record<string, string>) =>
  new Request(`${internal}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

async function signInResponse(extraHeaders: Record<string, string>) {
  const { result } = await signInAs(portalClient(sandbox), "admin@contoso.example", ["openid", "profile"]);
  return createSession(proxied("/api/auth/session", { idToken: result.idToken }, { cookie: "tb_signin_nonce=nonce-1", ...extraHeaders }));
}

async function startedRedirectUri(cookie: string, connectorId: string, headers: Record<string, string>) {
  const response = await startOauth(proxied(`/api/connectors/${connectorId}/oauth/start`, { mode: "sign_in" }, { cookie, ...headers }), { params: Promise.resolve({ id: connectorId }) });
  expect(response.status).toBe(200);
  const { authorizeUrl } = (await response.json()) as { authorizeUrl: string };
  return { redirectUri: new URL(authorizeUrl).searchParams.get("redirect_uri"), setCookie: response.headers.get("set-cookie") ?? "" };
}

describe("one public URL", () => {
  const t = useTestDb("sqlite");
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    Object.assign(process.env, portalEnvForSandbox(sandbox), { TB_ENCRYPTION_KEYS: testKey("k1") });
    setDbForTests(t.current.db);
  });
  afterAll(async () => sandbox?.stop());

  describe("behind an https reverse proxy (TB_PUBLIC_URL=https://portal.example)", () => {
    usePublicUrl("https://portal.example");
    const forwarded = { host: "portal.example", "x-forwarded-proto": "https", "x-forwarded-host": "portal.example" };

    it("accepts a write whose Origin is the public origin, and refuses the server's own host as an origin", async () => {
      const cookie = await sessionCookie(t.current.db, "admin", 1, "__Host-tb_session");
      const accepted = await createConnector(proxied("/api/connectors", { kind: "ado", organization: "litware", authMethod: "oauth" }, { ...forwarded, cookie, origin: "https://portal.example" }));
      expect(accepted.status).toBe(201);
      const internalOrigin = await createConnector(proxied("/api/connectors", { kind: "ado", organization: "fabrikam", authMethod: "oauth" }, { ...forwarded, cookie, origin: internal }));
      expect(internalOrigin.status).toBe(403);
    });

    it("only accepts the __Host- session cookie over https (a plain tb_session could be planted by a sibling host)", async () => {
      const plain = await sessionCookie(t.current.db, "admin");
      const response = await createConnector(
        proxied("/api/connectors", { kind: "ado", organization: "contoso", authMethod: "oauth" }, { ...forwarded, cookie: plain, origin: "https://portal.example" }),
      );
      expect(response.status).toBe(401);
    });

    it("sets the session cookie as __Host-tb_session with Secure, even when the proxy sent no X-Forwarded-Proto", async () => {
      const response = await signInResponse({});
      expect(response.status).toBe(200);
      const session = response.headers.getSetCookie().find((cookie) => cookie.includes("tb_session="));
      expect(session).toMatch(/^__Host-tb_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
    });

    it("sends Entra ID the public redirect URI, and seals the OAuth flow in a Secure cookie", async () => {
      const cookie = await sessionCookie(t.current.db, "admin", 1, "__Host-tb_session");
      const created = await createConnector(proxied("/api/connectors", { kind: "ado", organization: "northwind", authMethod: "oauth" }, { ...forwarded, cookie, origin: "https://portal.example" }));
      const { id } = (await created.json()) as { id: string };
      const started = await startedRedirectUri(cookie, id, { ...forwarded, origin: "https://portal.example" });
      expect(started.redirectUri).toBe("https://portal.example/api/oauth/callback");
      expect(started.setCookie).toMatch(/tb_oauth_flow=.*; Secure$/);
    });
  });

  describe("over plain http on localhost (the default TB_PUBLIC_URL)", () => {
    usePublicUrl(undefined);
    // A client, not a proxy, wrote these: with TB_TRUST_PROXY unset nothing reads them anyway.
    const spoofed = { host: "evil.example", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };

    it("ignores a client-sent X-Forwarded-Proto: the session cookie stays tb_session without Secure", async () => {
      const response = await signInResponse(spoofed);
      expect(response.status).toBe(200);
      const session = response.headers.getSetCookie().find((cookie) => cookie.includes("tb_session="));
      expect(session).toMatch(/^tb_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    });

    it("ignores X-Forwarded-Host and -Proto in the redirect URI and the origin check", async () => {
      const cookie = await sessionCookie(t.current.db, "admin");
      const refused = await createConnector(proxied("/api/connectors", { kind: "ado", organization: "adventureworks", authMethod: "oauth" }, { ...spoofed, cookie, origin: "https://evil.example" }));
      expect(refused.status).toBe(403);
      const created = await createConnector(proxied("/api/connectors", { kind: "ado", organization: "adventureworks", authMethod: "oauth" }, { ...spoofed, cookie, origin: "http://localhost:3000" }));
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const started = await startedRedirectUri(cookie, id, { ...spoofed, origin: "http://localhost:3000" });
      expect(started.redirectUri).toBe("http://localhost:3000/api/oauth/callback");
      expect(started.setCookie).not.toContain("Secure");
    });
  });
});
