import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { deleteAgentIdentity, updateAgentIdentity } from "@/lib/server/agent/agent-identities";
import { deleteAgentIdentityQuerySchema, updateAgentIdentitySchema } from "@/lib/schemas/agent-access";

export const PATCH = apiRoute({ permission: "access.manage", body: updateAgentIdentitySchema }, async ({ access, params, body }) => updateAgentIdentity(db(), access, params.id ?? "", body));

export const DELETE = apiRoute({ permission: "access.manage" }, async ({ access, params, query }) => {
  const { version } = deleteAgentIdentityQuerySchema.parse(Object.fromEntries(query));
  await deleteAgentIdentity(db(), access, params.id ?? "", version);
  return new Response(null, { status: 204 });
});
