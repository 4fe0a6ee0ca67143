import "server-only";
// The agent's multi-tenant app, one row set by an administrator in Settings (audited,
// version-checked); the MI + FIC assistant prefills from it before the environment's values.
import { assertAccess, type Access } from "@/lib/server/auth/access";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import type { Db } from "@/lib/server/db/client";
import { isUniqueViolation } from "@/lib/server/db/unique-violation";
import { AppError, versionConflict } from "@/lib/server/errors";
import type { AgentAppDto, PutAgentAppInput } from "@/lib/schemas/agent-app";

const ROW_ID = "agent-app";

type Row = { appClientId: string; agentTenantId: string | null; miClientId: string | null; miPrincipalId: string | null; version: number; updatedAt: Date; updatedBy: string };

const toDto = (row: Row): AgentAppDto => ({
  appClientId: row.appClientId,
  agentTenantId: row.agentTenantId,
  miClientId: row.miClientId,
  miPrincipalId: row.miPrincipalId,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
  updatedBy: row.updatedBy,
});

/** Not a secret: anyone who may read connectors or settings may read it. */
export async function getAgentApp(db: Db, access: Access<"connectors.read"> | Access<"settings.read">): Promise<AgentAppDto | null> {
  assertAccess(access, "connectors.read", "settings.read");
  const row = await db.agentAppSetting.findUnique({ where: { id: ROW_ID } });
  return row ? toDto(row) : null;
}

export async function putAgentApp(db: Db, access: Access<"access.manage">, input: PutAgentAppInput): Promise<AgentAppDto> {
  assertAccess(access, "access.manage");
  const { version, ...values } = input;
  if (values.miClientId && values.miClientId === values.miPrincipalId) {
    throw new AppError("validation_failed", "The principal id is the identity's Object (principal) ID, not its client id.", {
      fields: [{ field: "miPrincipalId", message: "is the same as the client id; enter the identity's Object (principal) ID" }],
    });
  }
  if (values.miClientId && values.appClientId === values.miClientId) {
    throw new AppError("validation_failed", "The app client id is the managed identity's client id.", {
      fields: [{ field: "appClientId", message: "is the managed identity's client id; enter the multi-tenant app's Application (client) ID" }],
    });
  }
  const data = {
    appClientId: values.appClientId,
    agentTenantId: values.agentTenantId ?? null,
    miClientId: values.miClientId ?? null,
    miPrincipalId: values.miPrincipalId ?? null,
    updatedBy: access.operator.name,
  };
  return db.$transaction(async (tx) => {
    const existing = await tx.agentAppSetting.findUnique({ where: { id: ROW_ID } });
    let row: Row;
    if (!existing) {
      if (version !== 0) throw versionConflict("The agent app");
      // Two first saves at once: the second meets the unique id and is told to reload.
      row = await tx.agentAppSetting.create({ data: { id: ROW_ID, ...data } }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? versionConflict("The agent app") : error;
      });
    } else {
      const updated = await tx.agentAppSetting.updateMany({ where: { id: ROW_ID, version }, data: { ...data, version: { increment: 1 } } });
      if (updated.count === 0) throw versionConflict("The agent app");
      row = await tx.agentAppSetting.findUniqueOrThrow({ where: { id: ROW_ID } });
    }
    await recordAuditEvent(tx, access.operator, {
      action: "settings.agent_app_set",
      targetType: "settings",
      targetId: ROW_ID,
      summary: `Set the agent's app to ${row.appClientId}${row.miPrincipalId ? ` (identity ${row.miPrincipalId})` : ""}`,
      details: {
        before: existing ? { appClientId: existing.appClientId, agentTenantId: existing.agentTenantId, miClientId: existing.miClientId, miPrincipalId: existing.miPrincipalId } : null,
        after: data,
      },
    });
    return toDto(row);
  });
}

/** Clears the setting: the assistant falls back to the environment and saved connectors again. */
export async function clearAgentApp(db: Db, access: Access<"access.manage">): Promise<{ cleared: boolean }> {
  assertAccess(access, "access.manage");
  return db.$transaction(async (tx) => {
    const { count } = await tx.agentAppSetting.deleteMany({ where: { id: ROW_ID } });
    if (count > 0) await recordAuditEvent(tx, access.operator, { action: "settings.agent_app_cleared", targetType: "settings", targetId: ROW_ID, summary: "Cleared the agent's app" });
    return { cleared: count > 0 };
  });
}
