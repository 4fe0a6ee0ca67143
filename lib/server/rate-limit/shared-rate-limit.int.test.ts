// The operator-facing rate limits live in the database, so every portal replica shares them:
// on PostgreSQL two Prisma clients, and a second process, together get the limit once; on
// SQLite (one process) the same limits hold. Concurrent takes cannot overrun a limit.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { CHAIN_TESTS_PER_MINUTE, resetChainTestRateLimit, takeChainTestSlot } from "@/lib/server/pipeline/chain-test-rate-limit";
import { createDb, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { testProviders, useTestDb } from "@/lib/testing/test-db";
import { resetValidationRateLimit, takeValidationSlot, VALIDATIONS_BURST } from "./validation-rate-limit";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** true for a slot taken, false for rate_limited. */
const outcome = (promise: Promise<void>) =>
  promise.then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === "rate_limited") return false;
      throw error;
    },
  );

for (const provider of testProviders) {
  describe(`shared rate limits on ${provider}`, () => {
    const t = useTestDb(provider);
    beforeEach(async () => {
      await resetChainTestRateLimit(t.current.db);
      await resetValidationRateLimit(t.current.db);
    });

    it("allows a few chain tests a minute per connector, then says how long to wait", async () => {
      const { db } = t.current;
      for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) await takeChainTestSlot(db, "c1", 1_000 + i * 1000);
      const refused = await refusal(takeChainTestSlot(db, "c1", 10_000));
      expect(refused).toMatchObject({ code: "rate_limited", retryAfterSeconds: 51, hint: "Wait 51 s before testing it again." });
      await takeChainTestSlot(db, "c2", 10_000);
      await takeChainTestSlot(db, "c1", 61_001);
    });

    it("allows a burst of validations per organization, whatever its case", async () => {
      const { db } = t.current;
      const now = Date.now();
      for (let i = 0; i < VALIDATIONS_BURST; i++) await takeValidationSlot(db, i % 2 ? "Litware" : "litware", now);
      const refused = await refusal(takeValidationSlot(db, "LITWARE", now));
      expect(refused).toMatchObject({ code: "rate_limited", retryAfterSeconds: 6, hint: expect.stringMatching(/^Wait 6 s, then validate again/) });
      await takeValidationSlot(db, "fabrikam", now);
    });

    it("never lets concurrent takes overrun the limit", async () => {
      const { db } = t.current;
      const results = await Promise.all(Array.from({ length: 2 * CHAIN_TESTS_PER_MINUTE }, () => outcome(takeChainTestSlot(db, "busy"))));
      expect(results.filter(Boolean)).toHaveLength(CHAIN_TESTS_PER_MINUTE);
    });
  });
}

describe("replicas on one PostgreSQL share the limits", () => {
  const t = useTestDb("postgresql");
  let replicaB: Db;
  beforeEach(async () => {
    replicaB ??= createDb(t.current.database);
    await resetChainTestRateLimit(t.current.db);
    await resetValidationRateLimit(t.current.db);
  });

  it("refuses the (N+1)th chain test across two Prisma clients, however the calls are spread", async () => {
    const replicaA = t.current.db;
    for (let i = 0; i < CHAIN_TESTS_PER_MINUTE; i++) await takeChainTestSlot(i % 2 ? replicaB : replicaA, "c1");
    expect(await refusal(takeChainTestSlot(replicaA, "c1"))).toMatchObject({ code: "rate_limited" });
    expect(await refusal(takeChainTestSlot(replicaB, "c1"))).toMatchObject({ code: "rate_limited" });
    for (let i = 0; i < VALIDATIONS_BURST; i++) await takeValidationSlot(i % 2 ? replicaB : replicaA, "litware");
    expect(await refusal(takeValidationSlot(replicaB, "litware"))).toMatchObject({ code: "rate_limited" });

    const together = await Promise.all(Array.from({ length: 3 * CHAIN_TESTS_PER_MINUTE }, (_, i) => outcome(takeChainTestSlot(i % 2 ? replicaB : replicaA, "c2"))));
    console.log(`[shared-rate-limit] ${together.length} concurrent chain tests over two clients: ${together.filter(Boolean).length} allowed`);
    expect(together.filter(Boolean)).toHaveLength(CHAIN_TESTS_PER_MINUTE);
    await replicaB.$disconnect();
  });

  it("refuses a second process's tests once this one has used the minute's allowance", async () => {
    const { database, db } = t.current;
    if (database.provider !== "postgresql") throw new Error("expected PostgreSQL");
    for (let i = 0; i < CHAIN_TESTS_PER_MINUTE - 2; i++) await takeChainTestSlot(db, "c3");
    const script = path.join(import.meta.dirname, "testing/take-chain-test-slots.ts");
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const { stdout } = await promisify(execFile)(tsx, ["--conditions=react-server", script, database.url, "c3", "4"], { cwd: process.cwd() });
    const outcomes = JSON.parse(stdout.trim()) as (true | number)[];
    console.log(`[shared-rate-limit] second process after ${CHAIN_TESTS_PER_MINUTE - 2} tests here: ${JSON.stringify(outcomes)}`);
    expect(outcomes.slice(0, 2)).toEqual([true, true]);
    expect(outcomes.slice(2)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(outcomes[2]).toBeGreaterThanOrEqual(55);
  });
});
