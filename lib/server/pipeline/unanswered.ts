import "server-only";
// "The service did not answer" is not "the setup is wrong": a timeout, a refused connection, an
// open circuit breaker or a 5xx says nothing about the connector's settings. These codes make a
// connector "unavailable" instead of "failing", and a permission check "unknown" instead of "fail".
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import type { UnansweredReason } from "@/lib/server/outbound/outbound-fetch";
import { isUnansweredCode } from "@/lib/schemas/validation";

export function isUnanswered(error: Pick<DecodedError, "code"> | { code: string | null }): boolean {
  return isUnansweredCode(error.code);
}

/** The decoded form of an unanswered call: the service's name says who went silent. */
export function notAnswering(serviceName: string, failure: { unreachable: string; hint?: string; reason?: UnansweredReason }, fix: string): DecodedError {
  const reason = failure.reason ?? (/did not answer/.test(failure.unreachable) ? "timeout" : "unreachable");
  return {
    code: reason,
    title: `${serviceName} is not answering`,
    cause: failure.unreachable,
    fix: failure.hint ?? fix,
    raw: failure.unreachable,
  };
}
