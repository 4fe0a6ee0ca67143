// Advisory locks on one PostgreSQL shared by two clients (two replicas): one holder at a time per
// name, a try that does not wait, and many locks at once in one process without starving the
// holders' own queries of pooled connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { LOCK_SLOTS, tryWithAdvisoryLock, withAdvisoryLock } from "./advisory-lock";
import { createDb, type Db } from "./client";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("advisory locks on PostgreSQL", () => {
  const t = useTestDb("postgresql");
  let second: Db;
  beforeAll(() => {
    second = createDb(t.current.database);
  });
  afterAll(async () => {
    await second?.$disconnect();
  });

  it("lets one replica at a time hold a name, and a try does not wait for it", async () => {
    let inside = 0;
    let most = 0;
    const critical = async () => {
      most = Math.max(most, ++inside);
      await sleep(100);
      inside--;
    };
    let entered!: () => void;
    const holderInside = new Promise<void>((resolve) => (entered = resolve));
    const holding = withAdvisoryLock(t.current.db, "test:one", async () => {
      entered();
      await critical();
    });
    await holderInside;
    const tried = await tryWithAdvisoryLock(second, "test:one", async () => "ran");
    expect(tried).toEqual({ ran: false });
    await Promise.all([holding, withAdvisoryLock(second, "test:one", critical), withAdvisoryLock(t.current.db, "test:one", critical)]);
    expect(most).toBe(1);
    expect(await tryWithAdvisoryLock(second, "test:one", async () => "ran")).toEqual({ ran: true, value: "ran" });
  });

  it("holds 16 locks requested at once (the scheduler's default concurrency) without stalling the holders' queries", async () => {
    const started = Date.now();
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        withAdvisoryLock(
          t.current.db,
          `test:many-${index}`,
          async () => {
            most = Math.max(most, ++inside);
            await sleep(50);
            const count = await t.current.db.connector.count();
            await t.current.db.auditEvent.count();
            inside--;
            return count;
          },
          { holdMs: 5_000 },
        ),
      ),
    );
    expect(results).toHaveLength(16);
    expect(most).toBeLessThanOrEqual(LOCK_SLOTS);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
