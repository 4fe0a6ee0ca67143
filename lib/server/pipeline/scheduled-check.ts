import "server-only";
// The scheduled check. For MI + FIC and managed identity connectors it takes the token from the
// credential broker, which caches one token per (tenant, app, identity, scope) until 5 minutes
// before expiry and shares one request between concurrent callers, then runs the chain's own
// service hop (Azure DevOps or Kusto) with it. So a sweep of a thousand connectors in a few
// tenants asks Entra ID for a few tokens, not two thousand, and it sees exactly what the agent
// sees: the agent uses the same broker. A broken federated credential shows up when the cached
// token is renewed, as it would for the agent; "Check now" runs the full chain test, which
// always reaches Entra ID. PAT and OAuth connectors run the full chain test (their credentials
// are per connector anyway, and the OAuth hop refreshes the sign-in on this schedule).
// Because a cached token hides an identity endpoint that stopped issuing new ones, the check
// also asks the endpoint itself (identity-endpoint-probe.ts, once a minute per identity): when it
// does not answer, the connector is degraded with that cause while the agent keeps its token.
import { brokerConnectorById, chainContext, type BrokerConnector } from "@/lib/server/broker/broker-connector";
import { accessTokenForConnector } from "@/lib/server/broker/get-access-token";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { decodeManagedIdentityError } from "@/lib/server/broker/decode-identity-error";
import { probeIdentityEndpoint } from "@/lib/server/broker/identity-endpoint-probe";
import { DeadlineError, withDeadline } from "@/lib/server/broker/with-deadline";
import type { ChainState, Hop } from "@/lib/server/pipeline/chain-hop";
import { checkFromError, checkFromOutcome, scrubSecrets, skippedCheck } from "@/lib/server/pipeline/check-results";
import { adoServiceHop } from "@/lib/server/pipeline/ado-hops";
import { kustoServiceHop } from "@/lib/server/pipeline/kusto-hop";
import { recordChainResult } from "@/lib/server/pipeline/record-chain-result";
import { CHAIN_BUDGET_MS, runChainTest, SYSTEM_ACTOR } from "@/lib/server/pipeline/run-chain-test";
import { tokenClaims } from "@/lib/server/pipeline/token-claims";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import type { CheckResultDto, ValidationRunDto } from "@/lib/schemas/validation";

const IDENTITY_KEY = { mi_fic: "exchange", managed_identity: "mi-token" } as const;

function identityHop(connector: BrokerConnector, service: string): Hop {
  const method = connector.authMethod === "managed_identity" ? "managed_identity" : "mi_fic";
  return {
    key: IDENTITY_KEY[method],
    label: method === "mi_fic" ? `Token for ${service} through the federated credential (credential broker)` : `Managed identity token for ${service} (credential broker)`,
    run: async () => {
      throw new Error("identity hop is run inline");
    },
  };
}

export async function scheduledCheck(db: Db, connectorId: string): Promise<ValidationRunDto> {
  const connector = await brokerConnectorById(db, connectorId);
  if (connector.authMethod !== "mi_fic" && connector.authMethod !== "managed_identity") return runChainTest(db, connectorId, "schedule");

  const run = await db.validationRun.create({ data: { connectorId, trigger: "schedule" }, select: { id: true, startedAt: true } });
  const deadline = Date.now() + CHAIN_BUDGET_MS;
  const service = connector.kind === "ado" ? "Azure DevOps" : `Kusto (${connector.clusterUrl ?? "cluster"})`;
  const tokenHop = identityHop(connector, service);
  const serviceHop = connector.kind === "ado" ? adoServiceHop : kustoServiceHop;
  const state: ChainState = {};
  const checks: CheckResultDto[] = [];

  const started = Date.now();
  let tokenExpiresOn: Date | null = null;
  try {
    // The connector just read is the one the broker would find by organization or database.
    const token = await withDeadline(accessTokenForConnector(connector, { db, timeoutMs: CHAIN_BUDGET_MS / 2 }), CHAIN_BUDGET_MS / 2, "the credential broker");
    const claims = tokenClaims(token.authorization.replace(/^Bearer /, ""));
    state.authorization = token.authorization;
    state.principalId = claims.oid;
    state.identityLabel = connector.authMethod === "mi_fic" ? `the service principal of app ${connector.appClientId ?? "?"}` : `the managed identity ${connector.miClientId ?? "?"}`;
    tokenExpiresOn = token.expiresOn;
    const expires = token.expiresOn ? `, valid until ${token.expiresOn.toISOString().replace(/\.\d+Z$/, "Z")}` : "";
    checks.push(checkFromOutcome(tokenHop, { status: "pass", detail: `Token issued in tenant ${claims.tid ?? "?"} for service principal ${claims.oid ?? "?"}${expires}` }, Date.now() - started));
  } catch (error) {
    const durationMs = Date.now() - started;
    if (error instanceof TokenUnavailableError) checks.push(checkFromError(tokenHop, "fail", error.decoded, durationMs));
    else if (error instanceof DeadlineError) {
      checks.push(checkFromError(tokenHop, "fail", { code: "timeout", title: error.message, cause: "No token arrived within the check's time budget.", fix: error.hint ?? "Try again.", raw: error.message }, durationMs));
    } else if (error instanceof AppError) {
      checks.push(checkFromError(tokenHop, "fail", { code: error.code, title: error.message, cause: error.message, fix: error.hint ?? "Complete the connector's setup, then run its test.", raw: error.message }, durationMs));
    } else throw error;
  }

  if (checks[0]!.status !== "pass") checks.push(skippedCheck(serviceHop, `Skipped because “${tokenHop.label}” did not pass.`));
  else {
    const remaining = deadline - Date.now();
    const hopStarted = Date.now();
    try {
      const outcome = await withDeadline(serviceHop.run({ db, connector, state, budgetMs: remaining, signal: AbortSignal.timeout(remaining) }), remaining, `“${serviceHop.label}”`);
      checks.push(checkFromOutcome(serviceHop, outcome, Date.now() - hopStarted));
    } catch (error) {
      if (!(error instanceof DeadlineError)) throw error;
      checks.push(checkFromError(serviceHop, "fail", { code: "timeout", title: error.message, cause: "No answer arrived within the check's time budget.", fix: error.hint ?? "Try again.", raw: error.message }, Date.now() - hopStarted));
    }
  }

  if (checks[0]!.status === "pass" && connector.miClientId) checks.push(await identityEndpointCheck(connector, connector.miClientId, tokenExpiresOn));

  const outcome = checks.every((check) => check.status === "pass") ? "pass" : checks.some((check) => check.status === "fail") ? "fail" : "unknown";
  return recordChainResult(db, { runId: run.id, connector, trigger: "schedule", startedAt: run.startedAt, checks: scrubSecrets(checks, state), outcome, actor: SYSTEM_ACTOR });
}

const endpointHop: Hop = {
  key: "mi-endpoint",
  label: "The managed identity endpoint issues new tokens",
  run: async () => {
    throw new Error("the endpoint probe is run inline");
  },
};

/**
 * "unknown", not "fail", when the endpoint does not answer: the agent still works on its cached
 * token, so the connector is degraded (with the cause and until when), not failing.
 */
async function identityEndpointCheck(connector: BrokerConnector, miClientId: string, tokenExpiresOn: Date | null): Promise<CheckResultDto> {
  const started = Date.now();
  const probe = await probeIdentityEndpoint(miClientId);
  const durationMs = Date.now() - started;
  if (probe.ok) return checkFromOutcome(endpointHop, { status: "pass", detail: `A new token for identity ${miClientId} was issued at ${probe.checkedAt.toISOString().replace(/\.\d+Z$/, "Z")}` }, durationMs);
  const decoded = decodeManagedIdentityError(probe.error, chainContext(connector), probe.status);
  const until = tokenExpiresOn ? `until ${tokenExpiresOn.toISOString().replace(/\.\d+Z$/, "Z")}` : "until its cached token expires";
  return checkFromError(
    endpointHop,
    "unknown",
    { ...decoded, cause: `${decoded.cause} The agent keeps working on its cached token ${until}; after that it will get no token at all.` },
    durationMs,
  );
}
