// The breakers a process holds stay bounded however many organizations it calls, without
// forgetting a failure counted, an open circuit or a call in flight.
import { afterEach, describe, expect, it } from "vitest";
import { settings } from "@/lib/server/settings";
import { BreakerOpenError, HELD_BREAKERS, resetUpstreamBreakers, runThroughBreaker, UnansweredCall, upstreamBreakerStates } from "./upstream-breaker";

const answer = (scope: string) => runThroughBreaker("ado", scope, async () => "answered");
const unanswered = (scope: string) => runThroughBreaker("ado", scope, async () => Promise.reject(new UnansweredCall(new Error("503")))).catch((error: unknown) => error);
const heldScopes = () => upstreamBreakerStates().map((breaker) => breaker.scope);

async function callOrganizations(count: number, prefix = "org") {
  for (let i = 0; i < count; i++) await answer(`dev.azure.com/${prefix}-${i}`);
}

describe("upstream breakers", () => {
  afterEach(() => resetUpstreamBreakers());

  it("holds at most a few hundred breakers after answered calls to 5,000 organizations", async () => {
    await callOrganizations(5000);
    const held = upstreamBreakerStates();
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThanOrEqual(HELD_BREAKERS);
    expect(held.every((breaker) => breaker.state === "closed")).toBe(true);
  });

  it("keeps counting the failures of an organization while thousands of others are called", async () => {
    const { failures } = settings().breaker;
    const troubled = "dev.azure.com/troubled";
    for (let i = 1; i < failures; i++) expect(await unanswered(troubled)).toBeInstanceOf(UnansweredCall);
    await callOrganizations(3 * HELD_BREAKERS);
    expect(heldScopes()).toContain(troubled);
    // The failure that reaches the threshold opens it: the earlier ones were not forgotten.
    expect(await unanswered(troubled)).toBeInstanceOf(UnansweredCall);
    expect(await unanswered(troubled)).toBeInstanceOf(BreakerOpenError);
    await callOrganizations(3 * HELD_BREAKERS, "later");
    expect(upstreamBreakerStates().find((breaker) => breaker.scope === troubled)).toMatchObject({ state: "open" });
  });

  it("keeps the breaker of a call still in flight", async () => {
    let finish!: () => void;
    const slow = runThroughBreaker("ado", "dev.azure.com/slow", () => new Promise<void>((resolve) => (finish = resolve)));
    await callOrganizations(3 * HELD_BREAKERS);
    expect(heldScopes()).toContain("dev.azure.com/slow");
    finish();
    await slow;
  });

  it("forgets the breakers of an outage's organizations within a few hundred calls once they answer again", async () => {
    const { failures } = settings().breaker;
    const troubled = Array.from({ length: 2 * HELD_BREAKERS + 100 }, (_, i) => `dev.azure.com/troubled-${i}`);
    for (const scope of troubled) for (let i = 1; i < failures; i++) await unanswered(scope);
    expect(upstreamBreakerStates().length).toBe(troubled.length);
    for (const scope of troubled) await answer(scope);
    await callOrganizations(HELD_BREAKERS + 50);
    expect(upstreamBreakerStates().length).toBeLessThanOrEqual(HELD_BREAKERS);
  });

  it("forgets an organization's breaker once a success has reset its count", async () => {
    const scope = "dev.azure.com/recovered";
    expect(await unanswered(scope)).toBeInstanceOf(UnansweredCall);
    await answer(scope);
    await callOrganizations(3 * HELD_BREAKERS);
    expect(heldScopes()).not.toContain(scope);
  });
});
