// A write through the typed API client as a result a step can branch on, instead of an exception:
// the client waits out the per-organization validation limit (a 429 with Retry-After) and says
// how long through `onWait`, so a save does not fail halfway.
import { ApiError, type ApiProblem } from "@/lib/client/api/client";

export type PostResult<T> = { ok: true; data: T } | { ok: false; problem: ApiProblem };

export async function settle<T>(call: Promise<T>): Promise<PostResult<T>> {
  try {
    return { ok: true, data: await call };
  } catch (error) {
    return { ok: false, problem: ApiError.from(error).toProblem() };
  }
}
