import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { createAgentIdentity, listAgentIdentities } from "@/lib/server/agent/agent-identities";
import { createAgentIdentitySchema } from "@/lib/schemas/agent-access";

export const GET = apiRoute({ permission: "access.manage" }, async ({ access }) => ({ items: await listAgentIdentities(db(), access) }));

export const POST = apiRoute({ permission: "access.manage", body: createAgentIdentitySchema }, async ({ access, body }) =>
  Response.json(await createAgentIdentity(db(), access, body), { status: 201 }),
);
