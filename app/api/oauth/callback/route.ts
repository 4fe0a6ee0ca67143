// Where Entra ID sends the OAuth connector popup back. It answers with a tiny HTML page (never
// JSON), so it does not go through apiRoute; completeOauthSignIn checks the session itself.
import { db } from "@/lib/server/db/client";
import { completeOauthSignIn } from "@/lib/server/oauth/complete-oauth-sign-in";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return completeOauthSignIn(db(), request);
}
