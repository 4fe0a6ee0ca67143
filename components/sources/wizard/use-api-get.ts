"use client";
// A GET against the portal's API for one step's list: loading, the answer, or what went wrong,
// and a reload. The answer is kept with the request it belongs to, so a newer request (another
// project, a reload) shows as loading at once and an older answer arriving late is ignored.
import { useCallback, useEffect, useState } from "react";
import { readApiError, type ApiProblem } from "@/lib/client/read-api-error";

export type ApiGetState<T> = { status: "loading" } | { status: "loaded"; data: T } | { status: "error"; problem: ApiProblem };
type Answer<T> = { key: string } & ({ status: "loaded"; data: T } | { status: "error"; problem: ApiProblem });

export function useApiGet<T>(url: string | null): ApiGetState<T> & { reload: () => void } {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = url ? `${attempt} ${url}` : null;

  useEffect(() => {
    if (!url || !key) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok) return setAnswer({ key, status: "error", problem: await readApiError(response) });
        setAnswer({ key, status: "loaded", data: (await response.json()) as T });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, status: "error", problem: { message: `The portal could not be reached (${error instanceof Error ? error.message : String(error)}).`, fields: [], status: 0 } });
      });
    return () => controller.abort();
  }, [url, key]);

  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  if (!answer || answer.key !== key) return { status: "loading", reload };
  return answer.status === "loaded" ? { status: "loaded", data: answer.data, reload } : { status: "error", problem: answer.problem, reload };
}
