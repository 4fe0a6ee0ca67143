// The run's time budget ends with the run: a run whose hops all answered leaves no timer behind to
// abort it one budget later, and a hop given up at its deadline has its calls stopped as the run ends.
import { describe, expect, it } from "vitest";
import { brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { useTestDb } from "@/lib/testing/test-db";
import { pass, type Hop } from "./chain-hop";
import { runHops } from "./run-hops";
import { adoConnector } from "./testing/chain-sandbox";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a run's time budget", () => {
  const testDb = useTestDb("sqlite");

  it("a run whose hops all answered is not aborted once its budget has passed", async () => {
    const db = testDb.current.db;
    const connector = await brokerConnectorById(db, await adoConnector(db, "budget-answered"));
    const signals: AbortSignal[] = [];
    const answered: Hop = {
      key: "answered",
      label: "Answers at once",
      run: async ({ signal }) => {
        if (signal) signals.push(signal);
        return pass("answered");
      },
    };
    const run = await runHops(db, connector, [answered, { ...answered, key: "answered-too" }], { budgetMs: 400 });
    expect(run.checks.map((check) => `${check.key}:${check.status}`)).toEqual(["answered:pass", "answered-too:pass"]);
    expect(signals).toHaveLength(2);
    await sleep(700);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });

  it("a hop given up at its deadline has its signal aborted by the time the run returns", async () => {
    const db = testDb.current.db;
    const connector = await brokerConnectorById(db, await adoConnector(db, "budget-silent"));
    let seen: AbortSignal | undefined;
    const silent: Hop = {
      key: "silent",
      label: "Never answers",
      run: ({ signal }) => {
        seen = signal;
        return new Promise(() => undefined);
      },
    };
    const run = await runHops(db, connector, [silent], { budgetMs: 400 });
    expect(run.checks[0]).toMatchObject({ key: "silent", status: "fail", code: "timeout" });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(DOMException);
  });
});
