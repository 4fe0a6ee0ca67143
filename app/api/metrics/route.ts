// Prometheus scrape endpoint (next.config.js rewrites /metrics here): bearer token only, no session.
import { db } from "@/lib/server/db/client";
import { publicRoute } from "@/lib/server/http/api-route";
import { assertScraper, scrapeMetrics } from "@/lib/server/observability/scrape-metrics";
import { settings } from "@/lib/server/settings";

export const dynamic = "force-dynamic";

export const GET = publicRoute({}, async ({ request }) => {
  assertScraper(request.headers.get("authorization"), settings().metricsToken);
  const { body, contentType } = await scrapeMetrics(db());
  return new Response(body, { headers: { "Content-Type": contentType } });
});
