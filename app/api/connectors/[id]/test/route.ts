import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { testConnectorNow } from "@/lib/server/chain/test-connector-now";

// Runs the connector's chain test hop by hop and answers the run with its checks.
export const POST = apiRoute({ permission: "health.check" }, async ({ operator, params }) => testConnectorNow(db(), operator, params.id ?? ""));
