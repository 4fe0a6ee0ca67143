// Liveness for load balancers and the launcher: no session needed, no data returned.
import { db } from "@/lib/server/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db().$queryRawUnsafe("SELECT 1");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "database_unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
