// Contracts of the health dashboard, alerts and their API: what a page or response may know.
// Built from non-secret columns only; there is no field where a token or PAT could go.
import { z } from "zod";
import { text } from "./text";
import { authMethods, connectorStatuses, type AuthMethod, type ConnectorKind, type ConnectorStatus } from "./connector";
import type { CheckResultDto, RunOutcome, RunTrigger } from "./validation";
import type { SourcesProblem } from "./connector-status";

export type HealthCredential =
  | { kind: "oauth"; account: string | null; signedInAt: string | null }
  | { kind: "pat"; last4: string | null; expiresAt: string | null; configured: boolean }
  | { kind: "none"; reason: "mi_fic" | "managed_identity" };

export type RunPoint = { id: string; outcome: RunOutcome; trigger: RunTrigger; startedAt: string; durationMs: number | null };

export type HealthRowDto = {
  id: string;
  kind: ConnectorKind;
  displayName: string;
  authMethod: AuthMethod;
  status: ConnectorStatus;
  /** Why, when the status is not simply the chain test's verdict (lib/schemas/connector-status.ts). */
  statusReason: { text: string; fix: string | null; from: "setup" | "chain" | "sources" } | null;
  /** The first knowledge source not ready for what it was added for; null when every one is. */
  sourcesProblem: SourcesProblem | null;
  organization: string | null;
  clusterUrl: string | null;
  database: string | null;
  tenantId: string | null;
  credential: HealthCredential;
  lastCheckedAt: string | null;
  /** When the scheduler will check it next (stored, or derived from the last check and the interval). */
  nextCheckAt: string | null;
  /** The hops of the latest chain test of the current method and settings, in order; empty when there is none. */
  checks: CheckResultDto[];
  latestRun: RunPoint | null;
  /** Most recent first, at most `historySize`. */
  history: RunPoint[];
};

export type HealthCounts = Record<ConnectorStatus, number>;

export type HealthPageDto = {
  rows: HealthRowDto[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Per status, under every filter except the status one, for the summary tiles. */
  counts: HealthCounts;
  intervalSeconds: number;
};

export const HEALTH_PAGE_SIZE = 25;

export const healthQuerySchema = z
  .object({
    status: z.enum(connectorStatuses).optional(),
    method: z.enum(authMethods).optional(),
    organization: text().trim().toLowerCase().min(1).max(100, "must be at most 100 characters").optional(),
    tenant: text()
      .trim()
      .toLowerCase()
      .regex(/^[0-9a-f-]{36}$/, "must be a tenant id (GUID)")
      .optional(),
    search: text().trim().min(1).max(100, "must be at most 100 characters").optional(),
    page: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000).default(1),
  })
  .strict();
export type HealthQuery = z.infer<typeof healthQuerySchema>;

export type AlertEventDto = {
  id: string;
  at: string;
  type: "connector.failing" | "connector.needs_signin" | "connector.recovered" | "source.degraded" | "source.recovered";
  /** For source alerts: the knowledge source. */
  source: { id: string; name: string } | null;
  connectorId: string;
  connectorName: string;
  target: string;
  authMethod: AuthMethod;
  from: string;
  to: string;
  check: { key: string | null; label: string | null; code: string | null; title: string | null; cause: string | null; fix: string | null } | null;
  delivery: { status: "none" | "pending" | "delivered" | "failed"; attempts: number; lastError: string | null; deliveredAt: string | null };
};

export const listAlertsQuerySchema = z.object({ take: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").default(20) }).strict();
