import "server-only";
// The demo's "act as the target admin" action: in the sandbox cloud only, add the connector's app
// (its service principal in the organization's tenant) to the Azure DevOps organization with Basic
// access and to every project's Readers group, as the target tenant's administrator would. Against
// real Azure the action does not exist (404), because only that administrator can do it.
import { z } from "zod";
import type { Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { getConnectorOrThrow } from "@/lib/server/connectors/get-connector-or-throw";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/errors";
import { outboundFetch, UpstreamError, type OutboundAnswer } from "@/lib/server/outbound/outbound-fetch";
import { settings } from "@/lib/server/settings";
import { sandboxAdminOrigin } from "./sandbox-admin-origin";

const grantResultSchema = z.object({ organization: z.string(), tenant: z.string(), servicePrincipalId: z.string(), accessLevel: z.string(), readerOf: z.array(z.string()) });
export type SandboxGrantResult = z.infer<typeof grantResultSchema>;
const sandboxMessage = z.object({ message: z.string() });
const SANDBOX_HINT = "Start the sandbox cloud with npm run sandbox (npm start does), then try again.";

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
  let response: OutboundAnswer;
  try {
    // Through the outbound layer like every other upstream: a deadline per attempt and in all, a
    // retry when the connection drops (granting twice changes nothing), and its unanswered-call
    // message, here with the fix that fits the sandbox.
    response = await outboundFetch(`${origin}/_sandbox/ado/grant`, {
      service: "sandbox",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ organization: connector.organization, appId: connector.appClientId }),
      idempotent: true,
      timeoutMs: 10_000,
      budgetMs: 20_000,
    });
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    throw new UpstreamError("sandbox", error.message, { reason: error.reason, hint: SANDBOX_HINT, cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  const message = sandboxMessage.safeParse(body).data?.message;
  if (response.status === 409)
    throw new AppError("conflict", message ?? "The app has no service principal in the organization's tenant.", { hint: "Grant admin consent first (the consent link on the exchange hop)." });
  // The sandbox's world has no such organization: the connector's, not the sandbox's, problem.
  if (response.status === 404 && message)
    throw new AppError("conflict", message, {
      hint: "The sandbox can act as the administrator of its own organizations only: point the connector at one of the world's organizations (the sandbox's world lists them).",
    });
  if (!response.ok) throw new UpstreamError("sandbox", `The sandbox cloud refused the grant (${response.status}): ${message ?? "no message"}`, { status: response.status, hint: SANDBOX_HINT });
  const parsed = grantResultSchema.safeParse(body);
  // A 200 whose body is not the grant's answer (a body cut off mid-way fails in the outbound layer).
  if (!parsed.success) throw new UpstreamError("sandbox", "The sandbox cloud's answer to the grant did not arrive whole.", { reason: "unreachable", hint: SANDBOX_HINT });
  const result = parsed.data;
  await recordAuditEvent(db, access.operator, {
    action: "sandbox.ado_access_granted",
    targetType: "connector",
    targetId: connector.id,
    summary: `Sandbox: acted as ${result.tenant}'s administrator and added app ${connector.appClientId} to ${result.organization} (Basic, Readers of ${result.readerOf.join(", ") || "no project"})`,
    details: { organization: result.organization, appClientId: connector.appClientId, servicePrincipalId: result.servicePrincipalId, readerOf: result.readerOf },
  });
  return result;
}
