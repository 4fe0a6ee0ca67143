// The outbound layer's own HTTP client (undici's request on a kept-alive pool): HTTPS to the
// sandbox trusting its CA from NODE_EXTRA_CA_CERTS, one TLS connection for many calls, and what a
// caller is told when nobody listens or nobody answers.
import { createServer, type Server } from "node:net";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { TENANT } from "@/sandbox/world/default/ids";
import { usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { freePort } from "@/lib/testing/postgres-cluster";
import { outboundFetch, UpstreamError } from "./outbound-fetch";

let sandbox: RunningSandbox;
let silent: Server;
let silentPort: number;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  usePortalEnvironment(sandbox);
  // Accepts connections and never answers.
  silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as { port: number }).port;
});
afterAll(async () => {
  silent?.close();
  await sandbox?.stop();
});

describe("outboundFetch", () => {
  it("answers over HTTPS trusting the sandbox's CA, ten calls on at most two TLS connections", async () => {
    const host = new URL(sandbox.origin).host;
    let opened = 0;
    const onConnected = (message: unknown) => {
      const { connectParams } = message as { connectParams: { host: string } };
      if (connectParams.host === host) opened++;
    };
    subscribe("undici:client:connected", onConnected);
    try {
      for (let i = 0; i < 10; i++) {
        const response = await outboundFetch(`${sandbox.origin}/${TENANT.litware}/v2.0/.well-known/openid-configuration`, { service: "entra" });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toMatch(/application\/json/);
        expect(((await response.json()) as { issuer: string }).issuer).toContain(TENANT.litware);
      }
    } finally {
      unsubscribe("undici:client:connected", onConnected);
    }
    // The second call can leave before the pool has taken the first one's connection back; from
    // then on every call reuses a connection.
    expect(opened).toBeGreaterThan(0);
    expect(opened).toBeLessThanOrEqual(2);
  });

  it("hands back the upstream's error status and body as they came", async () => {
    const response = await outboundFetch(`${sandbox.origin}/ado/fabrikam/_apis/projects`, { service: "ado", headers: { authorization: "Basic bm90LWEtcGF0", "x-tfs-fedauthredirect": "Suppress" } });
    expect(response.status).toBe(401);
    expect(response.ok).toBe(false);
  });

  it("says a port nobody listens on could not be reached, and what to check", async () => {
    const port = await freePort();
    const call = outboundFetch(`http://127.0.0.1:${port}/metadata/identity/oauth2/token`, { service: "managed_identity", maxAttempts: 1 });
    await expect(call).rejects.toBeInstanceOf(UpstreamError);
    await expect(call).rejects.toMatchObject({
      reason: "unreachable",
      message: expect.stringMatching(/could not be reached \(connect ECONNREFUSED/),
      hint: expect.stringMatching(/reachable from the portal/),
    });
  });

  it("gives up on an attempt nobody answers at its timeout, and at the caller's deadline", async () => {
    const url = `http://127.0.0.1:${silentPort}/metadata/identity/oauth2/token`;
    await expect(outboundFetch(url, { service: "managed_identity", timeoutMs: 300, maxAttempts: 1 })).rejects.toMatchObject({
      reason: "timeout",
      message: expect.stringMatching(/did not answer within 1 s \(GET 127\.0\.0\.1:\d+\/metadata/),
    });
    await expect(outboundFetch(url, { service: "managed_identity", maxAttempts: 1, signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ reason: "timeout" });
  });
});
