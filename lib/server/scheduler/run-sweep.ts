import "server-only";
// One round of scheduled re-validation in this process: claim due connectors a small batch at a
// time (so instances sharing the database split the work), run each one's scheduled plan with
// bounded concurrency, back off from an organization that throttles, store the finished runs a
// batch at a time (one transaction for their runs, checks and statuses) and announce status
// changes. See lib/server/pipeline/plan.ts for what one check does (and why MI + FIC connectors
// take their token from the broker); OAuth sign-ins are refreshed on this schedule.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { recordCheck, recordSweep } from "@/lib/server/observability/metrics";
import { announceChanges } from "@/lib/server/alerts/announce-changes";
import { checkConnector } from "@/lib/server/pipeline/run-check";
import { recordRuns, type RunRecord } from "@/lib/server/pipeline/record-runs";
import { sourceRevalidation, type RevalidationReport } from "@/lib/server/sources/revalidate-sources";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { claimDueConnectors, type ClaimedConnector } from "./claim-due-connectors";
import { OrgThrottle, throttledFor } from "./org-throttle";

export type CheckConnector = (db: Db, connectorId: string) => Promise<ValidationRunDto>;

export type SweepOptions = {
  intervalMs: number;
  concurrency: number;
  throttle: OrgThrottle;
  webhookConfigured: boolean;
  /** The scheduler's clock; tests move it a round at a time. */
  now?: Date;
  /** A check that stores its own run, instead of the pipeline's scheduled plan stored a batch at a time. */
  check?: CheckConnector;
  /** Told each connector this sweep checked (benchmarks count who checked what). */
  onChecked?: (connectorId: string) => void;
  /** Called after each alert event is stored (the dispatcher's kick). */
  onAlert?: (eventId: string) => void;
  shouldStop?: () => boolean;
  /** Re-checks a connector's knowledge sources after its own check passed (lib/server/sources/revalidate-sources.ts). */
  revalidateSources?: (connectorId: string) => Promise<RevalidationReport | null>;
};

/**
 * How many connectors one claim takes. A claim and the store and announcement that go with it cost
 * about a dozen statements whatever the batch holds, so a claim takes eight checks per worker;
 * past 128 a batch's one insert of runs would hold the event loop for tens of milliseconds, so
 * larger ones grow only with the concurrency (two per worker). One or two workers (a small
 * instance) keep batches of eight: a stopped instance leaves fewer claims to wait out their lease.
 */
export const claimBatchSize = (concurrency: number) => (concurrency <= 2 ? 8 : Math.max(Math.min(concurrency * 8, 128), concurrency * 2));

export type SweepReport = { checked: number; failed: number; errors: number; throttled: number; alerts: number; ms: number };

export async function runSweep(db: Db, options: SweepOptions): Promise<SweepReport> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const revalidate = options.revalidateSources ?? sourceRevalidation(db, { webhookConfigured: options.webhookConfigured });
  const report: SweepReport = { checked: 0, failed: 0, errors: 0, throttled: 0, alerts: 0, ms: 0 };
  const queue: ClaimedConnector[] = [];
  // Checked since the last announcement: announced together, a batch at a time.
  let checked: string[] = [];
  let exhausted = false;
  let refilling: Promise<void> | null = null;
  // The pauses as of the last claim (every replica's), plus the ones this sweep made since.
  let paused = new Map<string, number>();
  let maxLagMs = 0;

  // Checked but not stored yet: stored together, in one transaction, before each announcement.
  let pending: RunRecord[] = [];
  let writing: Promise<void> = Promise.resolve();
  const store = () =>
    (writing = writing.then(async () => {
      const batch = pending;
      pending = [];
      if (batch.length === 0) return;
      try {
        const stored = await recordRuns(db, batch);
        // A connector deleted while it was checked has no run, and nothing to announce.
        batch.forEach((record, index) => (stored[index] ? checked.push(record.connector.id) : report.errors++));
      } catch (error) {
        report.errors += batch.length;
        log.warn("scheduled checks could not be stored", { connectors: batch.length, error });
      }
    }));

  // Storing a batch, announcing it, reading the pauses and claiming the next batch each give the
  // event loop a turn first, never inside a transaction (the SQLite adapter's one connection would
  // run another request's statement in it). On SQLite every statement runs synchronously, so
  // without the turns the four steps ran as one block (a store of 128 runs alone takes 40 to 75 ms)
  // while the answers that had arrived waited. On PostgreSQL each statement turns the loop anyway.
  const announce = async () => {
    await store();
    await yieldToLoop();
    const ids = checked;
    checked = [];
    for (const eventId of await announceChanges(db, ids, { webhookConfigured: options.webhookConfigured })) {
      report.alerts++;
      options.onAlert?.(eventId);
    }
  };

  const refill = () => {
    refilling ??= announce()
      .then(async () => {
        await yieldToLoop();
        return options.throttle.paused();
      })
      .then(async (current) => {
        await yieldToLoop();
        paused = current;
        // A claim made late in a long sweep leases its connectors from when it is made, so the
        // lease (and the next check) is a whole interval however long the sweep has run.
        const claimedAt = new Date(now.getTime() + (Date.now() - started));
        return claimDueConnectors(db, { now, claimedAt, intervalMs: options.intervalMs, limit: claimBatchSize(options.concurrency), paused: current.keys() });
      })
      .then(({ claimed, seen }) => {
        if (seen === 0) exhausted = true;
        queue.push(...claimed);
      })
      .finally(() => {
        refilling = null;
      });
    return refilling;
  };

  const next = async (): Promise<ClaimedConnector | null> => {
    // Claim the next batch while this one is still being checked, so workers do not wait for it.
    if (queue.length <= options.concurrency && !exhausted && !options.shouldStop?.()) void refill().catch(() => undefined); // retried below when needed
    while (queue.length === 0 && !exhausted && !options.shouldStop?.()) await refill();
    return queue.shift() ?? null;
  };

  const checkOne = async (claimed: ClaimedConnector) => {
    const pausedUntil = paused.get(claimed.throttleKey);
    if (pausedUntil && pausedUntil > Date.now()) {
      // Claimed before its organization throttled: hand it back for when the pause ends.
      await db.connector.updateMany({ where: { id: claimed.id, nextCheckAt: claimed.nextCheckAt }, data: { nextCheckAt: new Date(pausedUntil) } });
      return;
    }
    if (claimed.dueAt) maxLagMs = Math.max(maxLagMs, Date.now() - claimed.dueAt.getTime());
    try {
      let run: { outcome: string; checks: ValidationRunDto["checks"] };
      if (options.check) {
        run = await options.check(db, claimed.id);
        checked.push(claimed.id);
      } else {
        const record = await checkConnector(db, claimed.connector, "schedule", "schedule");
        run = record.run;
        pending.push(record);
      }
      recordCheck("schedule", run.outcome);
      options.onChecked?.(claimed.id);
      report.checked++;
      if (run.outcome !== "pass") report.failed++;
      const wait = throttledFor(run.checks);
      if (wait !== null) {
        report.throttled++;
        paused.set(claimed.throttleKey, await options.throttle.pause(claimed.throttleKey, wait));
        log.warn("organization is throttling; pausing its scheduled checks", { key: claimed.throttleKey, seconds: Math.round(wait / 1000) });
      } else if (run.outcome === "pass") {
        const sources = await revalidate(claimed.id);
        for (const eventId of sources?.alerts ?? []) {
          report.alerts++;
          options.onAlert?.(eventId);
        }
        if (sources?.throttledMs) paused.set(claimed.throttleKey, await options.throttle.pause(claimed.throttleKey, sources.throttledMs));
      }
    } catch (error) {
      // A connector deleted while queued, or a bug: log it and go on with the others.
      report.errors++;
      recordCheck("schedule", "error");
      log.warn("scheduled check did not run", { connectorId: claimed.id, error });
    }
  };

  const worker = async () => {
    for (let claimed = await next(); claimed; claimed = await next()) await checkOne(claimed);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  await (refilling as Promise<void> | null)?.catch(() => undefined);
  await announce();
  report.ms = Date.now() - started;
  recordSweep(report.ms, maxLagMs);
  return report;
}
