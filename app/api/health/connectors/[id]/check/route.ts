import { apiRoute } from "@/lib/server/http/api-route";
import { streamHops, wantsHopStream } from "@/lib/server/http/hop-stream";
import { db } from "@/lib/server/db/client";
import { checkConnectorNow } from "@/lib/server/pipeline/check-now";

// "Check now": runs the connector's chain test and announces a change of state; with
// Accept: application/x-ndjson, each hop as it finishes (and a "retry" line before the chain runs
// again while Entra propagates a change), then the run and the alert.
export const POST = apiRoute({ permission: "health.check" }, async ({ request, operator, params }) =>
  wantsHopStream(request) ? streamHops((onHop, onRetry) => checkConnectorNow(db(), operator, params.id ?? "", { onHop, onRetry })) : checkConnectorNow(db(), operator, params.id ?? ""),
);
