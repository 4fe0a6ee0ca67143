import "server-only";
// A PAT is checked against its organization BEFORE it is stored: who it authenticates as
// (connectionData), and that it can read projects and repositories (the Code (Read) scope,
// vso.code). Failures are values with a cause and a fix; they never contain the PAT.
import { z } from "zod";
import { outboundFetch } from "@/lib/server/outbound/outbound-fetch";
import { adoErrorMessage, adoOrganizationUrl, probeAdoConnection, type AdoCaller } from "@/lib/server/oauth/probe-ado-connection";

export type PatCheck = { ok: true; caller: AdoCaller; projectCount: number; repositoryCount: number } | { ok: false; code: string; cause: string; fix: string };

const listSchema = z.object({ count: z.number().optional(), value: z.array(z.unknown()) });

export function basicAuthorization(pat: string): string {
  // ADO ignores the user name of Basic auth; only the part after the colon is the token.
  return `Basic ${Buffer.from(`:${pat}`, "utf8").toString("base64")}`;
}

const newPatFix = (organization: string) => `Create a new PAT for organization '${organization}' (User settings → Personal access tokens) with the Code (Read) scope, then paste it here.`;

async function countItems(url: string, authorization: string): Promise<{ ok: true; count: number } | { ok: false; status: number; message: string }> {
  const response = await outboundFetch(url, { service: "ado", headers: { authorization, accept: "application/json", "x-tfs-fedauthredirect": "Suppress" } });
  if (response.status !== 200) return { ok: false, status: response.status, ...(await adoErrorMessage(response)) };
  const parsed = listSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? { ok: true, count: parsed.data.value.length } : { ok: false, status: 200, message: "Azure DevOps answered with an unexpected body." };
}

export async function validatePat(organization: string, pat: string): Promise<PatCheck> {
  const authorization = basicAuthorization(pat);
  const probe = await probeAdoConnection(organization, authorization);
  if (probe.kind === "organization_not_found") {
    return { ok: false, code: "ado_organization_not_found", cause: `Azure DevOps has no organization '${organization}'.`, fix: "Check the organization name on the connector." };
  }
  if (probe.kind === "rejected") {
    return {
      ok: false,
      code: probe.code ?? `HTTP ${probe.status}`,
      cause: `Azure DevOps refused this PAT for organization '${organization}': it is mistyped, expired or revoked, or it was created for another organization.`,
      fix: newPatFix(organization),
    };
  }
  if (probe.kind === "unexpected") {
    return {
      ok: false,
      code: `HTTP ${probe.status}`,
      cause: `Azure DevOps answered ${probe.status} when checking the PAT: ${probe.message}`,
      fix: "Try again in a minute; if it persists, check Azure DevOps' status page.",
    };
  }
  const base = adoOrganizationUrl(organization);
  const projects = await countItems(`${base}/_apis/projects?api-version=7.1&$top=100`, authorization);
  if (!projects.ok) {
    return {
      ok: false,
      code: `HTTP ${projects.status}`,
      cause: `The PAT authenticates as ${probe.caller.account} but cannot list the projects of '${organization}': ${projects.message}`,
      fix: `Ask an administrator of '${organization}' to give ${probe.caller.account} at least Basic access and Reader on the projects, or ${newPatFix(organization).charAt(0).toLowerCase()}${newPatFix(organization).slice(1)}`,
    };
  }
  const repositories = await countItems(`${base}/_apis/git/repositories?api-version=7.1`, authorization);
  if (!repositories.ok) {
    return {
      ok: false,
      code: `HTTP ${repositories.status}`,
      cause: `The PAT authenticates as ${probe.caller.account} but cannot read repositories in '${organization}': it lacks the Code (Read) scope (vso.code). Azure DevOps said: ${repositories.message}`,
      fix: newPatFix(organization),
    };
  }
  return { ok: true, caller: probe.caller, projectCount: projects.count, repositoryCount: repositories.count };
}
