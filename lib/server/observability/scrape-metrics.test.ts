import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/errors";
import { assertScraper } from "./scrape-metrics";

const TOKEN = "a-metrics-token-for-tests";

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error("expected a refusal");
}

describe("the metrics scraper's token", () => {
  it("is not found at all when no token is configured", () => {
    expect(refusal(() => assertScraper(`Bearer ${TOKEN}`, undefined))).toBe("not_found");
  });

  it("refuses a missing, different, longer or non-bearer token", () => {
    for (const header of [null, "Bearer other-token-of-some-size", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      expect(refusal(() => assertScraper(header, TOKEN))).toBe("unauthenticated");
    }
  });

  it("accepts the configured token", () => {
    expect(() => assertScraper(`Bearer ${TOKEN}`, TOKEN)).not.toThrow();
  });
});
