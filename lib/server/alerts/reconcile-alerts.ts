import "server-only";
// Catches status changes made outside the scheduler (a "Test connection" on the connector page,
// the setup wizard): every tick compares each connector's status with the state last announced
// and announces the differences. Reads two narrow columns per connector, a page at a time.
// Every replica's scheduler ticks, but one pass at a time is enough: a replica that finds the
// advisory lock taken skips its pass (the announcement itself is a compare-and-swap anyway, so
// this saves reading every connector once per replica and tick, it does not add safety).
import { tryWithAdvisoryLock } from "@/lib/server/db/advisory-lock";
import type { Db } from "@/lib/server/db/client";
import { announceChanges } from "./announce-changes";
import type { AnnounceOptions } from "./announce-status-change";

const PAGE = 1000;

export async function reconcileAlerts(db: Db, options: AnnounceOptions): Promise<string[]> {
  const pass = await tryWithAdvisoryLock(db, "alert-reconcile", () => reconcilePass(db, options), { holdMs: 300_000 });
  return pass.ran ? pass.value : [];
}

async function reconcilePass(db: Db, options: AnnounceOptions): Promise<string[]> {
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
    announced.push(
      ...(await announceChanges(
        db,
        page.map((row) => row.id),
        options,
      )),
    );
    cursor = page.at(-1)!.id;
    if (page.length < PAGE) break;
  }
  return announced;
}
