import { describe, expect, it } from "vitest";
import { claimBatchSize } from "./run-sweep";

describe("claimBatchSize", () => {
  it("claims eight checks per worker, so a claim's fixed statements are shared by more checks", () => {
    expect(claimBatchSize(3)).toBe(24);
    expect(claimBatchSize(8)).toBe(64);
  });
  it("keeps batches of eight at a small concurrency, so a stopped instance leaves few claims to wait out", () => {
    expect(claimBatchSize(1)).toBe(8);
    expect(claimBatchSize(2)).toBe(8);
  });
  it("stops growing at 128 until two per worker is more, so one insert of runs stays short", () => {
    expect(claimBatchSize(16)).toBe(128);
    expect(claimBatchSize(32)).toBe(128);
    expect(claimBatchSize(64)).toBe(128);
    expect(claimBatchSize(100)).toBe(200);
  });
});
