// Tests and benchmarks: forget every token the broker holds, in this process and in the shared
// table, so the next call is cold (as on a fresh cluster).
import { brokerCache } from "@/lib/server/broker/broker-cache";
import { connectorEdited } from "@/lib/server/broker/connector-snapshot";
import type { Db } from "@/lib/server/db/client";

export async function forgetBrokerTokens(db: Db): Promise<void> {
  brokerCache().clear();
  connectorEdited();
  await db.sharedAccessToken.deleteMany();
}
