import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { CHAIN_TESTS_PER_MINUTE, resetChainTestRateLimit, takeChainTestSlot } from "./chain-test-rate-limit";

describe("takeChainTestSlot", () => {
  beforeEach(resetChainTestRateLimit);

  it("allows a few tests a minute per connector, then says how long to wait", () => {
    for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) takeChainTestSlot("c1", 1_000 + i * 1000);
    let refused: unknown;
    try {
      takeChainTestSlot("c1", 10_000);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", retryAfterSeconds: 51 });
    takeChainTestSlot("c2", 10_000);
    takeChainTestSlot("c1", 61_001);
  });
});
