import { publicRoute } from "@/lib/server/http/api-route";
import { signOut } from "@/lib/server/auth/sign-in";

export const POST = publicRoute({}, async ({ request }) => signOut(request));
