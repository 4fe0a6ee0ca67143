import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { revokeApiToken } from "@/lib/server/agent/api-tokens";

/** Revokes the token: refused from its next request on; the row stays listed as revoked. */
export const DELETE = apiRoute({ permission: "access.manage" }, async ({ access, params }) => revokeApiToken(db(), access, params.id ?? ""));
