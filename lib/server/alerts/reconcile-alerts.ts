import "server-only";
// Catches status changes made outside the scheduler (a "Test connection" on the connector page,
// the setup wizard): every tick compares each connector's status with the state last announced
// and announces the differences. Reads two narrow columns per connector, a page at a time.
import type { Db } from "@/lib/server/db/client";
import { announceChanges } from "./announce-changes";
import type { AnnounceOptions } from "./announce-status-change";

const PAGE = 1000;

export async function reconcileAlerts(db: Db, options: AnnounceOptions): Promise<string[]> {
  const announced: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.connector.findMany({
      where: { status: { in: ["healthy", "failing", "needs_signin"] } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    announced.push(...(await announceChanges(db, page.map((row) => row.id), options)));
    cursor = page.at(-1)!.id;
    if (page.length < PAGE) break;
  }
  return announced;
}
