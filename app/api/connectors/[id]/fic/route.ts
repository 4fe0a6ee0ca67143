import { apiRoute } from "@/lib/server/http/api-route";
import { db } from "@/lib/server/db/client";
import { saveFicDraft } from "@/lib/server/fic/save-fic-draft";
import { saveFicDraftSchema } from "@/lib/schemas/fic";

// Saves the managed identity + FIC values and answers what is still missing and who must do it.
export const POST = apiRoute({ permission: "connectors.write", body: saveFicDraftSchema }, async ({ operator, params, body }) => saveFicDraft(db(), operator, params.id ?? "", body));
