// The portal API's error body ({ error: { message, fields, hint } }) as something a form can show.
// The typed client (lib/client/api) throws these as ApiError; this reads one from a Response.
import { ApiError, type ApiProblem } from "@/lib/client/api/client";

export type { ApiProblem };

export async function readApiError(response: Response): Promise<ApiProblem> {
  return (await ApiError.fromResponse(response)).toProblem();
}
