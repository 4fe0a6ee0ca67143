import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { createApiToken, listApiTokens } from "@/lib/server/agent/api-tokens";
import { createApiTokenSchema } from "@/lib/schemas/agent-access";

export const GET = apiRoute({ permission: "access.manage" }, async ({ access }) => ({ items: await listApiTokens(db(), access) }));

/** The token is in this answer only; the portal keeps its hash. */
export const POST = apiRoute({ permission: "access.manage", body: createApiTokenSchema }, async ({ access, body }) => Response.json(await createApiToken(db(), access, body), { status: 201 }));
