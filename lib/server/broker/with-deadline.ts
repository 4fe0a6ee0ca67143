import "server-only";
// @azure/identity and MSAL do not stop on an AbortSignal everywhere, so a hop that must end on
// time races its work against a timer. The losing request is left to the outbound layer's own
// timeouts; the caller gets a clear error now.
import { AppError } from "@/lib/server/errors";

export class DeadlineError extends AppError {
  constructor(what: string, ms: number) {
    super("upstream_failed", `${what} did not answer within ${Math.max(1, Math.round(ms / 1000))} s.`, {
      hint: "The service may be down or unreachable from the portal. Try again; if it persists, check the network path.",
    });
    this.name = "DeadlineError";
  }
}

export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
