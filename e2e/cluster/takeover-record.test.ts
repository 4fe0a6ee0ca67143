// The cluster test's reading of the validation runs table after a replica was killed in mid-sweep:
// each way the scheduler could break its promise is reported, and the order the survivor may
// legitimately finish a round in is not.
import { describe, expect, it } from "vitest";
import { brokenPromises, type ScheduledRun, type TakeoverRecord } from "./takeover-record";

const S = 1000;
// Round 4 began at 100 s; the kill came at 110 s; the dead replica's lease on its claims ended at 165 s.
const base = { connectorIds: ["a", "b", "orphan"], round: 4, roundStartedAtMs: 100 * S, killedAtMs: 110 * S, minGapMs: 30 * S, orphans: [{ connectorId: "orphan", leaseEndsAtMs: 165 * S }] };
// Three rounds the test paced itself (seconds apart), then round 4: "a" and "b" before the kill, the orphan redone after the lease.
const history = (connectorId: string, ...round4: number[]): ScheduledRun[] => [10, 20, 30, ...round4].map((at) => ({ connectorId, startedAtMs: at * S }));
const record = (runs: ScheduledRun[]): TakeoverRecord => ({ ...base, runs });
const kept = [...history("a", 102), ...history("b", 104), ...history("orphan", 170)];

describe("brokenPromises", () => {
  it("finds none when the survivor redid the orphan after the lease, whatever the pace of the rounds before", () => {
    expect(brokenPromises(record(kept))).toEqual([]);
  });

  it("finds none when a connector checked early began its next round before the orphan was redone", () => {
    // The case "exactly `round` runs" failed on: "a" is due again one lease after 102 s.
    expect(brokenPromises(record([...history("a", 102, 158), ...history("b", 104), ...history("orphan", 170), { connectorId: "orphan", startedAtMs: 226 * S }]))).toEqual([]);
  });

  it("reports an orphan no one checked again", () => {
    expect(brokenPromises(record([...history("a", 102), ...history("b", 104), ...history("orphan")]))).toEqual(["orphan: 3 finished scheduled runs, round 4 needs 4 (a check was lost)"]);
  });

  it("reports any connector that missed the round", () => {
    expect(brokenPromises(record([...history("a", 102), ...history("b"), ...history("orphan", 170)]))).toEqual(["b: 3 finished scheduled runs, round 4 needs 4 (a check was lost)"]);
  });

  it("reports an orphan taken before the dead replica's lease ended", () => {
    expect(brokenPromises(record([...history("a", 102), ...history("b", 104), ...history("orphan", 140)]))).toEqual(["orphan: the survivor took it 25.0 s before the killed replica's lease ended"]);
  });

  it("reports an orphan whose check of the round started before the kill", () => {
    expect(brokenPromises(record([...history("a", 102), ...history("b", 104), ...history("orphan", 108)]))).toEqual([
      "orphan: its check of round 4 started 2.0 s before the kill, not by the survivor",
    ]);
  });

  it("reports a connector checked twice within one lease, orphan or not", () => {
    expect(brokenPromises(record([...history("a", 102, 112), ...history("b", 104), ...history("orphan", 170, 171)]))).toEqual([
      "a: two runs started 10.0 s apart, less than 30.0 s (checked twice within one lease)",
      "orphan: two runs started 1.0 s apart, less than 30.0 s (checked twice within one lease)",
    ]);
  });
});
