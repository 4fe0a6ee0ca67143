import "server-only";
// Turns an Azure DevOps failure into a cause and a fix. Codes and their meaning:
// TF401444 https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/service-principal-managed-identity
// (the identity must be an organization user), VS800075 (not in the project), TF401019 (repository
// missing or not readable), TF400813 (not authorized), and ADO's 203 sign-in page for bad
// credentials on a GET (vsts-rest-api-specs #97). Anything else is kept verbatim.
import { notAnswering } from "@/lib/server/pipeline/unanswered";
import type { UnansweredReason } from "@/lib/server/outbound/outbound-fetch";
import { retryAfterMs } from "@/lib/server/outbound/retry-after";
import type { AuthMethod } from "@/lib/schemas/connector";
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { adoExplanations } from "./ado-explanations";

export type AdoErrorContext = {
  organization: string;
  method?: AuthMethod;
  /** The calling identity's object id in the target tenant, when known (from its token's oid). */
  principalId?: string | null;
  /** What the operator calls the identity: an account, "the PAT's owner", an app. */
  identityLabel?: string | null;
};

export type AdoFailure = { unreachable: string; hint?: string; reason?: UnansweredReason } | { status: number; contentType: string; body: string; headers?: Headers; parseProblem?: string };

const RAW_LIMIT = 2000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function credentialsRefused(context: AdoErrorContext): Pick<DecodedError, "title" | "cause" | "fix"> {
  switch (context.method) {
    case "pat":
      return {
        title: "Azure DevOps did not accept the PAT",
        cause: "The PAT is invalid, expired or revoked, or it belongs to another organization.",
        fix: `Create a new PAT in ${context.organization} (User settings → Personal access tokens) with the Code (Read) scope, then replace it here.`,
      };
    case "oauth":
      return {
        title: "Azure DevOps did not accept the signed-in account's token",
        cause: "The token was refused: the account may belong to a tenant the organization is not connected to, or the sign-in was revoked.",
        fix: "Sign in again with an account of the organization's Entra tenant.",
      };
    default:
      return {
        title: "Azure DevOps did not accept the token",
        cause: "The token was refused: it was issued by a tenant the organization is not connected to, or for another audience.",
        fix: "Check that the target tenant id is the tenant the organization is connected to (Organization settings → Microsoft Entra).",
      };
  }
}

function traceIdOf(headers?: Headers): string | undefined {
  return headers?.get("activityid") ?? headers?.get("x-vss-e2eid") ?? headers?.get("x-ms-request-id") ?? undefined;
}

function messageOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === "string" ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

function notMember(message: string, context: AdoErrorContext): Omit<DecodedError, "code" | "raw"> {
  // "Please sign-in at least once as <tenant>\<upn or tenant\objectId> in a web browser…"
  const who = /sign-in at least once as (.+?) in a web browser/.exec(message)?.[1];
  const last = who?.split("\\").pop();
  const objectId = context.principalId ?? (last && GUID.test(last) ? last : undefined);
  const isUser = context.method === "pat" || context.method === "oauth";
  const identity = isUser ? `the account ${context.identityLabel ?? last ?? ""}`.trim() : `the service principal${objectId ? ` (object id ${objectId})` : ""}`;
  return {
    title: "The identity is not a user of the organization",
    cause: `${capitalize(identity)} is valid in the organization's tenant but was never added to ${context.organization} as a user, so Azure DevOps refuses it (TF401444).`,
    fix: isUser
      ? `An administrator of ${context.organization} adds the account as a user with Basic access (Organization settings → Users → Add users).`
      : `An administrator of ${context.organization} adds the identity as a user with Basic access: Organization settings → Users → Add users, search for the app's name${objectId ? ` or object id ${objectId}` : ""}, access level Basic, and add it to the projects it needs. Then run the test again.`,
    expected: `An organization user with Basic access${objectId ? `: ${objectId}` : ""}`,
    configured: "Not a user of the organization",
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether the decoder has a cause and fix of its own for a TF/VS code (not the generic text). */
export function explainsAdoCode(code: string): boolean {
  return ["TF401444", "TF200016", "VS800075", "TF401019", "TF400813"].includes(code) || code in adoExplanations;
}

/** Decodes an Azure DevOps failure. Unknown answers come back verbatim with their activity id. */
export function decodeAdoError(failure: AdoFailure, context: AdoErrorContext): DecodedError {
  if ("unreachable" in failure) return notAnswering("Azure DevOps", failure, "Check the portal's network access to Azure DevOps, then try again.");
  const { status, contentType, body, headers } = failure;
  const traceId = traceIdOf(headers);
  if (contentType.includes("text/html") || status === 203) {
    return { code: `HTTP ${status}`, ...credentialsRefused(context), raw: `HTTP ${status} ${contentType || "(no content type)"}: a sign-in page instead of data`, traceId };
  }
  const message = messageOf(body);
  const raw = (message ?? body).slice(0, RAW_LIMIT) || `HTTP ${status}`;
  const tfCode = message ? /^(TF\d+|VS\d+)\b/.exec(message)?.[1] : undefined;

  if (tfCode === "TF401444") return { code: tfCode, ...notMember(message ?? "", context), raw, traceId };
  if (tfCode === "TF200016") {
    const project = /project does not exist: (.+?)\.?$/.exec(message ?? "")?.[1];
    return {
      code: tfCode,
      title: "The identity cannot see the project",
      cause: `Azure DevOps has no project named ${project ?? "so"} that this identity can see: the name is wrong, or the identity is not a member of the project. Azure DevOps answers both the same way, by name, so that project names do not leak.`,
      fix: "Check the project's name (as in dev.azure.com/<organization>/<project>), then add the identity to the project's Readers group (Project settings → Permissions → Readers → Add).",
      expected: project ? `A project named ${project} that the identity is a member of` : undefined,
      configured: project ? "Not visible to this identity" : undefined,
      raw,
      traceId,
    };
  }
  if (tfCode && adoExplanations[tfCode]) return { code: tfCode, ...adoExplanations[tfCode]!, raw, traceId };
  if (tfCode === "VS800075") {
    return {
      code: tfCode,
      title: "The identity cannot see the project",
      cause: "The project does not exist, or the identity is not a member of it. Azure DevOps answers both the same way so that project names do not leak.",
      fix: "Check the project name, then add the identity to the project's Readers group (Project settings → Permissions → Readers → Add).",
      raw,
      traceId,
    };
  }
  if (tfCode === "TF401019") {
    return {
      code: tfCode,
      title: "The identity cannot read the repository",
      cause: "The repository does not exist, or the identity has no Read permission on it.",
      fix: "Check the repository name, then allow Read for the identity (Project settings → Repositories → the repository → Security).",
      raw,
      traceId,
    };
  }
  if (tfCode === "TF400813") {
    const who = /The user '([^']*)'/.exec(message ?? "")?.[1];
    if (!who) return { code: tfCode, ...credentialsRefused(context), raw, traceId };
    return {
      code: tfCode,
      title: "The identity is not allowed to do this",
      cause:
        context.method === "pat"
          ? `Azure DevOps knows the PAT's owner (${who}) but the PAT's scopes do not cover this call.`
          : `Azure DevOps knows the caller (${who}) but it lacks the permission for this call.`,
      fix:
        context.method === "pat"
          ? "Create a PAT with at least the Code (Read) scope (vso.code) and replace it here."
          : "Grant the identity the permission in the organization or project, then run the test again.",
      raw,
      traceId,
    };
  }
  if (status === 401) return { code: "HTTP 401", ...credentialsRefused(context), raw, traceId };
  if (status === 404 && /HostDoesNotExist|organization .* does not exist/i.test(body)) {
    return {
      code: "HTTP 404",
      title: "The organization does not exist",
      cause: `Azure DevOps has no organization named ${context.organization}.`,
      fix: "Check the organization name: it is the part after dev.azure.com/ in its address.",
      raw,
      traceId,
    };
  }
  if (status === 429) {
    const wait = retryAfterMs(headers?.get("retry-after") ?? null);
    return {
      code: "HTTP 429",
      title: "Azure DevOps is throttling the calls",
      cause: "Too many requests in a short time; Azure DevOps asked to slow down and the retries ran out of time.",
      fix: `Wait ${wait !== null ? `${Math.ceil(wait / 1000)} s` : "a minute"} and run the test again.`,
      raw,
      traceId,
      ...(wait !== null ? { retryAfterMs: wait } : {}),
    };
  }
  if (status >= 500) {
    return {
      code: `HTTP ${status}`,
      title: "Azure DevOps had a server error",
      cause: "The service failed to answer; this is usually temporary.",
      fix: "Run the test again in a few minutes. If it persists, check the Azure DevOps status page and quote the activity id.",
      raw,
      traceId,
    };
  }
  return {
    code: tfCode ?? `HTTP ${status}`,
    title: `Azure DevOps refused the request (${tfCode ?? `HTTP ${status}`})`,
    cause: failure.parseProblem ? `The answer could not be read: ${failure.parseProblem}` : "TenantBridge does not have an explanation for this answer yet; Azure DevOps' own message is below.",
    fix: "Quote the message and activity id below to the organization's administrator.",
    raw,
    traceId,
  };
}
