import "server-only";
// Cause and fix for each permission ADO's evaluation denies: which permission, which group has
// it by default, and the exact place in Azure DevOps where an administrator grants it. Menu
// paths are ADO's (Project settings → Repositories → <repo> → Security; Project settings →
// Project configuration → Areas → <area> → Security).
import type { DecodedError } from "@/lib/server/entra/decoded-error";

export type DeniedPermission = { identity: string; organization: string; project: string; actionName: string; actionLabel: string; token: string };

export function repositoryReadDenied(p: DeniedPermission & { repository: string }): DecodedError {
  return {
    code: "permission_denied",
    title: `Cannot read ${p.repository}`,
    cause: `${p.identity} does not have “${p.actionLabel}” (${p.actionName}) on ${p.project}/${p.repository}: no group it is in allows it (the project's Readers and Contributors do by default), or it is denied on the repository. Stakeholder access cannot read code in a private project either.`,
    fix: `Add ${p.identity} to the project's Readers group (Project settings → Permissions → Readers → Members → Add), or Project settings → Repositories → ${p.repository} → Security → ${p.identity} → ${p.actionLabel}: Allow. If its access level is Stakeholder, change it to Basic (Organization settings → Users).`,
    expected: `${p.actionName} allowed on ${p.token}`,
    configured: "Not allowed",
    raw: `permissionevaluationbatch: ${p.actionName} on ${p.token} = false`,
  };
}

export function pullRequestContributeDenied(p: DeniedPermission & { repository: string }): DecodedError {
  return {
    code: "permission_denied",
    title: `Cannot contribute to pull requests in ${p.repository}`,
    cause: `${p.identity} is not allowed “${p.actionLabel}” (${p.actionName}) on ${p.project}/${p.repository}: it is denied on the repository (or on all repositories of the project), or no group it is in grants it (Contributors have it by default, Readers do not). The agent could not comment on pull requests there.`,
    fix: `Project settings → Repositories → ${p.repository} → Security → ${p.identity} → ${p.actionLabel}: Allow. An explicit Deny there (or under All repositories) overrides every group, so change it there; if nothing is denied, adding ${p.identity} to the project's Contributors group grants it too.`,
    expected: `${p.actionName} allowed on ${p.token}`,
    configured: "Not allowed",
    raw: `permissionevaluationbatch: ${p.actionName} on ${p.token} = false`,
  };
}

export function workItemWriteDenied(p: DeniedPermission & { areaPath: string }): DecodedError {
  return {
    code: "permission_denied",
    title: `Cannot edit work items in ${p.areaPath}`,
    cause: `${p.identity} is not allowed “${p.actionLabel}” (${p.actionName}) on the area ${p.areaPath}: neither the project's Contributors group nor a permission on this area or a parent area gives it, or it is denied there. The agent could not create work items or comment on them in this area.`,
    fix: `Project settings → Project configuration → Areas → ${p.areaPath} → Security → ${p.identity} → ${p.actionLabel}: Allow, or add ${p.identity} to the project's Contributors group.`,
    expected: `${p.actionName} allowed on ${p.token}`,
    configured: "Not allowed",
    raw: `permissionevaluationbatch: ${p.actionName} on ${p.token} = false`,
  };
}

export function areaNotFound(project: string, areaPath: string, known: string[]): DecodedError {
  const listed = known.slice(0, 10).join(", ") + (known.length > 10 ? ", …" : "");
  return {
    code: "area_not_found",
    title: `No area path ${areaPath}`,
    cause: `Project ${project} has no area path ${areaPath}.`,
    fix: `Pick an existing area path (${listed}), or create it in Project settings → Project configuration → Areas.`,
    expected: "An existing area path",
    configured: areaPath,
    raw: `Area paths of ${project}: ${listed}`,
  };
}

export function projectNotVisible(decoded: DecodedError, identity: string, organization: string, project: string): DecodedError {
  if (decoded.code !== "VS800075" && decoded.code !== "TF200016") return decoded;
  return {
    ...decoded,
    cause: `Project ${project} does not exist in ${organization}, or ${identity} is not a member of it; Azure DevOps answers both the same way (${decoded.code}) so that project names do not leak.`,
    fix: `Check the project name, then add ${identity} to ${project}'s Readers group (or Contributors, for comments and work items): Project settings → Permissions → Readers → Members → Add.`,
    expected: `${identity} a member of ${project}`,
    configured: "Not a member, or no such project",
  };
}

export function missingAction(namespace: string, actionName: string): DecodedError {
  return {
    code: "unknown_action",
    title: `Azure DevOps does not list ${actionName}`,
    cause: `The ${namespace} security namespace returned by the organization has no action named ${actionName}, so its bit could not be read.`,
    fix: "Run the validation again; if it persists, report it to your TenantBridge administrator with the organization's name.",
    raw: `GET _apis/securitynamespaces: no action ${actionName} in ${namespace}`,
  };
}
