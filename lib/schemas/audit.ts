// Contracts of the audit log page and GET /api/audit.
import { z } from "zod";
import { text } from "./text";

export const auditTargetTypes = ["connector", "organization", "knowledge_source", "settings", "tenant", "agent_identity", "api_token"] as const;
export const AUDIT_PAGE_SIZE = 50;

const day = text()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-11-22")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "must be a real date");

export const listAuditQuerySchema = z
  .object({
    /** Part of the operator's name, or their exact id ("system" for scheduled checks). */
    actor: text().trim().min(1).max(100, "must be at most 100 characters").optional(),
    action: text()
      .trim()
      .regex(/^[a-z_]+(\.[a-z_]+)*$/, "must be an action like connector.updated")
      .max(64)
      .optional(),
    targetType: z.enum(auditTargetTypes).optional(),
    targetId: text().trim().min(1).max(64, "must be at most 64 characters").optional(),
    /** Inclusive UTC days. */
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000).default(1),
    take: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(AUDIT_PAGE_SIZE),
  })
  .strict()
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "must not be before from", path: ["to"] });
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export type AuditEventDto = {
  id: string;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  details: Record<string, unknown>;
};

export type AuditPageDto = { items: AuditEventDto[]; total: number; page: number; pageSize: number; pageCount: number };
