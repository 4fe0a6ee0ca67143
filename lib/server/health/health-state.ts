import "server-only";
// States in the order the dashboard lists them: the ones that need someone first.
import type { ConnectorStatus } from "@/lib/schemas/connector";

export const healthStateOrder: ConnectorStatus[] = ["failing", "needs_signin", "unavailable", "degraded", "healthy", "unchecked", "draft"];

/**
 * When the scheduler will next look at a connector: the time it claimed, or for a connector it
 * has not scheduled yet, one interval after its last check (or creation). Drafts are not checked.
 */
export function nextCheckOf(row: { status: string; nextCheckAt: Date | null; lastCheckedAt: Date | null; createdAt: Date }, intervalMs: number): Date | null {
  if (row.status === "draft") return null;
  if (row.nextCheckAt) return row.nextCheckAt;
  return new Date((row.lastCheckedAt ?? row.createdAt).getTime() + intervalMs);
}
