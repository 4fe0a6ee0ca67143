import "server-only";
// The one runner of the check pipeline: runs a plan's hops in order within a time budget and
// returns the checks the operator reads, scrubbed of every credential the run held. It writes
// nothing: the caller records the result (record-runs.ts), alone or in a batch. A hop that does
// not pass stops the hops that depend on it (skipped with the reason); every hop races the
// remaining budget, so the run never hangs.
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { DeadlineError, withDeadline } from "@/lib/server/broker/with-deadline";
import type { Db } from "@/lib/server/db/client";
import { log, redact } from "@/lib/server/log";
import type { CheckResultDto, RunOutcome } from "@/lib/schemas/validation";
import type { ChainState, Hop, HopOutcome } from "./chain-hop";
import { checkFromDecoded, checkFromOutcome, scrubSecrets, skippedCheck } from "./check-results";

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

export type FinishedOutcome = Exclude<RunOutcome, "running">;

export type HopRun = { checks: CheckResultDto[]; outcome: FinishedOutcome; startedAt: Date; finishedAt: Date };

export type RunHopsOptions = {
  budgetMs?: number;
  /**
   * Told each hop's check as soon as the hop finishes (skipped hops included), scrubbed like the
   * stored run, so a streaming caller can show hops one by one. It must not throw.
   */
  onHop?: (check: CheckResultDto, position: number) => void;
  /** Rewrites each check before it is reported and stored (the propagation note). */
  decorate?: (check: CheckResultDto) => CheckResultDto;
};

export function outcomeOf(checks: CheckResultDto[]): FinishedOutcome {
  if (checks.some((check) => check.status === "fail")) return "fail";
  return checks.every((check) => check.status === "pass") ? "pass" : "unknown";
}

export async function runHops(db: Db, connector: BrokerConnector, hops: Hop[], options: RunHopsOptions = {}): Promise<HopRun> {
  const startedAt = new Date();
  const budgetMs = options.budgetMs ?? CHAIN_BUDGET_MS;
  const deadline = startedAt.getTime() + budgetMs;
  // Every outbound call of the run stops at the deadline, so nothing keeps waiting in the background.
  // (A controller and a plain timer: AbortSignal.timeout also registers a weak reference per signal,
  // which a sweep pays for every check.) The timer ends with the run: see the end.
  const controller = new AbortController();
  const signal = controller.signal;
  const budget = setTimeout(() => controller.abort(new DOMException("The test's time budget ran out.", "TimeoutError")), budgetMs);
  budget.unref();
  // A hop given up at its deadline, or one that threw, may have left calls in flight.
  let abandoned = false;
  const state: ChainState = {};
  const checks: CheckResultDto[] = [];
  const passed = new Set<string>();
  let blocker: string | null = null;
  let outOfTime: string | null = null;

  const report = (raw: CheckResultDto) => {
    const check = options.decorate ? options.decorate(raw) : raw;
    checks.push(check);
    if (!options.onHop) return;
    const [scrubbed] = scrubSecrets([check], state);
    if (scrubbed) options.onHop(scrubbed, checks.length - 1);
  };

  for (const hop of hops) {
    const blockedBy = hop.needs !== undefined ? (passed.has(hop.needs) ? null : `Skipped because “${hops.find((other) => other.key === hop.needs)?.label ?? hop.needs}” did not pass.`) : blocker;
    const remaining = deadline - Date.now();
    if (!outOfTime && remaining < MIN_HOP_MS) outOfTime = "The test ran out of its time budget before this check.";
    const reason = outOfTime ?? blockedBy;
    if (reason) {
      if (!hop.optional) report(skippedCheck(hop, reason));
      continue;
    }
    const started = Date.now();
    let check: CheckResultDto;
    try {
      const hopBudgetMs = Math.max(MIN_HOP_MS, remaining - HOP_MARGIN_MS);
      const outcome: HopOutcome = await withDeadline(hop.run({ db, connector, state, budgetMs: hopBudgetMs, signal }), remaining, `“${hop.label}”`);
      check = checkFromOutcome(hop, outcome, Date.now() - started);
    } catch (error) {
      abandoned = true;
      const durationMs = Date.now() - started;
      if (error instanceof DeadlineError) {
        check = checkFromDecoded(
          hop,
          {
            code: "timeout",
            title: `${hop.label}: no answer in time`,
            cause: `${error.message} No answer arrived within the test's deadline of ${Math.round(budgetMs / 1000)} s.`,
            fix: error.hint ?? "Try again.",
            raw: error.message,
          },
          durationMs,
          "fail",
        );
      } else {
        // Not an upstream answer but an unexpected error: show it verbatim with a reference for the logs.
        const reference = crypto.randomUUID();
        log.error("check pipeline hop failed unexpectedly", { connectorId: connector.id, hop: hop.key, reference, error });
        const raw = String(redact(error instanceof Error ? error.message : String(error)));
        check = checkFromDecoded(
          hop,
          {
            code: "unexpected",
            title: "The check could not finish",
            cause: "An unexpected error stopped this check; its message is below.",
            fix: `Run the test again. If it persists, quote reference ${reference} to your TenantBridge administrator.`,
            raw,
            traceId: reference,
          },
          durationMs,
          "unknown",
        );
      }
    }
    report(check);
    if (check.status === "pass") passed.add(hop.key);
    else if (hop.needs === undefined) blocker ??= `Skipped because “${hop.label}” did not pass.`;
  }

  // When every hop answered, nothing is in flight: the timer goes, rather than firing one budget
  // later for each check of a sweep. Calls a hop left behind stop now, not at the budget's end.
  clearTimeout(budget);
  if (abandoned) controller.abort(new DOMException("The test ended before this call answered.", "AbortError"));

  // Last fence: no text of a check may carry the credential the run held.
  const scrubbed = scrubSecrets(checks, state);
  return { checks: scrubbed, outcome: outcomeOf(scrubbed), startedAt, finishedAt: new Date() };
}
