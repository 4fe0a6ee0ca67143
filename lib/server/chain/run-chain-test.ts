import "server-only";
// Runs a connector's chain test hop by hop (lib/server/chain/chain-plan.ts) within a time budget,
// stores the run and its checks, updates the connector's status and returns what the operator
// sees. A hop that fails stops the chain: later hops are skipped with the reason. The run never
// hangs: every hop races the remaining budget.
import type { Operator } from "@/lib/server/auth/permissions";
import { brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { DeadlineError, withDeadline } from "@/lib/server/broker/with-deadline";
import type { Db } from "@/lib/server/db/client";
import { log, redact } from "@/lib/server/log";
import type { CheckResultDto, RunTrigger, ValidationRunDto } from "@/lib/schemas/validation";
import type { ChainState, HopOutcome } from "./chain-hop";
import { chainPlan } from "./chain-plan";
import { checkFromError, checkFromOutcome, scrubSecrets, skippedCheck } from "./check-results";
import { recordChainResult } from "./record-chain-result";

/**
 * An operator waits for "Test now": a healthy chain takes about a second, so 10 s leaves room for
 * a slow tenant and a retry after a short throttle, and still ends while someone is looking.
 */
export const CHAIN_BUDGET_MS = 10_000;
/** Below this, a hop cannot do anything useful; the rest of the chain is skipped instead. */
const MIN_HOP_MS = 250;
/**
 * The hop's calls get slightly less than the hop's deadline, so a silent service is reported by
 * the outbound layer ("Azure DevOps is not answering", with the call and a fix) rather than by the
 * race below, which only knows the hop's name.
 */
export const HOP_MARGIN_MS = 300;

export type RunChainTestOptions = {
  /** Who asked; scheduled checks run as the system. */
  operator?: Pick<Operator, "id" | "name">;
  budgetMs?: number;
  /**
   * Told each hop's check as soon as the hop finishes (skipped hops included), scrubbed like the
   * stored run, so a streaming caller can show hops one by one. It must not throw.
   */
  onHop?: (check: CheckResultDto, position: number) => void;
  /** Rewrites each check before it is reported and stored (the propagation note). */
  decorate?: (check: CheckResultDto) => CheckResultDto;
};

export const SYSTEM_ACTOR = { id: "system", name: "TenantBridge health check" } as const;

export async function runChainTest(db: Db, connectorId: string, trigger: RunTrigger, options: RunChainTestOptions = {}): Promise<ValidationRunDto> {
  const connector = await brokerConnectorById(db, connectorId);
  const run = await db.validationRun.create({ data: { connectorId, trigger }, select: { id: true, startedAt: true } });
  const budgetMs = options.budgetMs ?? CHAIN_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  // Every outbound call of the run stops at the deadline, so nothing keeps waiting in the background.
  const signal = AbortSignal.timeout(budgetMs);
  const state: ChainState = {};
  const checks: CheckResultDto[] = [];
  let blocker: string | null = null;

  const report = (raw: CheckResultDto) => {
    const check = options.decorate ? options.decorate(raw) : raw;
    checks.push(check);
    const [scrubbed] = scrubSecrets([check], state);
    if (scrubbed) options.onHop?.(scrubbed, checks.length - 1);
  };

  for (const hop of chainPlan(connector)) {
    const remaining = deadline - Date.now();
    if (!blocker && remaining < MIN_HOP_MS) blocker = "The test ran out of its time budget before this check.";
    if (blocker) {
      report(skippedCheck(hop, blocker));
      continue;
    }
    const started = Date.now();
    let check: CheckResultDto;
    try {
      const hopBudgetMs = Math.max(MIN_HOP_MS, remaining - HOP_MARGIN_MS);
      const outcome: HopOutcome = await withDeadline(hop.run({ db, connector, state, budgetMs: hopBudgetMs, signal }), remaining, `“${hop.label}”`);
      check = checkFromOutcome(hop, outcome, Date.now() - started);
    } catch (error) {
      const durationMs = Date.now() - started;
      if (error instanceof DeadlineError) {
        check = checkFromError(hop, "fail", { code: "timeout", title: `${hop.label}: no answer in time`, cause: `${error.message} No answer arrived within the test's deadline of ${Math.round(budgetMs / 1000)} s.`, fix: error.hint ?? "Try again.", raw: error.message }, durationMs);
      } else {
        // Not an upstream answer but an unexpected error: show it verbatim with a reference for the logs.
        const reference = crypto.randomUUID();
        log.error("chain test hop failed unexpectedly", { connectorId, hop: hop.key, reference, error });
        const raw = String(redact(error instanceof Error ? error.message : String(error)));
        check = checkFromError(
          hop,
          "unknown",
          { code: "unexpected", title: "The check could not finish", cause: "An unexpected error stopped this check; its message is below.", fix: `Run the test again. If it persists, quote reference ${reference} to your TenantBridge administrator.`, raw, traceId: reference },
          durationMs,
        );
      }
    }
    report(check);
    if (check.status !== "pass") blocker = `Skipped because “${hop.label}” did not pass.`;
  }

  const outcome = checks.every((check) => check.status === "pass") ? "pass" : checks.some((check) => check.status === "fail") ? "fail" : "unknown";
  return recordChainResult(db, {
    runId: run.id,
    connector,
    trigger,
    startedAt: run.startedAt,
    checks: scrubSecrets(checks, state),
    outcome,
    actor: options.operator ?? SYSTEM_ACTOR,
  });
}
