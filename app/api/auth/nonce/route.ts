import { publicRoute } from "@/lib/server/http/api-route";
import { issueSignInNonce } from "@/lib/server/auth/sign-in";

export const POST = publicRoute({}, async () => issueSignInNonce());
