import "server-only";
// "Test connection" from the portal: rate-limited per connector, run as the operator who asked.
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { notFound } from "@/lib/server/errors";
import { takeChainTestSlot } from "./chain-test-rate-limit";
import { runChainTest, type RunChainTestOptions } from "./run-chain-test";

export async function testConnectorNow(db: Db, operator: Operator, connectorId: string, onHop?: RunChainTestOptions["onHop"]) {
  // A missing connector is a 404, not a spent slot.
  if ((await db.connector.count({ where: { id: connectorId } })) === 0) throw notFound("The connector");
  await takeChainTestSlot(db, connectorId);
  return runChainTest(db, connectorId, "manual", { operator, onHop });
}
