// A claim leases its connectors for one interval from when it is made: a sweep that runs for a
// while claims its later batches later, and their next check moves with them. Otherwise a batch
// claimed late in a long sweep would be due again (and free for another instance to take) sooner
// than an interval after it was claimed, or even while it is still being checked.
import { describe, expect, it } from "vitest";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { JITTER_FRACTION } from "./claim-due-connectors";
import { OrgThrottle } from "./org-throttle";
import { runSweep } from "./run-sweep";

const CONNECTORS = 40;
const CHECK_MS = 150;
const INTERVAL_MS = 10_000;

for (const provider of testProviders) {
  describe(`a claim's lease on ${provider}`, () => {
    const t = useTestDb(provider);

    it("counts from when the claim was made, not from when a long sweep began", async () => {
      const { db } = t.current;
      for (let i = 0; i < CONNECTORS; i++) {
        const organization = await db.organization.create({ data: { name: `lease-${i}` } });
        await db.connector.create({ data: { kind: "ado", displayName: `Lease ${i}`, authMethod: "pat", createdBy: "test", organizationId: organization.id } });
      }
      const now = new Date(Date.now() + 3_600_000);
      const began = Date.now();
      // When each check ended, on the sweep's clock (which starts at `now`).
      const ended = new Map<string, number>();
      const report = await runSweep(db, {
        intervalMs: INTERVAL_MS,
        concurrency: 1,
        throttle: new OrgThrottle(db),
        webhookConfigured: false,
        now,
        check: async (_db, connectorId): Promise<ValidationRunDto> => {
          await new Promise((resolve) => setTimeout(resolve, CHECK_MS));
          ended.set(connectorId, now.getTime() + (Date.now() - began));
          const at = new Date().toISOString();
          return { id: connectorId, connectorId, trigger: "schedule", outcome: "pass", startedAt: at, finishedAt: at, durationMs: CHECK_MS, checks: [] };
        },
      });
      expect(report.checked).toBe(CONNECTORS);
      const sweepMs = Date.now() - began;
      expect(sweepMs, "the sweep must last well past the wait a claimed connector has in the queue").toBeGreaterThan(CONNECTORS * CHECK_MS);

      // A connector waits in the queue behind at most a claim's batch (8 at concurrency 1) and the
      // one being checked: its lease, less that wait, is still most of an interval when it ends.
      const queueWaitMs = 10 * CHECK_MS;
      const rows = await db.connector.findMany({ select: { id: true, nextCheckAt: true } });
      expect(rows).toHaveLength(CONNECTORS);
      for (const row of rows) {
        const leaseLeft = row.nextCheckAt!.getTime() - ended.get(row.id)!;
        expect(leaseLeft, `lease left on ${row.id} when its check ended, after a ${sweepMs} ms sweep`).toBeGreaterThan(INTERVAL_MS * (1 - JITTER_FRACTION) - queueWaitMs - 2000);
      }
    });
  });
}
