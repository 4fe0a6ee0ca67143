import "server-only";
// The health scheduler of one portal process: every tick (a fraction of the interval, with
// jitter so instances do not tick in step) it sweeps the due connectors, announces status
// changes made elsewhere, kicks webhook delivery and, once an hour, prunes old runs.
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import type { AlertDispatcher } from "@/lib/server/alerts/alert-dispatcher";
import { reconcileAlerts } from "@/lib/server/alerts/reconcile-alerts";
import { OrgThrottle } from "./org-throttle";
import { pruneHistory } from "./prune-history";
import { runSweep, type CheckConnector, type SweepReport } from "./run-sweep";

export type SchedulerOptions = {
  intervalSeconds: number;
  concurrency: number;
  retentionDays: number;
  dispatcher: AlertDispatcher | null;
  check?: CheckConnector;
  /** Told each connector a sweep of this process checked. */
  onChecked?: (connectorId: string) => void;
  /** Longest wait between ticks; the interval's quarter when that is shorter. */
  maxTickMs?: number;
};

export type Scheduler = {
  /** One tick now: sweep, reconcile alerts, deliver, prune when due. `now` moves the scheduler's clock in tests. */
  tick(now?: Date): Promise<SweepReport>;
  start(): void;
  stop(): Promise<void>;
};

const PRUNE_EVERY_MS = 3600_000;

export function createScheduler(db: Db, options: SchedulerOptions): Scheduler {
  const intervalMs = options.intervalSeconds * 1000;
  const tickMs = Math.min(options.maxTickMs ?? 30_000, intervalMs / 4);
  const throttle = new OrgThrottle(db);
  const webhookConfigured = options.dispatcher !== null;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | null = null;
  let stopped = true;
  let stopping = false;
  let lastPrune = 0;

  async function tick(now?: Date): Promise<SweepReport> {
    const report = await runSweep(db, {
      intervalMs,
      concurrency: options.concurrency,
      throttle,
      webhookConfigured,
      now,
      check: options.check,
      onChecked: options.onChecked,
      onAlert: () => void options.dispatcher?.kick(),
      shouldStop: () => stopping,
    });
    const announced = await reconcileAlerts(db, { webhookConfigured });
    report.alerts += announced.length;
    await options.dispatcher?.kick();
    if (Date.now() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      const pruned = await pruneHistory(db, { retentionDays: options.retentionDays, now });
      if (pruned.runs || pruned.thinned || pruned.alerts) log.info("pruned health history", pruned);
    }
    if (report.checked || report.errors) log.info("health sweep", { ...report });
    return report;
  }

  const loop = () => {
    if (stopped) return;
    const wait = tickMs * (0.8 + 0.4 * Math.random());
    timer = setTimeout(() => {
      timer = undefined;
      current = tick()
        .catch((error: unknown) => log.error("health tick failed", { error }))
        .finally(() => {
          current = null;
          loop();
        });
    }, wait);
    timer.unref();
  };

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = false;
      void options.dispatcher?.kick();
      loop();
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      options.dispatcher?.stop();
      await current;
    },
  };
}
