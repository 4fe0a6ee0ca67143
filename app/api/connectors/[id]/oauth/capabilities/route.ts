import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { oauthCapabilities } from "@/lib/server/oauth/oauth-capabilities";

export const GET = apiRoute({ permission: "connectors.write" }, async ({ access, params }) => oauthCapabilities(db(), access, params.id ?? ""));
