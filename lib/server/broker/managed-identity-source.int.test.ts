// The managed identity endpoint as a host sees it from this process: callers that ask for one
// identity's token for one scope at once send one request between them (the endpoint throttles a
// host's token requests), each caller still stops at its own deadline or signal, and a failed
// request is not kept. Requests are counted and slowed by the sandbox itself.
import { beforeEach, describe, expect, it } from "vitest";
import { admin } from "@/sandbox/testing/test-sandbox";
import { sandboxForFile } from "@/lib/testing/api-test-context";
import { AGENT_IDENTITY, RESOURCE } from "@/sandbox/world/default/ids";
import { countRequests, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { rejection } from "@/lib/testing/rejection";
import { decodeManagedIdentityError } from "./decode-identity-error";
import { federatedAssertion, managedIdentityToken } from "./managed-identity-source";
import { DeadlineError } from "./with-deadline";

const sandbox = sandboxForFile(usePortalEnvironment);
beforeEach(async () => {
  await admin(sandbox, "POST", "/reset");
});

const IDENTITY_PATH = "/msi/token";
const slowIdentityEndpoint = (latencyMs: number) => admin(sandbox, "POST", "/faults", { path: IDENTITY_PATH, latencyMs });

// MSAL keeps each scope's token for this process once it has one, so every case asks for a scope
// no case before it asked for.
describe("the managed identity's tokens", () => {
  it("callers that miss at once send one request per scope between them, and all get the token", async () => {
    await slowIdentityEndpoint(200);
    const requests = await countRequests(sandbox, IDENTITY_PATH);
    const ado = `${RESOURCE.azureDevOps.appId}/.default`;
    const [adoTokens, assertions] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => managedIdentityToken(AGENT_IDENTITY.clientId, ado))),
      Promise.all(Array.from({ length: 6 }, () => federatedAssertion(AGENT_IDENTITY.clientId))),
    ]);
    expect(new Set(adoTokens.map((token) => token.token)).size).toBe(1);
    expect(new Set(assertions.map((token) => token.token)).size).toBe(1);
    expect(adoTokens[0]!.token).not.toBe(assertions[0]!.token);
    expect(await requests()).toBe(2);

    // Once it has arrived, MSAL's cache serves it.
    await managedIdentityToken(AGENT_IDENTITY.clientId, ado);
    await federatedAssertion(AGENT_IDENTITY.clientId);
    expect(await requests()).toBe(2);
  });

  it("a caller whose signal aborts or whose deadline passes stops waiting; the others get the token from the one request", async () => {
    await slowIdentityEndpoint(800);
    const requests = await countRequests(sandbox, IDENTITY_PATH);
    const kusto = `${RESOURCE.kusto.uri}/.default`;
    const operator = new AbortController();
    const started = Date.now();
    const cancelled = rejection(managedIdentityToken(AGENT_IDENTITY.clientId, kusto, 20_000, operator.signal)).then((error) => ({ error, ms: Date.now() - started }));
    const hurried = rejection(managedIdentityToken(AGENT_IDENTITY.clientId, kusto, 150)).then((error) => ({ error, ms: Date.now() - started }));
    const patient = managedIdentityToken(AGENT_IDENTITY.clientId, kusto, 20_000);
    setTimeout(() => operator.abort(), 50);

    const [cancelledResult, hurriedResult, token] = await Promise.all([cancelled, hurried, patient]);
    expect(cancelledResult.error).toMatchObject({ name: "AbortError" });
    // The chain test reads a stopped wait as no answer in time, not as an identity the host lacks.
    expect(decodeManagedIdentityError(cancelledResult.error, { authorityHost: "https://login.microsoftonline.com", miClientId: AGENT_IDENTITY.clientId })).toMatchObject({
      code: "timeout",
      title: "The managed identity endpoint did not answer in time",
    });
    expect(cancelledResult.ms).toBeLessThan(600);
    expect(hurriedResult.error).toBeInstanceOf(DeadlineError);
    expect(String((hurriedResult.error as Error).message)).toContain("The managed identity endpoint did not answer");
    expect(hurriedResult.ms).toBeLessThan(600);
    expect(token.token).toMatch(/^eyJ/);
    expect(await requests()).toBe(1);
  });

  it("a caller whose signal has already aborted sends nothing", async () => {
    const requests = await countRequests(sandbox, IDENTITY_PATH);
    const error = await rejection(managedIdentityToken(AGENT_IDENTITY.clientId, "https://management.azure.com/.default", 20_000, AbortSignal.abort()));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(await requests()).toBe(0);
  });

  it("a failed request is not kept: the callers that shared it fail together, and the next caller asks again", async () => {
    const scope = "https://graph.microsoft.com/.default";
    const requests = await countRequests(sandbox, IDENTITY_PATH);
    await admin(sandbox, "POST", "/faults", { path: IDENTITY_PATH, status: 503, latencyMs: 100, times: 10 });
    const failures = await Promise.all(Array.from({ length: 5 }, () => rejection(managedIdentityToken(AGENT_IDENTITY.clientId, scope, 20_000))));
    const failedRequests = await requests();
    // One request, and the retries MSAL makes of it: not one (with retries) per caller.
    expect(failedRequests).toBeGreaterThanOrEqual(1);
    expect(failedRequests).toBeLessThan(5);
    expect(new Set(failures).size).toBe(1);

    await admin(sandbox, "DELETE", "/faults");
    const requestsAfter = await countRequests(sandbox, IDENTITY_PATH);
    const token = await managedIdentityToken(AGENT_IDENTITY.clientId, scope);
    expect(token.token).toMatch(/^eyJ/);
    expect(await requestsAfter()).toBe(1);
  });
});
