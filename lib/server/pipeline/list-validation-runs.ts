import "server-only";
import { assertAccess, type Access } from "@/lib/server/auth/access";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import type { ValidationRunDto } from "@/lib/schemas/validation";
import { toValidationRunDto } from "./to-validation-run-dto";

/** The connector's most recent chain tests, newest first, each with its checks in hop order (permission checks of its sources are not hops). */
export async function listValidationRuns(access: Access<"health.read">, db: Db, connectorId: string, take: number): Promise<{ items: ValidationRunDto[] }> {
  assertAccess(access, "health.read");
  if ((await db.connector.count({ where: { id: connectorId } })) === 0) throw notFound("The connector");
  const runs = await db.validationRun.findMany({
    where: { connectorId, kind: "chain" },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
  });
  return { items: runs.map(toValidationRunDto) };
}
