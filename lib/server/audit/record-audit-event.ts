import "server-only";
// Audit events say who changed what. Callers pass field names and non-secret values only;
// keys that look like secrets are masked again here as a second fence.
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { redact } from "@/lib/server/log";

type Tx = Pick<Db, "auditEvent">;

export type AuditInput = {
  action: string;
  targetType: "connector" | "organization" | "knowledge_source" | "settings" | "tenant" | "agent_identity" | "api_token";
  targetId?: string | null;
  summary: string;
  details?: Record<string, unknown>;
};

export async function recordAuditEvent(tx: Tx, operator: Pick<Operator, "id" | "name">, input: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: operator.id,
      actorName: operator.name,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      summary: input.summary,
      details: JSON.stringify(redact(input.details ?? {})),
    },
  });
}
