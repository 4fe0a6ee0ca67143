import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { startOauthSignIn } from "@/lib/server/oauth/start-oauth-sign-in";
import { startOauthSchema } from "@/lib/schemas/connector-oauth";

export const POST = apiRoute({ permission: "connectors.write", body: startOauthSchema }, async ({ operator, params, body }) => startOauthSignIn(db(), operator, params.id ?? "", body));
