import { apiRoute, publicRoute } from "@/lib/server/http/api-route";
import { signIn } from "@/lib/server/auth/sign-in";
import { createSessionSchema } from "@/lib/schemas/auth";

/** Exchanges the ID token from the MSAL popup for a server session. */
export const POST = publicRoute({ body: createSessionSchema }, async ({ request, body }) => signIn(request, body.idToken));

/** Who is signed in. */
export const GET = apiRoute({ permission: "connectors.read" }, async ({ operator }) => ({
  id: operator.id,
  name: operator.name,
  role: operator.role,
}));
