import "server-only";
// "Run chain test" right after a change: when the run fails with an error that Entra's
// propagation delay explains (propagation.ts) after a change of the connector within the window, the
// test says so on the failing hop and runs again by itself with backoff (5 s, 10 s, 20 s, then
// every 30 s) for up to TB_PROPAGATION_RETRY_SECONDS, telling the page before each wait.
// Retries take no extra rate-limit slot: the operator asked once.
import type { Operator } from "@/lib/server/auth/permissions";
import { takeChainTestSlot } from "@/lib/server/pipeline/chain-test-rate-limit";
import { runChainTest, type RunChainTestOptions } from "@/lib/server/pipeline/run-check";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { OnRetry } from "@/lib/server/http/hop-stream";
import { settings } from "@/lib/server/settings";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { propagationExplains, propagationNote, recentChangeOf, type RecentChange } from "./propagation";

export type PropagationRetryOptions = {
  onHop?: RunChainTestOptions["onHop"];
  onRetry?: OnRetry;
  /** Total time to keep retrying; default TB_PROPAGATION_RETRY_SECONDS. */
  retryMs?: number;
  /** First wait; doubles up to 30 s. Default 5 s, or a sixth of retryMs when that is shorter. */
  firstDelayMs?: number;
};

const MAX_DELAY_MS = 30_000;

/** The failing check of a run, when propagation explains it. */
function propagationFailure(run: ValidationRunDto, change: RecentChange): { code: string; reason: string } | null {
  const failing = run.checks.find((check) => check.status === "fail");
  const what = propagationExplains(failing?.code, change);
  return failing?.code && what ? { code: failing.code, reason: `${failing.code} right after a change: ${what} may still be propagating in Entra ID and the service.` } : null;
}

export async function testConnectorWithPropagationRetry(db: Db, operator: Operator, connectorId: string, options: PropagationRetryOptions = {}): Promise<ValidationRunDto> {
  // A missing connector is a 404, not a spent slot.
  if ((await db.connector.count({ where: { id: connectorId } })) === 0) throw notFound("The connector");
  await takeChainTestSlot(db, connectorId);
  const retryMs = options.retryMs ?? settings().propagation.retryMs;
  const giveUpAt = Date.now() + retryMs;
  let delayMs = options.firstDelayMs ?? Math.min(5000, Math.max(250, Math.round(retryMs / 6)));

  for (let attempt = 1; ; attempt++) {
    const change = await recentChangeOf(db, connectorId);
    const run = await runChainTest(db, connectorId, "manual", {
      operator,
      onHop: options.onHop,
      decorate: change ? (check) => propagationNote(check, change) : undefined,
    });
    const failure = change && run.outcome === "fail" ? propagationFailure(run, change) : null;
    const wait = Math.min(delayMs, giveUpAt - Date.now());
    if (!failure || wait <= 0) return run;
    options.onRetry?.({ attempt, inSeconds: Math.ceil(wait / 1000), code: failure.code, reason: failure.reason, giveUpAt: new Date(giveUpAt).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, wait));
    delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
  }
}
