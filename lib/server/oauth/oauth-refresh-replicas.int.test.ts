// Two replicas on one PostgreSQL (two Prisma clients, each building its own msal-node clients)
// refresh the same connector at the same moment against the sandbox, which rotates the refresh
// token on every use: one refresh request per connector, both replicas get the new token, and
// nobody is told to sign in again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER } from "@/sandbox/world/default/ids";
import { admin } from "@/sandbox/testing/test-sandbox";
import { readOauthCache } from "@/lib/server/connectors/connector-secrets";
import { createDb, type Db } from "@/lib/server/db/client";
import { cacheSecrets, createAdoConnector, signInThroughSandbox, useSandboxEnvironment } from "./testing/oauth-harness";
import { getOauthAccessToken, REFRESH_BUFFER_MS } from "./get-oauth-access-token";
import { sandboxForFile, useApiTestContext } from "@/lib/testing/api-test-context";

const sandbox = sandboxForFile(useSandboxEnvironment);

const CALLS_PER_REPLICA = 3;

describe("OAuth refresh by two replicas on one PostgreSQL", () => {
  const t = useApiTestContext("postgresql");
  let second: Db;
  beforeAll(() => {
    second = createDb(t.current.database);
  });
  afterAll(async () => {
    await second?.$disconnect();
  });

  it("makes exactly one refresh request and never marks it needs_signin", async () => {
    const { db } = t.current;
    const cookie = t.cookies.admin;
    // The sign-in's token is still good when the callback shows it to Azure DevOps (however slow
    // the machine), yet within REFRESH_BUFFER_MS of its expiry, so the next use refreshes it.
    const lifetimeSeconds = REFRESH_BUFFER_MS / 1000 / 2;
    await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: lifetimeSeconds });
    const id = await createAdoConnector(db, "litware");
    expect((await signInThroughSandbox(id, cookie, USER.litwareDev.upn)).message?.outcome).toBe("connected");
    const ids = [id];
    const signedIn = new Map(await Promise.all(ids.map(async (id) => [id, cacheSecrets((await readOauthCache(db, id))!.serializedCache)] as const)));
    await admin(sandbox, "PUT", "/token-lifetimes", { accessTokenSeconds: 3599 });

    // Latency on the token endpoint keeps both replicas' refreshes in flight together; the fault
    // also counts the requests that reach the endpoint.
    await admin(sandbox, "POST", "/faults", { path: "oauth2/v2.0/token$", latencyMs: 300, times: 1000 });
    const calls = ids.flatMap((id) => Array.from({ length: CALLS_PER_REPLICA }, () => [getOauthAccessToken(db, id), getOauthAccessToken(second, id)]).flat());
    const settled = await Promise.allSettled(calls);
    const { faults } = (await (await admin(sandbox, "GET", "/faults")).json()) as { faults: { remaining: number | null }[] };
    await admin(sandbox, "DELETE", "/faults");

    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    expect(1000 - (faults[0]?.remaining ?? 1000)).toBe(ids.length);
    {
      const stored = cacheSecrets((await readOauthCache(db, id))!.serializedCache);
      expect(stored.refreshTokens).toHaveLength(1);
      expect(stored.refreshTokens[0]).not.toBe(signedIn.get(id)!.refreshTokens[0]);
      const tokens = settled.flatMap((outcome, index) => (outcome.status === "fulfilled" && ids[Math.floor(index / (2 * CALLS_PER_REPLICA))] === id ? [outcome.value.accessToken] : []));
      expect(new Set(tokens)).toEqual(new Set(stored.accessTokens));
    }
    expect(await db.connector.count({ where: { status: "needs_signin" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "connector.oauth_sign_in_lapsed" } })).toBe(0);
  });
});
