// A module of its own, without zod: the health page's "Check now" shows checks with it and should
// not download zod for that.

/**
 * Codes of a check whose service did not answer (a timeout, no connection, an open circuit
 * breaker, a 5xx): they say nothing about the setup, so the portal shows "not answering" and the
 * connector "Upstream unavailable" rather than "Failing".
 */
export function isUnansweredCode(code: string | null | undefined): boolean {
  return code === "timeout" || code === "unreachable" || code === "breaker_open" || /^HTTP 5\d\d$/.test(code ?? "");
}
