import "server-only";
// Drives webhook delivery in this process: a kick delivers what is due now, then sleeps until
// the earliest retry. Delivery state lives in the database, so retries survive a restart (the
// scheduler kicks once at start) and several instances share the work.
import type { Db } from "@/lib/server/db/client";
import { log } from "@/lib/server/log";
import { deliverDueAlerts, type DeliveryOptions } from "./deliver-alerts";

export type AlertDispatcher = { kick(): Promise<void>; stop(): void };

export function createAlertDispatcher(db: Db, options: DeliveryOptions): AlertDispatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const schedule = (at: Date | null) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!at || stopped) return;
    timer = setTimeout(() => void kick(), Math.max(0, at.getTime() - Date.now()));
    timer.unref();
  };

  async function pass(): Promise<void> {
    do {
      again = false;
      try {
        const report = await deliverDueAlerts(db, options);
        schedule(report.nextAttemptAt);
      } catch (error) {
        log.error("alert delivery pass failed", { error });
      }
    } while (again && !stopped);
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true; // a pass is under way: run once more after it
      return running;
    }
    running = pass().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    kick,
    stop() {
      stopped = true;
      schedule(null);
    },
  };
}
