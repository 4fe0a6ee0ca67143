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
import { settings } from "@/lib/server/settings";
import type { CatalogListDto, CatalogProblemDto } from "@/lib/schemas/source";

export type CatalogCall = { organization: string; authorization: string; budgetMs: number; context: Omit<AdoErrorContext, "organization"> };

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
  connectorId: string,
  fetch: (call: CatalogCall) => Promise<AdoResult<R>>,
  present: (value: R, identity: string) => CatalogListDto<T>,
  explain: (error: DecodedError, identity: string, organization: string) => DecodedError = (error) => error,
): Promise<CatalogListDto<T>> {
  const connector = await adoConnectorOrThrow(db, connectorId);
  const budgetMs = settings().validationBudgetMs;
  const started = Date.now();
  const credential = await acquireCredential(db, connector, budgetMs);
  if (!credential.ok) return emptyList(toProblem(credential.error));
  const call: CatalogCall = {
    organization: connector.organization,
    authorization: credential.authorization,
    budgetMs: Math.max(1_000, budgetMs - (Date.now() - started)),
    context: { method: connector.authMethod, principalId: credential.principalId, identityLabel: credential.identityLabel },
  };
  const answer = await fetch(call);
  if (!answer.ok) return emptyList(toProblem(explain(answer.error, credential.identityLabel, connector.organization)));
  return present(answer.value, credential.identityLabel);
}
