import { apiRoute } from "@/lib/server/http/api-route";
import { streamHops, wantsHopStream } from "@/lib/server/http/hop-stream";
import { db } from "@/lib/server/db/client";
import { testConnectorNow } from "@/lib/server/pipeline/check-now";

// Runs the connector's chain test hop by hop and answers the run with its checks; with
// Accept: application/x-ndjson, each hop as it finishes, then the run. Streamed, a failure that
// Entra's propagation delay explains right after a change is retried with a "retry" line first.
// Either way a change of state is announced, as "Check now" on /health does.
export const POST = apiRoute({ permission: "health.check" }, async ({ request, operator, params }) =>
  wantsHopStream(request)
    ? streamHops(async (onHop, onRetry) => ({ run: await testConnectorNow(db(), operator, params.id ?? "", { onHop, onRetry }) }))
    : testConnectorNow(db(), operator, params.id ?? ""),
);
