import "server-only";
// Checks, with the connector's own credential (from the broker, never an administrator's), what
// the agent needs in one project: organization user with a licence (connectionData, TF401444),
// project visibility (VS800075), then ADO's own evaluation of Git GenericRead and
// PullRequestContribute per repository and CSS WORK_ITEM_WRITE on the area node. Bits are read
// from the security namespaces by action name. Every call shares one time budget; a check whose
// answer did not arrive is "unknown" with the reason, never an exception.
import { getConnectionData } from "@/lib/server/ado/get-connection-data";
import type { AdoResult } from "@/lib/server/ado/ado-get";
import type { AdoErrorContext } from "@/lib/server/ado/decode-ado-error";
import { decodeAdoError } from "@/lib/server/ado/decode-ado-error";
import type { BrokerConnector } from "@/lib/server/broker/broker-connector";
import { withDeadline } from "@/lib/server/broker/with-deadline";
import type { Db } from "@/lib/server/db/client";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { capabilityDefinitions, checkKindOf, type AdoCapability, type PermissionCheckKind } from "@/lib/schemas/permission-check";
import type { CheckResultDto } from "@/lib/schemas/validation";
import { getAreaTree, getNamespaceActions, getProject, getRepository, type AdoRepository, type SecurityAction } from "@/lib/server/permissions/ado-lookups";
import { evaluatePermissions, type PermissionEvaluation } from "@/lib/server/permissions/evaluate-permissions";
import { acquireCredential } from "@/lib/server/permissions/acquire-credential";
import { decodedCheck, outOfBudgetCheck, passCheck, skippedCheck, type CheckHead } from "./check-results";
import { areaNotFound, missingAction, projectNotVisible, pullRequestContributeDenied, repositoryReadDenied, workItemWriteDenied } from "@/lib/server/permissions/permission-explanations";
import { pickArea } from "@/lib/server/permissions/pick-area";
import { listAreaPaths, resolveAreaToken } from "@/lib/server/permissions/resolve-area-token";

export const GIT_NAMESPACE_ID = "2e9eb7ed-3c0a-47d4-87c1-0ffdd275fd87";
export const CSS_NAMESPACE_ID = "83e28ad4-2d72-4ceb-97b0-c7726d5502c3";
/** Below this, a call cannot do anything useful; its checks are reported as out of time. */
const MIN_CALL_MS = 300;

export type PermissionTarget = { project: string; repositories: string[]; areaPath?: string; capabilities: AdoCapability[] };

export type PermissionCheckRun = {
  checks: CheckResultDto[];
  identity: string | null;
  project: { id: string; name: string } | null;
  repositories: Map<string, AdoRepository>;
  /** The area path the work item check judged: the one asked for, or the one picked when none was (see pickArea). */
  areaPath: string | null;
  /** The credential held during the run, only so the caller can scrub it from texts; never stored. */
  authorization: string | null;
};

export async function runPermissionChecks(db: Db, connector: BrokerConnector, target: PermissionTarget, budgetMs: number): Promise<PermissionCheckRun> {
  const deadline = Date.now() + budgetMs;
  // Aborts every call still in flight when the budget ends, so none keeps waiting in the background.
  const signal = AbortSignal.timeout(budgetMs + 250);
  const remaining = () => deadline - Date.now();
  const organization = connector.organization ?? "";
  const kinds = new Set<PermissionCheckKind>(target.capabilities.flatMap((capability) => capabilityDefinitions[capability].needs));
  const heads = permissionCheckHeads(organization, target, kinds);
  const checks: CheckResultDto[] = [];
  const result: PermissionCheckRun = { checks, identity: null, project: null, repositories: new Map(), areaPath: target.areaPath ?? null, authorization: null };
  const skipRest = (cause: string) => {
    for (const head of heads.after(checks.length)) checks.push(skippedCheck(head, cause));
    return result;
  };

  /** One ADO call within what is left of the budget; a call that would overrun it answers "timeout". */
  async function call<T>(work: (budget: number) => Promise<AdoResult<T>>): Promise<AdoResult<T> | "out_of_budget"> {
    const left = remaining();
    if (left < MIN_CALL_MS) return "out_of_budget";
    try {
      return await withDeadline(work(left), left + 250, "Azure DevOps");
    } catch (error) {
      if (error instanceof Error && error.name === "DeadlineError") return { ok: false, error: decodeAdoError({ unreachable: error.message }, { organization }) };
      throw error;
    }
  }
  const settle = <T>(head: CheckHead, answer: AdoResult<T> | "out_of_budget", started: number, onError?: (error: DecodedError) => DecodedError): CheckResultDto | null => {
    if (answer === "out_of_budget") return outOfBudgetCheck(head, budgetMs);
    if (answer.ok) return null;
    return decodedCheck(head, onError ? onError(answer.error) : answer.error, Date.now() - started);
  };

  // 1. The connector's credential, from the broker.
  let started = Date.now();
  const credential = await acquireCredential(db, connector, remaining());
  if (!credential.ok) {
    checks.push(decodedCheck(heads.credential, credential.error, Date.now() - started, credential.status));
    return skipRest("Skipped because the connector could not get a credential for Azure DevOps.");
  }
  checks.push(passCheck(heads.credential, credential.detail, Date.now() - started));
  result.authorization = credential.authorization;
  let identity = credential.identityLabel;
  const context = (): Omit<AdoErrorContext, "organization"> => ({ method: connector.authMethod, principalId: credential.principalId, identityLabel: identity });
  const ado = (budget: number) => ({ organization, authorization: credential.authorization, budgetMs: budget, signal, context: context() });

  // 2. Organization user with a licence: connectionData answers TF401444 otherwise.
  started = Date.now();
  const who = await call((budget) => getConnectionData(ado(budget)));
  const whoFailed = settle(heads.organization, who, started);
  if (whoFailed || who === "out_of_budget" || !who.ok) {
    checks.push(whoFailed ?? outOfBudgetCheck(heads.organization, budgetMs));
    return skipRest(`Skipped because ${identity} could not be confirmed as a user of ${organization}.`);
  }
  identity = who.value.displayName ?? who.value.account ?? identity;
  result.identity = identity;
  checks.push(
    passCheck(
      heads.organization,
      `Azure DevOps organization ${organization} knows the caller as ${identity}${who.value.account && who.value.account !== identity && who.value.account !== who.value.id ? ` (${who.value.account})` : ""}, id ${who.value.id}.`,
      Date.now() - started,
    ),
  );

  // 3. Project visibility: VS800075 when the identity is not a member.
  started = Date.now();
  const project = await call((budget) => getProject({ ...ado(budget), project: target.project }));
  const projectFailed = settle(heads.project, project, started, (error) => projectNotVisible(error, identity, organization, target.project));
  if (projectFailed || project === "out_of_budget" || !project.ok) {
    checks.push(projectFailed ?? outOfBudgetCheck(heads.project, budgetMs));
    return skipRest(`Skipped because ${identity} cannot see project ${target.project}.`);
  }
  result.project = { id: project.value.id, name: project.value.name };
  checks.push(passCheck(heads.project, `${identity} is a member of ${project.value.name} (id ${project.value.id}).`, Date.now() - started));

  // 4. What the evaluation needs, read in parallel: namespaces' bits, repository ids, the area tree.
  started = Date.now();
  const projectId = project.value.id;
  const wantsRepos = kinds.has("repository-read") || kinds.has("pull-request-contribute");
  // Without an area path the tree is read too: the check then picks the first area that passes.
  const wantsArea = kinds.has("work-item-write");
  const [gitActions, cssActions, repositories, areaTree] = await Promise.all([
    wantsRepos ? call((budget) => getNamespaceActions({ ...ado(budget), namespaceId: GIT_NAMESPACE_ID })) : null,
    wantsArea ? call((budget) => getNamespaceActions({ ...ado(budget), namespaceId: CSS_NAMESPACE_ID })) : null,
    wantsRepos ? Promise.all(target.repositories.map((repository) => call((budget) => getRepository({ ...ado(budget), projectId, repository })))) : [],
    wantsArea ? call((budget) => getAreaTree({ ...ado(budget), project: projectId })) : null,
  ]);

  type Pending = { head: CheckHead; evaluation: PermissionEvaluation; action: SecurityAction; denied: () => DecodedError };
  type ActionLookup = { ok: true; action: SecurityAction } | { ok: false; check: (head: CheckHead) => CheckResultDto };
  const pending: Pending[] = [];
  const decided = new Map<string, CheckResultDto>();
  const lookupAction = (actions: AdoResult<Map<string, SecurityAction>> | "out_of_budget" | null, namespace: string, name: string): ActionLookup => {
    if (actions === null || actions === "out_of_budget") return { ok: false, check: (head) => outOfBudgetCheck(head, budgetMs) };
    // The bits could not be read, so nothing can be evaluated: not decided rather than failed.
    if (!actions.ok) return { ok: false, check: (head) => decodedCheck(head, actions.error, Date.now() - started, "unknown") };
    const action = actions.value.get(name);
    return action ? { ok: true, action } : { ok: false, check: (head) => decodedCheck(head, missingAction(namespace, name), null, "unknown") };
  };
  const queue = (head: CheckHead, securityNamespaceId: string, token: string, lookup: ActionLookup, denied: (action: SecurityAction) => DecodedError) => {
    if (!lookup.ok) decided.set(head.key, lookup.check(head));
    else pending.push({ head, evaluation: { securityNamespaceId, token, permissions: lookup.action.bit }, action: lookup.action, denied: () => denied(lookup.action) });
  };
  let autoArea: { from: string; head: CheckHead } | null = null;
  const denial = (action: SecurityAction, token: string) => ({ identity, organization, project: project.value.name, actionName: action.name, actionLabel: action.displayName, token });

  target.repositories.forEach((name, index) => {
    const read = heads.repositoryRead(name);
    const contribute = heads.pullRequestContribute(name);
    const answer = repositories[index]!;
    const failed = settle(read ?? contribute!, answer, started);
    if (failed || answer === "out_of_budget" || !answer.ok) {
      const check = failed ?? outOfBudgetCheck(read ?? contribute!, budgetMs);
      if (read) decided.set(read.key, check);
      if (contribute)
        decided.set(contribute.key, read ? skippedCheck(contribute, `Skipped because repository ${name} could not be resolved: ${check.title ?? "no answer"}.`) : { ...check, ...contribute });
      return;
    }
    result.repositories.set(name, answer.value);
    const token = `repoV2/${projectId}/${answer.value.id}`;
    if (read)
      queue(read, GIT_NAMESPACE_ID, token, lookupAction(gitActions, "Git Repositories", "GenericRead"), (action) => repositoryReadDenied({ ...denial(action, token), repository: answer.value.name }));
    if (contribute)
      queue(contribute, GIT_NAMESPACE_ID, token, lookupAction(gitActions, "Git Repositories", "PullRequestContribute"), (action) =>
        pullRequestContributeDenied({ ...denial(action, token), repository: answer.value.name }),
      );
  });

  const workItems = heads.workItemWrite;
  if (workItems && target.areaPath === undefined && areaTree) {
    const failed = settle(workItems, areaTree, started);
    if (failed || areaTree === "out_of_budget" || !areaTree.ok) decided.set(workItems.key, failed ?? outOfBudgetCheck(workItems, budgetMs));
    else {
      const lookup = lookupAction(cssActions, "CSS", "WORK_ITEM_WRITE");
      if (!lookup.ok) decided.set(workItems.key, lookup.check(workItems));
      else {
        const picked = await pickArea(areaTree.value, (evaluations) => call((budget) => evaluatePermissions(ado(budget), evaluations)), {
          securityNamespaceId: CSS_NAMESPACE_ID,
          bit: lookup.action.bit,
        });
        const area = picked.area;
        result.areaPath = area.path;
        // The check is named after the area it judged, so the operator sees where it passed or failed.
        const head = { key: `work-item-write:${area.path}`, label: `Edit work items in ${area.path}` };
        autoArea = { from: workItems.key, head };
        queue(head, CSS_NAMESPACE_ID, area.token, lookup, (action) => {
          const denied = workItemWriteDenied({ ...denial(action, area.token), areaPath: area.path });
          if (picked.checked === 0) return denied;
          return { ...denied, cause: `${denied.cause} No other area path of ${project.value.name} allows it either (${picked.checked} checked), so the project's root area is shown.` };
        });
      }
    }
  }
  if (workItems && target.areaPath !== undefined && areaTree) {
    const failed = settle(workItems, areaTree, started);
    if (failed || areaTree === "out_of_budget" || !areaTree.ok) decided.set(workItems.key, failed ?? outOfBudgetCheck(workItems, budgetMs));
    else {
      const area = resolveAreaToken(areaTree.value, target.areaPath);
      if (!area)
        decided.set(
          workItems.key,
          decodedCheck(
            workItems,
            areaNotFound(
              project.value.name,
              target.areaPath,
              listAreaPaths(areaTree.value).map((node) => node.path),
            ),
            Date.now() - started,
            "fail",
          ),
        );
      else queue(workItems, CSS_NAMESPACE_ID, area.token, lookupAction(cssActions, "CSS", "WORK_ITEM_WRITE"), (action) => workItemWriteDenied({ ...denial(action, area.token), areaPath: area.path }));
    }
  }

  // 5. One evaluation batch for everything, so the answers are consistent with each other.
  if (pending.length > 0) {
    started = Date.now();
    const answers = await call((budget) =>
      evaluatePermissions(
        ado(budget),
        pending.map((item) => item.evaluation),
      ),
    );
    pending.forEach((item, index) => {
      if (answers === "out_of_budget") return decided.set(item.head.key, outOfBudgetCheck(item.head, budgetMs));
      if (!answers.ok) return decided.set(item.head.key, decodedCheck(item.head, answers.error, Date.now() - started, "unknown"));
      const allowed = answers.value[index];
      decided.set(
        item.head.key,
        allowed
          ? passCheck(
              item.head,
              `Allowed: “${item.action.displayName}” (${item.action.name}, bit ${item.action.bit}) on ${item.evaluation.token}.${patScopeNote(connector, item.head.key)}`,
              Date.now() - started,
            )
          : decodedCheck(item.head, item.denied(), Date.now() - started, "fail"),
      );
    });
  }

  if (autoArea) {
    const picked = decided.get(autoArea.head.key);
    if (picked) decided.set(autoArea.from, picked);
  }
  for (const head of heads.after(checks.length)) {
    checks.push(
      decided.get(head.key) ??
        (head.key.startsWith("work-item-write")
          ? skippedCheck(
              head,
              "No area path was given; Edit work items in this node is granted per area path.",
              "Choose the area path the agent files and comments work items in, then validate again.",
            )
          : skippedCheck(head, "Not checked.")),
    );
  }
  return result;
}

/**
 * ADO evaluates the PAT owner's permissions, not the PAT's scopes, and offers no call that
 * reveals a PAT's scopes; writes need scopes beyond Code (Read), so say so on a pass.
 */
function patScopeNote(connector: BrokerConnector, key: string): string {
  if (connector.authMethod !== "pat") return "";
  const kind = checkKindOf(key);
  if (kind === "pull-request-contribute") return " The PAT itself also needs the Code (Read & write) scope (vso.code_write) to comment on pull requests.";
  if (kind === "work-item-write") return " The PAT itself also needs the Work Items (Read & write) scope (vso.work_write).";
  return "";
}

/** The plan of a permission review, as data: the checks it reports, in order, for the kinds the requested capabilities need. */
export function permissionCheckHeads(organization: string, target: PermissionTarget, kinds: Set<PermissionCheckKind>) {
  const credential = { key: "credential", label: `Credential for ${organization}` };
  const organizationHead = { key: "organization", label: `User of organization ${organization} with a licence` };
  const project = { key: "project", label: `Can see project ${target.project}` };
  const repositoryRead = (name: string) => (kinds.has("repository-read") ? { key: `repository-read:${name}`, label: `Read repository ${name}` } : null);
  const pullRequestContribute = (name: string) => (kinds.has("pull-request-contribute") ? { key: `pull-request-contribute:${name}`, label: `Contribute to pull requests in ${name}` } : null);
  const workItemWrite = kinds.has("work-item-write")
    ? { key: `work-item-write${target.areaPath ? `:${target.areaPath}` : ""}`, label: target.areaPath ? `Edit work items in ${target.areaPath}` : "Edit work items in an area path" }
    : null;
  const all: CheckHead[] = [credential, organizationHead, project];
  for (const name of target.repositories) {
    for (const head of [repositoryRead(name), pullRequestContribute(name)]) if (head) all.push(head);
  }
  if (workItemWrite) all.push(workItemWrite);
  return { credential, organization: organizationHead, project, repositoryRead, pullRequestContribute, workItemWrite, after: (count: number) => all.slice(count) };
}
