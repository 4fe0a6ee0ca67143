import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { validateConnectorPermissions } from "@/lib/server/permissions/validate-connector-permissions";
import { validatePermissionsSchema } from "@/lib/schemas/permission-check";

// Checks, with the connector's own identity, what the agent may do in one project; answers the
// checks grouped by capability. Failing permissions are results (200), not errors.
export const POST = apiRoute({ permission: "connectors.write", body: validatePermissionsSchema }, async ({ operator, params, body }) =>
  validateConnectorPermissions(db(), operator, params.id ?? "", body),
);
