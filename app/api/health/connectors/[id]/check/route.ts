import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { checkConnectorNow } from "@/lib/server/health/check-connector-now";

// "Check now": runs the connector's chain test and announces a change of state.
export const POST = apiRoute({ permission: "health.check" }, async ({ operator, params }) => checkConnectorNow(db(), operator, params.id ?? ""));
