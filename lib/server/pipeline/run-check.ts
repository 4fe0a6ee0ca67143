import "server-only";
// One check of one connector through the pipeline: read the connector once, plan its hops
// (plan.ts), run them (run-hops.ts), store the run with its status and audit event
// (record-runs.ts). The chain test and the scheduled check differ only in their plan, trigger and
// actor; the sweep runs the same hops and stores its runs a batch at a time (run-sweep.ts).
import type { Operator } from "@/lib/server/auth/permissions";
import { brokerConnectorById, type BrokerConnector } from "@/lib/server/broker/broker-connector";
import type { Db } from "@/lib/server/db/client";
import type { RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";
import { planFor, type PlanPurpose } from "./plan";
import { chainTestAudit, recordRun, SYSTEM_ACTOR, type RunRecord } from "./record-runs";
import { runHops, type RunHopsOptions } from "./run-hops";

export { CHAIN_BUDGET_MS, HOP_MARGIN_MS } from "./run-hops";
export { SYSTEM_ACTOR } from "./record-runs";

export type RunChainTestOptions = RunHopsOptions & {
  /** Who asked; scheduled checks run as the system. */
  operator?: Pick<Operator, "id" | "name">;
};

/** Runs the connector's hops for the purpose and returns the run to store, without storing it. */
export async function checkConnector(db: Db, connector: BrokerConnector, purpose: PlanPurpose, trigger: RunTrigger, options: RunChainTestOptions = {}): Promise<RunRecord> {
  const run = await runHops(db, connector, planFor(connector, purpose), options);
  return { connector, trigger, run, actor: options.operator ?? SYSTEM_ACTOR, audit: chainTestAudit(connector, trigger, run) };
}

/** The chain test: every hop reaches its service. Stored with the connector's new status. */
export async function runChainTest(db: Db, connectorId: string, trigger: RunTrigger, options: RunChainTestOptions = {}): Promise<ValidationRunDto> {
  const connector = await brokerConnectorById(db, connectorId);
  return recordRun(db, await checkConnector(db, connector, "chain-test", trigger, options));
}

/** The scheduled check of one connector (see plan.ts: identity-based connectors through the broker). */
export async function scheduledCheck(db: Db, connectorId: string): Promise<ValidationRunDto> {
  const connector = await brokerConnectorById(db, connectorId);
  return recordRun(db, await checkConnector(db, connector, "schedule", "schedule"));
}
