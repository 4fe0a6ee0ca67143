import "server-only";
// apiRoute's side of API tokens: the Authorization header of an operator route must be
// "Bearer tb_…", and its token acts as an operator with its scope's role (read → reader,
// write → administrator without the session-only permissions). Refusals are logged like other
// refused requests (codes only, never the token).
import type { Operator } from "@/lib/server/auth/permissions";
import { reportRefusal } from "@/lib/server/auth/security-events";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { API_TOKEN_PREFIX, apiTokenOperator, findApiTokenCaller } from "./api-tokens";
import { bearerToken } from "./authenticate-agent";
import { invalidToken } from "./verify-agent-access-token";

export async function operatorFromApiToken(request: Request): Promise<Operator> {
  try {
    const token = bearerToken(request);
    if (!token.startsWith(API_TOKEN_PREFIX)) {
      throw invalidToken("not_an_api_token", "This route accepts API tokens (Bearer tb_…) or a signed-in session.", "Agent identities get credentials from POST /api/agent/token.");
    }
    return apiTokenOperator(await findApiTokenCaller(db(), token));
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") reportRefusal(request, { code: "unauthenticated" });
    throw error;
  }
}
