import { apiRoute } from "@/lib/server/http/api-route";
import { settings } from "@/lib/server/settings";
import { ficArtifacts } from "@/lib/server/fic/fic-artifacts";
import { generateFicSchema } from "@/lib/schemas/fic";

// Stateless: the FIC, scripts, consent URL and grants for the values in the body. Nothing is stored.
export const POST = apiRoute({ permission: "connectors.read", body: generateFicSchema }, async ({ body }) => ficArtifacts(settings(), body.inputs, body.target));
