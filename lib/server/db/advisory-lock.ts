import "server-only";
// Cross-replica mutual exclusion on PostgreSQL: a transaction-scoped advisory lock
// (pg_advisory_xact_lock), held by an open transaction for as long as `work` runs and released
// by PostgreSQL itself when the transaction ends, also when the process dies and its connection
// drops. `work` runs on the ordinary client, not in the transaction: the transaction only holds
// the lock, so what `work` writes is committed (and visible to the next holder) before release.
// SQLite runs in one process (see hold-sqlite-process-lock.ts), where there is no one to exclude.
//
// Each holder pins one pooled connection while `work` needs others. node-postgres pools hold 10
// connections by default and the scheduler runs 16 checks at once, so 16 refreshes each holding
// a lock would leave their own queries no connection and stall until the transaction timeout.
// A process therefore holds at most LOCK_SLOTS of these locks at a time; the rest wait their turn
// before opening a transaction.
import { providerOf, type Db } from "./client";

export type AdvisoryLockOptions = {
  /** Longest time the lock may be held, waiting for it included; PostgreSQL then rolls the holder back. */
  holdMs?: number;
};

const DEFAULT_HOLD_MS = 60_000;
export const LOCK_SLOTS = 3;

type Slots = { free: number; waiting: (() => void)[] };
const slotsByClient = new WeakMap<Db, Slots>();

async function withSlot<T>(db: Db, run: () => Promise<T>): Promise<T> {
  let slots = slotsByClient.get(db);
  if (!slots) slotsByClient.set(db, (slots = { free: LOCK_SLOTS, waiting: [] }));
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await run();
  } finally {
    const next = slots.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else slots.free++;
  }
}

const lockKey = (name: string) => `tenantbridge:${name}`;

const transactionOptions = (options: AdvisoryLockOptions) => ({ maxWait: 10_000, timeout: options.holdMs ?? DEFAULT_HOLD_MS });

/** Runs `work` while holding the lock `name`, waiting for a replica that holds it first. */
export async function withAdvisoryLock<T>(db: Db, name: string, work: () => Promise<T>, options: AdvisoryLockOptions = {}): Promise<T> {
  if (providerOf(db) !== "postgresql") return work();
  return withSlot(db, () =>
    db.$transaction(async (tx) => {
      // hashtext gives a 32-bit key; two names colliding only serialize more than needed.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey(name)}))`;
      return work();
    }, transactionOptions(options)),
  );
}

/** Runs `work` if no other replica holds the lock `name`; `{ ran: false }` without waiting when one does. */
export async function tryWithAdvisoryLock<T>(db: Db, name: string, work: () => Promise<T>, options: AdvisoryLockOptions = {}): Promise<{ ran: true; value: T } | { ran: false }> {
  if (providerOf(db) !== "postgresql") return { ran: true, value: await work() };
  return withSlot(db, () =>
    db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${lockKey(name)})) AS "locked"`;
      if (!row?.locked) return { ran: false as const };
      return { ran: true as const, value: await work() };
    }, transactionOptions(options)),
  );
}
