// Azure DevOps' error shapes. JSON errors carry `$id, innerException, message, typeName,
// typeKey, errorCode, eventId` (vsts-rest-api-specs examples; azure-devops-auth-samples #52).
// Bad credentials on a GET answer 203 with an HTML sign-in page unless the client sends
// `X-TFS-FedAuthRedirect: Suppress`, which turns it into a 401 whose WWW-Authenticate names
// the organization's tenant (what the Azure Pipelines agent reads to discover the tenant).
import type { SandboxResponse } from "../contract";

export const ADO_JSON = "application/json; charset=utf-8; api-version=7.1";

const TYPE_NAMES: Record<string, string> = {
  UnauthorizedRequestException: "Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server",
  ProjectDoesNotExistException: "Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistException, Microsoft.TeamFoundation.Core.WebApi",
  ProjectDoesNotExistWithNameException: "Microsoft.TeamFoundation.Core.WebApi.ProjectDoesNotExistWithNameException, Microsoft.TeamFoundation.Core.WebApi",
  GitRepositoryNotFoundException: "Microsoft.TeamFoundation.Git.Server.GitRepositoryNotFoundException, Microsoft.TeamFoundation.Git.Server",
  GitNeedsPermissionException: "Microsoft.TeamFoundation.Git.Server.GitNeedsPermissionException, Microsoft.TeamFoundation.Git.Server",
  GitPullRequestNotFoundException: "Microsoft.TeamFoundation.Git.Server.GitPullRequestNotFoundException, Microsoft.TeamFoundation.Git.Server",
  GitItemNotFoundException: "Microsoft.TeamFoundation.Git.Server.GitItemNotFoundException, Microsoft.TeamFoundation.Git.Server",
  VssInvalidPreviewVersionException: "Microsoft.VisualStudio.Services.WebApi.VssInvalidPreviewVersionException, Microsoft.VisualStudio.Services.WebApi",
  WorkItemTrackingUnauthorizedOperationException: "Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemTrackingUnauthorizedOperationException, Microsoft.TeamFoundation.WorkItemTracking.Server",
  WorkItemUnauthorizedAccessException: "Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemUnauthorizedAccessException, Microsoft.TeamFoundation.WorkItemTracking.Server",
  WorkItemTypeNotFoundException: "Microsoft.TeamFoundation.WorkItemTracking.Server.Metadata.WorkItemTypeNotFoundException, Microsoft.TeamFoundation.WorkItemTracking.Server",
  RuleValidationException: "Microsoft.TeamFoundation.WorkItemTracking.Server.RuleValidationException, Microsoft.TeamFoundation.WorkItemTracking.Server",
  WorkItemTrackingTreeNodeNotFoundException: "Microsoft.TeamFoundation.WorkItemTracking.Server.WorkItemTrackingTreeNodeNotFoundException, Microsoft.TeamFoundation.WorkItemTracking.Server",
  InvalidSecurityNamespaceException: "Microsoft.TeamFoundation.Framework.Server.InvalidSecurityNamespaceException, Microsoft.TeamFoundation.Framework.Server",
  ArgumentException: "System.ArgumentException, mscorlib",
  VssServiceException: "Microsoft.VisualStudio.Services.WebApi.VssServiceException, Microsoft.VisualStudio.Services.WebApi",
  HostDoesNotExistException: "Microsoft.TeamFoundation.Framework.Server.HostDoesNotExistException, Microsoft.TeamFoundation.Framework.Server",
};

export function adoError(status: number, typeKey: keyof typeof TYPE_NAMES | string, message: string, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": ADO_JSON, ...headers },
    body: {
      $id: "1",
      innerException: null,
      message,
      typeName: TYPE_NAMES[typeKey] ?? `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    },
  };
}

export function adoJson(body: unknown, headers: Record<string, string> = {}, status = 200): SandboxResponse {
  return { status, headers: { "content-type": ADO_JSON, ...headers }, body };
}

/** The challenge headers ADO sends with a 401: its tenant's authority and the Basic realm for PATs. */
export function challengeHeaders(origin: string, tenantId: string): Record<string, string> {
  return {
    // Several challenges in one header are valid (RFC 9110 §11.6.1); ADO sends them as separate lines.
    "www-authenticate": `Bearer authorization_uri=${origin}/${tenantId}, Basic realm="${origin}/", TFS-Federated`,
    "x-tfs-fedauthrealm": `${origin}/`,
    "x-tfs-fedauthissuer": `${origin}/`,
    "x-vss-resourcetenant": tenantId,
  };
}

export function unauthorized(origin: string, tenantId: string, who = ""): SandboxResponse {
  return adoError(401, "UnauthorizedRequestException", `TF400813: The user '${who}' is not authorized to access this resource.`, challengeHeaders(origin, tenantId));
}

/** What a browser-less client gets from ADO on a GET with bad credentials and no Suppress header. */
export function signInPage(origin: string, orgName: string): SandboxResponse {
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Azure DevOps Services | Sign In</title></head>
<body>
<h1>Azure DevOps Services</h1>
<p>Sign in to continue to organization <strong>${escapeHtml(orgName)}</strong>.</p>
<p><a id="sign-in" href="${origin}/ado/${encodeURIComponent(orgName)}/_signin">Sign in</a></p>
</body></html>`;
  return { status: 203, headers: { "content-type": "text/html; charset=utf-8" }, body: html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
