import "server-only";
// Lists for the wizard's pickers (projects, repositories, area paths), read live from Azure
// DevOps with the connector's own credential. What ADO refuses comes back as a problem value with
// its cause and fix, because "this identity cannot see that" is an expected answer.
import type { AdoResult } from "@/lib/server/ado/ado-get";
import type { AdoErrorContext } from "@/lib/server/ado/decode-ado-error";
import type { Db } from "@/lib/server/db/client";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { acquireCredential } from "@/lib/server/permissions/acquire-credential";
import { adoConnectorOrThrow } from "@/lib/server/permissions/validate-connector-permissions";
import type { Operator } from "@/lib/server/auth/permissions";
import { takeLiveListSlot } from "@/lib/server/rate-limit/live-list-rate-limit";
import type { CatalogListDto, CatalogProblemDto } from "@/lib/schemas/source";

/**
 * A picker waits on this list: 5 s for the credential and the call together. A healthy
 * organization answers in well under a second; a silent one is reported as not answering.
 */
export const LIVE_LIST_BUDGET_MS = 5_000;
/** The call gets slightly less, so the outbound layer reports a silent service in its own words. */
const CALL_MARGIN_MS = 250;

export type CatalogCall = {
  organization: string;
  authorization: string;
  budgetMs: number;
  signal: AbortSignal;
  context: Omit<AdoErrorContext, "organization">;
};

const toProblem = (error: DecodedError): CatalogProblemDto => ({
  code: error.code,
  title: error.title,
  cause: error.cause,
  fix: error.fix,
  raw: error.raw,
  traceId: error.traceId ?? error.correlationId ?? null,
});

export const emptyList = <T>(problem: CatalogProblemDto | null, hint: string | null = null): CatalogListDto<T> => ({ items: [], more: false, hint, problem });

/** Runs one listing with the connector's credential; `present` maps ADO's answer, `explain` its refusal. */
export async function withConnectorCatalog<T, R>(
  db: Db,
  operator: Pick<Operator, "id">,
  connectorId: string,
  fetch: (call: CatalogCall) => Promise<AdoResult<R>>,
  present: (value: R, identity: string) => CatalogListDto<T>,
  explain: (error: DecodedError, identity: string, organization: string) => DecodedError = (error) => error,
): Promise<CatalogListDto<T>> {
  const connector = await adoConnectorOrThrow(db, connectorId);
  await takeLiveListSlot(db, operator, connector.organization);
  const started = Date.now();
  const signal = AbortSignal.timeout(LIVE_LIST_BUDGET_MS);
  const credential = await acquireCredential(db, connector, LIVE_LIST_BUDGET_MS - CALL_MARGIN_MS);
  if (!credential.ok) return emptyList(toProblem(credential.error));
  const call: CatalogCall = {
    organization: connector.organization,
    authorization: credential.authorization,
    budgetMs: Math.max(250, LIVE_LIST_BUDGET_MS - CALL_MARGIN_MS - (Date.now() - started)),
    signal,
    context: { method: connector.authMethod, principalId: credential.principalId, identityLabel: credential.identityLabel },
  };
  const answer = await fetch(call);
  if (!answer.ok) return emptyList(toProblem(explain(answer.error, credential.identityLabel, connector.organization)));
  return present(answer.value, credential.identityLabel);
}
