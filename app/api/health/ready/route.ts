// Readiness for load balancers and orchestrators: 200 when this replica may take traffic,
// 503 with the reason otherwise (lib/server/observability/readiness.ts).
import { db } from "@/lib/server/db/client";
import { publicRoute } from "@/lib/server/http/api-route";
import { checkReadiness } from "@/lib/server/observability/readiness";
import { settings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

export const GET = publicRoute({}, async () => {
  const readiness = await checkReadiness(db(), settings().database.provider);
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503 });
});
