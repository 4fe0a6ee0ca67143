import "server-only";
// What the account an OAuth connector signed in with can do in the organization, for the summary
// the connector page shows after the sign-in: in each project (the first few), which repositories
// it may read and contribute pull requests to, and in which area paths it may edit work items.
// Azure DevOps answers from its own permission evaluation, with the bits read from the security
// namespaces by action name, the same evaluation the permission checks use; nothing is stored.
import type { Access } from "@/lib/server/auth/access";
import { listProjects } from "@/lib/server/ado/list-projects";
import { brokerConnectorById } from "@/lib/server/broker/broker-connector";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { acquireCredential } from "@/lib/server/permissions/acquire-credential";
import { getAreaTree, getNamespaceActions, listProjectRepositories } from "@/lib/server/permissions/ado-lookups";
import { evaluatePermissions, type PermissionEvaluation } from "@/lib/server/permissions/evaluate-permissions";
import { listAreaPaths, resolveAreaToken } from "@/lib/server/permissions/resolve-area-token";
import { CSS_NAMESPACE_ID, GIT_NAMESPACE_ID } from "@/lib/server/pipeline/run-permission-checks";
import { takeValidationSlot } from "@/lib/server/rate-limit/validation-rate-limit";
import { settings } from "@/lib/server/settings";
import type { OauthCapabilitiesDto } from "@/lib/schemas/oauth-capabilities";

const MAX_PROJECTS = 5;
const MAX_REPOSITORIES = 20;
const MAX_AREAS = 30;

type Subject = { project: number; kind: "read" | "contribute" | "edit"; name: string };

async function tenantNameOf(db: Db, connectorId: string): Promise<string | null> {
  const event = await db.auditEvent.findFirst({ where: { action: "connector.oauth_signed_in", targetId: connectorId }, orderBy: { at: "desc" }, select: { details: true } });
  try {
    const name = (JSON.parse(event?.details ?? "{}") as { accountTenantName?: unknown }).accountTenantName;
    return typeof name === "string" && name ? name : null;
  } catch {
    return null;
  }
}

export async function oauthCapabilities(db: Db, access: Access<"connectors.write">, connectorId: string): Promise<OauthCapabilitiesDto> {
  const dto = await getConnectorOrThrow(access, db, connectorId);
  if (dto.kind !== "ado" || dto.authMethod !== "oauth" || !dto.organization) {
    throw new AppError("conflict", "Only an Azure DevOps connector on OAuth sign-in has a signed-in account to describe.");
  }
  if (!dto.oauth.configured) throw new AppError("conflict", "Nobody has signed in to this connector yet.", { hint: "Select “Sign in to Azure DevOps” first." });
  const organization = dto.organization;
  await takeValidationSlot(db, organization);
  const connector = await brokerConnectorById(db, connectorId);
  const budgetMs = settings().validationBudgetMs;
  const signal = AbortSignal.timeout(budgetMs);
  const base: OauthCapabilitiesDto = {
    organization,
    account: dto.oauth.account,
    tenantName: await tenantNameOf(db, connectorId),
    tenantId: dto.oauth.tenantId,
    projects: [],
    moreProjects: false,
    problem: null,
  };
  const problem = (error: { title?: string | null; cause?: string | null; fix?: string | null }) => ({ ...base, problem: [error.title, error.cause, error.fix].filter(Boolean).join(" ") });

  const credential = await acquireCredential(db, connector, budgetMs);
  if (!credential.ok) return problem(credential.error);
  const ado = { organization, authorization: credential.authorization, budgetMs, signal };
  const projects = await listProjects(ado);
  if (!projects.ok) return problem(projects.error);
  const looked = projects.value.projects.slice(0, MAX_PROJECTS);
  const [gitActions, cssActions, details] = await Promise.all([
    getNamespaceActions({ ...ado, namespaceId: GIT_NAMESPACE_ID }),
    getNamespaceActions({ ...ado, namespaceId: CSS_NAMESPACE_ID }),
    Promise.all(looked.map(async (project) => ({ project, repositories: await listProjectRepositories({ ...ado, project: project.id }), areas: await getAreaTree({ ...ado, project: project.id }) }))),
  ]);
  if (!gitActions.ok) return problem(gitActions.error);
  if (!cssActions.ok) return problem(cssActions.error);
  const read = gitActions.value.get("GenericRead");
  const contribute = gitActions.value.get("PullRequestContribute");
  const edit = cssActions.value.get("WORK_ITEM_WRITE");

  const evaluations: PermissionEvaluation[] = [];
  const subjects: Subject[] = [];
  const ask = (subject: Subject, securityNamespaceId: string, token: string, bit: number) => {
    evaluations.push({ securityNamespaceId, token, permissions: bit });
    subjects.push(subject);
  };
  details.forEach(({ project, repositories, areas }, index) => {
    for (const repository of repositories.ok ? repositories.value.slice(0, MAX_REPOSITORIES) : []) {
      const token = `repoV2/${project.id}/${repository.id}`;
      if (read) ask({ project: index, kind: "read", name: repository.name }, GIT_NAMESPACE_ID, token, read.bit);
      if (contribute) ask({ project: index, kind: "contribute", name: repository.name }, GIT_NAMESPACE_ID, token, contribute.bit);
    }
    if (areas.ok && edit) {
      for (const node of listAreaPaths(areas.value).slice(0, MAX_AREAS)) {
        const area = resolveAreaToken(areas.value, node.path);
        if (area) ask({ project: index, kind: "edit", name: area.path }, CSS_NAMESPACE_ID, area.token, edit.bit);
      }
    }
  });
  const answers = evaluations.length > 0 ? await evaluatePermissions(ado, evaluations) : ({ ok: true, value: [] as boolean[] } as const);
  if (!answers.ok) return problem(answers.error);
  const result = looked.map((project) => ({ project: project.name, readCode: [] as string[], contributeToPullRequests: [] as string[], editWorkItemsIn: [] as string[] }));
  subjects.forEach((subject, index) => {
    if (!answers.value[index]) return;
    const entry = result[subject.project]!;
    (subject.kind === "read" ? entry.readCode : subject.kind === "contribute" ? entry.contributeToPullRequests : entry.editWorkItemsIn).push(subject.name);
  });
  return { ...base, projects: result, moreProjects: projects.value.more || projects.value.projects.length > MAX_PROJECTS };
}
