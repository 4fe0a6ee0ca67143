// The token API for the agent: Authorization: Bearer <its workload identity's Entra access token
// for the portal's API> (or a write-scope API token), and { organization } or { clusterUrl, database }.
import { db } from "@/lib/server/db/client";
import { authenticateAgentRequest } from "@/lib/server/agent/authenticate-agent";
import { brokerFailureResponse, issueAgentToken } from "@/lib/server/agent/issue-agent-token";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { publicRoute, readJsonBody } from "@/lib/server/http/api-route";
import { currentRequestId } from "@/lib/server/observability/request-context";
import { agentTokenRequestSchema } from "@/lib/schemas/agent-access";

export const dynamic = "force-dynamic";

export const POST = publicRoute({}, async ({ request }) => {
  // Who is asking comes first: an unauthenticated caller learns nothing about the body's rules.
  const principal = await authenticateAgentRequest(request);
  const target = agentTokenRequestSchema.parse(await readJsonBody(request));
  try {
    return await issueAgentToken(db(), principal, target);
  } catch (error) {
    if (error instanceof TokenUnavailableError) return brokerFailureResponse(error, currentRequestId());
    throw error;
  }
});
