import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { clearAgentApp, getAgentApp, putAgentApp } from "@/lib/server/settings/agent-app-setting";
import { putAgentAppSchema } from "@/lib/schemas/agent-app";

export const GET = apiRoute({ permission: "settings.read" }, async ({ access }) => ({ agentApp: await getAgentApp(db(), access) }));

export const PUT = apiRoute({ permission: "access.manage", body: putAgentAppSchema }, async ({ access, body }) => putAgentApp(db(), access, body));

export const DELETE = apiRoute({ permission: "access.manage" }, async ({ access }) => clearAgentApp(db(), access));
