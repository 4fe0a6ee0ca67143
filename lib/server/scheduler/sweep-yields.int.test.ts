// A sweep gives the event loop a turn between storing a batch, announcing it, reading the pauses
// and claiming the next batch. On SQLite every statement runs synchronously, so without those
// turns the chain held the loop for tens of milliseconds per batch, and the answers of the checks
// still in flight waited behind it. (On PostgreSQL each statement waits on its socket, which turns
// the loop anyway, so this is about SQLite.)
import { describe, expect, it } from "vitest";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { useTestDb } from "@/lib/testing/test-db";
import { OrgThrottle } from "./org-throttle";
import { runSweep } from "./run-sweep";

const CONNECTORS = 40;

describe("a sweep's refill on sqlite", () => {
  const t = useTestDb("sqlite");

  it("lets the event loop run what was waiting before it reads the pauses for the next claim", async () => {
    const { db } = t.current;
    for (let i = 0; i < CONNECTORS; i++) {
      const organization = await db.organization.create({ data: { name: `turn-${i}` } });
      await db.connector.create({ data: { kind: "ado", displayName: `Turn ${i}`, authMethod: "pat", createdBy: "test", organizationId: organization.id } });
    }
    // Each check ends by queueing a turn of the event loop (as an arriving answer would); the
    // refill that follows must not read the pauses before those turns ran.
    let waiting = 0;
    const seenWaiting: number[] = [];
    class WatchedThrottle extends OrgThrottle {
      override async paused(now?: number) {
        seenWaiting.push(waiting);
        return super.paused(now);
      }
    }
    const now = new Date(Date.now() + 3_600_000);
    const report = await runSweep(db, {
      intervalMs: 60_000,
      concurrency: 1,
      throttle: new WatchedThrottle(db),
      webhookConfigured: false,
      now,
      check: async (_db, connectorId): Promise<ValidationRunDto> => {
        waiting++;
        setImmediate(() => waiting--);
        const at = new Date().toISOString();
        return { id: connectorId, connectorId, trigger: "schedule", outcome: "pass", startedAt: at, finishedAt: at, durationMs: 0, checks: [] };
      },
    });
    expect(report.checked).toBe(CONNECTORS);
    // One read of the pauses per claim: 40 connectors in claims of 8, and the last claim finds none.
    expect(seenWaiting.length).toBeGreaterThanOrEqual(CONNECTORS / 8);
    expect(seenWaiting).toEqual(seenWaiting.map(() => 0));
  });
});
