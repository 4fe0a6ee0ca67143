import "server-only";
// The demo's "act as the target admin" action: in the sandbox cloud only, add the connector's app
// (its service principal in the organization's tenant) to the Azure DevOps organization with Basic
// access and to every project's Readers group, as the target tenant's administrator would. Against
// real Azure the action does not exist (404), because only that administrator can do it.
import type { Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { sandboxAdminOrigin } from "./sandbox-admin-origin";

export type SandboxGrantResult = { organization: string; tenant: string; servicePrincipalId: string; accessLevel: string; readerOf: string[] };

export async function grantSandboxAdoAccess(db: Db, access: Access<"connectors.write">, connectorId: string): Promise<SandboxGrantResult> {
  const origin = sandboxAdminOrigin(settings());
  if (!origin) throw notFound("This sandbox-only action");
  const connector = await getConnectorOrThrow(access, db, connectorId);
  if (connector.kind !== "ado" || !connector.organization) {
    throw new AppError("conflict", "Only an Azure DevOps connector can be added to an organization.");
  }
  if (!connector.appClientId) {
    throw new AppError("conflict", "The connector has no app client id: save the managed identity + federated credential settings first.", {
      hint: "Fill in the multi-tenant app's client id in step 1 and save.",
    });
  }
  let response: Response;
  try {
    response = await fetch(`${origin}/_sandbox/ado/grant`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ organization: connector.organization, appId: connector.appClientId }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "no answer within 5 s" : "connection failed";
    throw new AppError("upstream_failed", `The sandbox cloud could not be reached (${reason}).`, { hint: "Start it with npm run sandbox (npm start does), then try again.", cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as Partial<SandboxGrantResult> & { message?: string };
  if (response.status === 409)
    throw new AppError("conflict", body.message ?? "The app has no service principal in the organization's tenant.", { hint: "Grant admin consent first (the consent link on the exchange hop)." });
  if (!response.ok) throw new AppError("upstream_failed", `The sandbox cloud refused the grant (${response.status}): ${body.message ?? "no message"}`);
  const result = body as SandboxGrantResult;
  await recordAuditEvent(db, access.operator, {
    action: "sandbox.ado_access_granted",
    targetType: "connector",
    targetId: connector.id,
    summary: `Sandbox: acted as ${result.tenant}'s administrator and added app ${connector.appClientId} to ${result.organization} (Basic, Readers of ${result.readerOf.join(", ") || "no project"})`,
    details: { organization: result.organization, appClientId: connector.appClientId, servicePrincipalId: result.servicePrincipalId, readerOf: result.readerOf },
  });
  return result;
}
