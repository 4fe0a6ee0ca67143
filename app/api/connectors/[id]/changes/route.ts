import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { recordConnectorChange } from "@/lib/server/connectors/record-connector-change";
import { connectorChangeSchema } from "@/lib/schemas/propagation";

// "Consent is given" / "Access is granted": the operator reports a change made in the target
// tenant, so the next chain test waits for Entra to propagate it instead of calling it misconfigured.
export const POST = apiRoute({ permission: "connectors.write", body: connectorChangeSchema }, async ({ access, params, body }) => recordConnectorChange(db(), access, params.id ?? "", body));
