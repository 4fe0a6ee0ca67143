// Two portal instances sharing one PostgreSQL database (two schedulers, each with its own Prisma
// client and connection pool) run the schedule round after round: every connector is checked
// exactly once per round, as the validation runs table shows, and both instances do part of the work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/sandbox/server";
import { admin, startTestSandbox } from "@/sandbox/testing/test-sandbox";
import { adoConnector, usePortalEnvironment } from "@/lib/server/pipeline/testing/chain-sandbox";
import { createDb, type Db } from "@/lib/server/db/client";
import { useTestDb } from "@/lib/testing/test-db";
import { createTestConnectors } from "@/lib/server/crypto/test-connectors";
import { claimDueConnectors } from "./claim-due-connectors";
import { OrgThrottle } from "./org-throttle";
import { claimBatchSize } from "./run-sweep";
import { createScheduler } from "./scheduler";

const CONCURRENCY = 3;
// More than one claim holds, so whichever instance claims first leaves work for the other.
const CONNECTORS = claimBatchSize(CONCURRENCY) + 8;
const ROUNDS = 3;
const INTERVAL_S = 300;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  process.env.TB_LOG_LEVEL = "warn";
  usePortalEnvironment(sandbox);
  // Every upstream call takes a little while, so the two instances' sweeps overlap.
  await admin(sandbox, "POST", "/faults", { path: "/", latencyMs: 15 });
});
afterAll(async () => {
  await sandbox?.stop();
});

describe("two schedulers on one PostgreSQL database", () => {
  const t = useTestDb("postgresql");
  let second: Db;
  beforeAll(() => {
    second = createDb(t.current.database);
  });
  afterAll(async () => {
    await second?.$disconnect();
  });

  it("check each connector exactly once per round", async () => {
    const ids: string[] = [];
    for (let i = 0; i < CONNECTORS; i++) ids.push(await adoConnector(t.current.db, `lease-${String(i).padStart(2, "0")}`));
    const options = { intervalSeconds: INTERVAL_S, concurrency: CONCURRENCY, retentionDays: 30, dispatcher: null };
    const instanceA = createScheduler(t.current.db, options);
    const instanceB = createScheduler(second, options);

    let clock = Date.now() + 1000;
    const worked = { a: 0, b: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      clock += INTERVAL_S * 1000;
      const now = new Date(clock);
      const [a, b] = await Promise.all([instanceA.tick(now), instanceB.tick(now)]);
      worked.a += a.checked + a.errors;
      worked.b += b.checked + b.errors;
      expect(a.checked + b.checked).toBe(CONNECTORS);

      const perConnector = await t.current.db.validationRun.groupBy({ by: ["connectorId"], where: { trigger: "schedule" }, _count: { _all: true } });
      expect(perConnector).toHaveLength(CONNECTORS);
      for (const row of perConnector) expect(row._count._all, `runs of ${row.connectorId} after round ${round}`).toBe(round);

      // A second tick in the same round finds nothing due on either instance.
      const [againA, againB] = await Promise.all([instanceA.tick(now), instanceB.tick(now)]);
      expect(againA.checked + againB.checked).toBe(0);
    }
    expect(worked.a).toBeGreaterThan(0);
    expect(worked.b).toBeGreaterThan(0);
    expect(await t.current.db.validationRun.count()).toBe(CONNECTORS * ROUNDS);
  });
});

describe("claims on PostgreSQL skip the rows another instance is claiming", () => {
  const t = useTestDb("postgresql");
  let second: Db;
  beforeAll(() => {
    second = createDb(t.current.database);
  });
  afterAll(async () => {
    await second?.$disconnect();
  });

  it("takes other due connectors at once instead of waiting on locked rows and coming back empty", async () => {
    const ids = await createTestConnectors(t.current.db, 8);
    const now = new Date(Date.now() + 2 * INTERVAL_S * 1000);
    const options = { now, intervalMs: INTERVAL_S * 1000, limit: 4, paused: [] };
    // What the first batch is: the same order the claim uses.
    const firstBatch = (await t.current.db.connector.findMany({ select: { id: true }, orderBy: [{ nextCheckAt: "asc" }, { id: "asc" }], take: 4 })).map((row) => row.id);

    const claimedWhileLocked = await second.$transaction(
      async (tx) => {
        // Another instance in the middle of claiming the first batch holds its row locks.
        await tx.$queryRaw`SELECT "id" FROM "Connector" WHERE "id" = ANY(${firstBatch}::text[]) FOR UPDATE`;
        const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 3000).unref());
        return Promise.race([claimDueConnectors(t.current.db, options), waited]);
      },
      { timeout: 15_000 },
    );
    expect(claimedWhileLocked).not.toBe("waited");
    const claimed = claimedWhileLocked === "waited" ? [] : claimedWhileLocked.claimed.map((row) => row.id);
    expect(claimed).toHaveLength(4);
    expect(claimed.filter((id) => firstBatch.includes(id))).toEqual([]);
    expect(new Set([...claimed, ...firstBatch])).toEqual(new Set(ids));
    // The raw UPDATE stores the same instant Prisma reads back (no time-zone shift in any TZ).
    if (claimedWhileLocked !== "waited") {
      const stored = await t.current.db.connector.findMany({ where: { id: { in: claimed } }, select: { nextCheckAt: true } });
      for (const row of stored) expect(row.nextCheckAt).toEqual(claimedWhileLocked.claimed[0]!.nextCheckAt);
    }
  });
});

describe("a throttled organization is paused for every instance", () => {
  const t = useTestDb("postgresql");
  let second: Db;
  beforeAll(() => {
    second = createDb(t.current.database);
  });
  afterAll(async () => {
    await second?.$disconnect();
  });

  it("leaves the organization alone on the other instance until the pause ends", async () => {
    const throttled = await adoConnector(t.current.db, "throttled-org");
    const open = await adoConnector(t.current.db, "open-org");
    // Instance A's check of throttled-org ended in a 429 asking for 10 minutes.
    await new OrgThrottle(t.current.db).pause("ado:throttled-org", 10 * 60_000);

    const instanceB = createScheduler(second, { intervalSeconds: INTERVAL_S, concurrency: 2, retentionDays: 30, dispatcher: null });
    const report = await instanceB.tick(new Date(Date.now() + 2 * INTERVAL_S * 1000));
    expect(report.checked + report.errors).toBe(1);
    const runs = await t.current.db.validationRun.groupBy({ by: ["connectorId"], _count: { _all: true } });
    expect(runs.map((row) => row.connectorId)).toEqual([open]);
    expect(runs.some((row) => row.connectorId === throttled)).toBe(false);
    expect([...(await new OrgThrottle(second).paused()).keys()]).toEqual(["ado:throttled-org"]);
  });
});
