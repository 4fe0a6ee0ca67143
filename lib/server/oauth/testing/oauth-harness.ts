// Test helpers for the OAuth connector flow: a sandbox-configured environment, connectors, and
// a browser-less sign-in that drives the sandbox's real authorize pages and then calls the
// portal's own route handlers, exactly as the popup would.
import type { RunningSandbox } from "@/sandbox/server";
import { openAuthorize, pickAccount } from "@/sandbox/testing/drive-picker";
import type { OauthResultMessage } from "@/lib/schemas/connector-oauth";
import type { Db } from "@/lib/server/db/client";
import { portalEnvForSandbox } from "@/scripts/sandbox-portal-env";
import { testKey } from "@/lib/server/crypto/test-keys";
import { GET as callbackRoute } from "@/app/api/oauth/callback/route";
import { POST as startRoute } from "@/app/api/connectors/[id]/oauth/start/route";

export const PORTAL_ORIGIN = "http://localhost:3000";

/** Must run before anything reads settings(): the portal talks to this sandbox. */
export function useSandboxEnvironment(sandbox: RunningSandbox): void {
  Object.assign(process.env, portalEnvForSandbox(sandbox), { TB_ENCRYPTION_KEYS: testKey("k1") });
}

export async function createAdoConnector(db: Db, organization: string, authMethod: "oauth" | "pat" = "oauth"): Promise<string> {
  const org = await db.organization.upsert({ where: { name: organization }, create: { name: organization }, update: {} });
  const row = await db.connector.create({
    data: { kind: "ado", displayName: organization, authMethod, createdBy: "admin-oid", organizationId: org.id },
    select: { id: true },
  });
  return row.id;
}

export type PopupOutcome = { flowId: string; html: string; message: OauthResultMessage | null; status: number; setCookie: string | null };

export function messageOf(html: string): OauthResultMessage | null {
  const match = /var message = (\{.*?\});\n/s.exec(html);
  return match ? (JSON.parse(match[1]!) as OauthResultMessage) : null;
}

export async function startSignIn(connectorId: string, cookie: string, mode: "sign_in" | "sign_in_again" | "different_account" = "sign_in") {
  const response = await startRoute(
    new Request(`${PORTAL_ORIGIN}/api/connectors/${connectorId}/oauth/start`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: PORTAL_ORIGIN },
      body: JSON.stringify({ mode }),
    }),
    { params: Promise.resolve({ id: connectorId }) },
  );
  return response;
}

/** Start → authorize page → pick `upn`: where Entra sends the popup back, and the cookies it carries. */
export async function authorizeThroughSandbox(connectorId: string, cookie: string, upn: string, mode: "sign_in" | "sign_in_again" | "different_account" = "sign_in") {
  const start = await startSignIn(connectorId, cookie, mode);
  if (start.status !== 200) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const { authorizeUrl, flowId } = (await start.json()) as { authorizeUrl: string; flowId: string };
  const flowCookie = /tb_oauth_flow=[^;]+/.exec(start.headers.get("set-cookie") ?? "")?.[0];
  if (!flowCookie) throw new Error("start set no flow cookie");
  const first = await openAuthorize(authorizeUrl);
  const next = first.kind === "redirect" ? first : await pickAccount(authorizeUrl, first.html, upn);
  if (next.kind !== "redirect") throw new Error(`the sandbox did not redirect: ${next.status} ${next.html.slice(0, 300)}`);
  return { location: next.location, cookie: `${cookie}; ${flowCookie}`, flowId };
}

/**
 * Start → authorize page → pick `upn` → callback, with the session cookie of `cookie`, and the
 * sign-in must have connected: otherwise this throws with what the popup said (its status, the
 * problem's title, cause and fix), so a test fails where the sign-in failed and with its reason,
 * not later as "nobody has signed in". A test that expects a refusal calls attemptSignInThroughSandbox.
 */
export async function signInThroughSandbox(connectorId: string, cookie: string, upn: string, mode: "sign_in" | "sign_in_again" | "different_account" = "sign_in"): Promise<PopupOutcome> {
  const outcome = await attemptSignInThroughSandbox(connectorId, cookie, upn, mode);
  if (outcome.status !== 200 || outcome.message?.outcome !== "connected") throw new Error(`The sign-in of ${upn} did not connect: ${describeOutcome(outcome)}`);
  return outcome;
}

/** The same sign-in, returning the popup's outcome whatever it is (for tests that expect a refusal). */
export async function attemptSignInThroughSandbox(connectorId: string, cookie: string, upn: string, mode: "sign_in" | "sign_in_again" | "different_account" = "sign_in"): Promise<PopupOutcome> {
  const back = await authorizeThroughSandbox(connectorId, cookie, upn, mode);
  return callback(back.location, back.cookie, back.flowId);
}

/** What the popup told the operator, in one line: its status and the message it posts, or its text when it posts none. */
export function describeOutcome(outcome: PopupOutcome): string {
  if (outcome.message) return `popup answered ${outcome.status} with ${JSON.stringify(outcome.message)}`;
  const text = outcome.html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return `popup answered ${outcome.status} and posted nothing: ${text.slice(0, 1000)}`;
}

export async function callback(location: string, cookie: string, flowId = ""): Promise<PopupOutcome> {
  const response = await callbackRoute(new Request(location, { headers: { cookie } }));
  const html = await response.text();
  return { flowId, html, message: messageOf(html), status: response.status, setCookie: response.headers.get("set-cookie") };
}

/**
 * Secrets inside a serialized MSAL cache, to prove they never leak: the Azure DevOps access
 * tokens, every other access token (Graph, for the tenant's name) and the refresh tokens.
 */
export function cacheSecrets(serializedCache: string): { accessTokens: string[]; otherAccessTokens: string[]; refreshTokens: string[] } {
  type Entry = { secret?: string; target?: string };
  const cache = JSON.parse(serializedCache) as Record<string, Record<string, Entry>>;
  const entries = (section: string) => Object.values(cache[section] ?? {}).filter((entry) => entry.secret);
  const isAdo = (entry: Entry) => (entry.target ?? "").includes("499b84ac-1321-427f-aa17-267ca6975798");
  return {
    accessTokens: entries("AccessToken")
      .filter(isAdo)
      .map((entry) => entry.secret!),
    otherAccessTokens: entries("AccessToken")
      .filter((entry) => !isAdo(entry))
      .map((entry) => entry.secret!),
    refreshTokens: entries("RefreshToken").map((entry) => entry.secret!),
  };
}
