import "server-only";
// The shape of one hop of the check pipeline. A hop returns a value (pass with non-secret facts,
// fail with the decoded cause and fix, or unknown when the answer does not decide); only bugs throw.
import type { Db } from "@/lib/server/db/client";
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import type { DecodedError } from "@/lib/server/entra/decoded-error";

/** What earlier hops hand to later ones. The authorization value is a secret: it never leaves this object. */
export type ChainState = {
  authorization?: string;
  /** The calling identity's object id in the target tenant (from its token's oid claim). */
  principalId?: string;
  /** How the operator knows the caller: an account name, or "the service principal of app …". */
  identityLabel?: string;
  /** When the token the hops hold expires, when it came from the credential broker. */
  tokenExpiresOn?: Date | null;
};

/** `budgetMs` is what is left of the run's deadline; `signal` aborts every outbound call at that deadline. */
export type HopContext = { db: Db; connector: BrokerConnector; state: ChainState; budgetMs: number; signal?: AbortSignal };

export type HopOutcome = { status: "pass"; detail: string } | { status: "fail" | "unknown"; error: DecodedError };

export type Hop = {
  key: string;
  label: string;
  run: (context: HopContext) => Promise<HopOutcome>;
  /** The one earlier hop this one depends on; without it, every earlier hop must have passed. */
  needs?: string;
  /** Left out of the run (rather than listed as skipped) when it cannot run. */
  optional?: boolean;
};

export const pass = (detail: string): HopOutcome => ({ status: "pass", detail });
export const fail = (error: DecodedError): HopOutcome => ({ status: "fail", error });
/** The answer does not decide: the connector may work (a silent endpoint while a cached token still serves). */
export const unknown = (error: DecodedError): HopOutcome => ({ status: "unknown", error });

/** A setting the hop needs is empty: say which, and where to fill it in. */
export function notConfigured(what: string, fix: string): HopOutcome {
  return fail({
    code: "not_configured",
    title: `${what} is not configured`,
    cause: `The connector has no ${what}, so this hop cannot run.`,
    fix,
    expected: what,
    configured: "Empty",
    raw: `${what} is empty.`,
  });
}
