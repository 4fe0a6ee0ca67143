import "server-only";
// One Azure DevOps call for the agent: the organization's credential from the broker (whichever
// method its connector uses), then the request through the outbound layer. Refusals come back
// as ToolRefusals with ADO's code, the cause and where to grant what is missing.
import { adoRequest, type AdoRequestOptions } from "@/lib/server/ado/ado-get";
import { getAccessToken } from "@/lib/server/broker/get-access-token";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { pullRequestContributeDenied, workItemWriteDenied } from "@/lib/server/permissions/permission-explanations";
import type { AgentCaller } from "./agent-caller";
import { refusalFromDecoded, toRefusal } from "./tool-refusal";

/** Each tool call ends within this budget, whatever ADO does. */
export const AGENT_CALL_BUDGET_MS = 15_000;

export type AgentAdoRequest = Omit<AdoRequestOptions, "organization" | "authorization" | "budgetMs" | "signal"> & {
  /** For the explanation of a refused write: the repository or area the call touched. */
  about?: { project?: string; repository?: string; areaPath?: string };
};

const IDENTITY = "the connector's identity";

/** ADO's answers to a write without the permission, explained with the place to grant it. */
function explainWriteRefusal(decoded: DecodedError, organization: string, about: AgentAdoRequest["about"] = {}): DecodedError {
  const project = about.project ?? "the project";
  if (decoded.code === "TF401027" && /PullRequestContribute/.test(decoded.raw)) {
    const repository = about.repository ?? "the repository";
    return {
      ...pullRequestContributeDenied({
        identity: IDENTITY,
        organization,
        project,
        repository,
        actionName: "PullRequestContribute",
        actionLabel: "Contribute to pull requests",
        token: `repoV2/${project}/${repository}`,
      }),
      code: "TF401027",
      raw: decoded.raw,
      traceId: decoded.traceId,
    };
  }
  if (decoded.code === "TF237111") {
    const areaPath = about.areaPath ?? project;
    return {
      ...workItemWriteDenied({ identity: IDENTITY, organization, project, areaPath, actionName: "WORK_ITEM_WRITE", actionLabel: "Edit work items in this node", token: areaPath }),
      code: "TF237111",
      raw: decoded.raw,
      traceId: decoded.traceId,
    };
  }
  return decoded;
}

export async function agentAdo<T>(caller: AgentCaller, organization: string, request: AgentAdoRequest, parse: (body: unknown) => T): Promise<T> {
  const signal = AbortSignal.timeout(AGENT_CALL_BUDGET_MS);
  let authorization: string;
  let method: "mi_fic" | "managed_identity" | "oauth" | "pat";
  try {
    await caller.assertMayUse({ organization });
    ({ authorization, method } = await getAccessToken({ organization }, { timeoutMs: AGENT_CALL_BUDGET_MS }));
  } catch (error) {
    throw toRefusal(error);
  }
  const { about, ...rest } = request;
  const result = await adoRequest({ ...rest, organization, authorization, budgetMs: AGENT_CALL_BUDGET_MS, signal, context: { ...rest.context, method } }, parse);
  if (!result.ok) throw refusalFromDecoded(explainWriteRefusal(result.error, organization, about));
  return result.value;
}
