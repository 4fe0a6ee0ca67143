// POST to the portal's API, waiting out the per-organization validation limit: a 429 carries
// Retry-After, and the wizard says how long it waits instead of failing a save halfway.
import { readApiError, type ApiProblem } from "@/lib/client/read-api-error";

export type PostResult<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

const MAX_WAIT_SECONDS = 30;
const MAX_WAITS = 3;

export function postJson<T>(url: string, body: unknown, onWait?: (seconds: number) => void): Promise<PostResult<T>> {
  return sendJson<T>("POST", url, body, onWait);
}

/** The same for PATCH: editing a source validates it again and shares the organization's limit. */
export async function sendJson<T>(method: "POST" | "PATCH", url: string, body: unknown, onWait?: (seconds: number) => void): Promise<PostResult<T>> {
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    } catch (error) {
      return { ok: false, problem: { message: `The portal could not be reached (${error instanceof Error ? error.message : String(error)}).`, fields: [], status: 0 } };
    }
    if (response.ok) return { ok: true, data: (await response.json()) as T };
    const retryAfter = Number(response.headers.get("retry-after"));
    if (response.status === 429 && attempt < MAX_WAITS && retryAfter > 0 && retryAfter <= MAX_WAIT_SECONDS) {
      for (let left = Math.ceil(retryAfter); left > 0; left -= 1) {
        onWait?.(left);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      onWait?.(0);
      continue;
    }
    return { ok: false, problem: await readApiError(response) };
  }
}
