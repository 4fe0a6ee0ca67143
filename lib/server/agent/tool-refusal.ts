import "server-only";
// A tool call that Azure DevOps, Kusto, Entra ID or the portal refused, explained: the decoded
// code, cause and fix (and the consent link or the grant command when there is one). MCP answers
// it as the tool's error result; it never carries a token or a stack.
import type { DecodedError } from "@/lib/server/entra/decoded-error";
import { TokenUnavailableError } from "@/lib/server/broker/token-unavailable-error";
import { AppError } from "@/lib/server/errors";

export class ToolRefusal extends Error {
  readonly decoded: Pick<DecodedError, "code" | "title" | "cause" | "fix" | "link" | "expected" | "configured" | "traceId">;
  constructor(decoded: ToolRefusal["decoded"]) {
    super(`${decoded.title}: ${decoded.cause}`);
    this.name = "ToolRefusal";
    this.decoded = decoded;
  }
}

export function refusalFromDecoded(decoded: DecodedError): ToolRefusal {
  const { code, title, cause, fix, link, expected, configured, traceId } = decoded;
  return new ToolRefusal({ code, title, cause, fix, link, expected, configured, traceId });
}

/** Broker and portal errors as refusals; anything else is rethrown (a bug, logged by the caller). */
export function toRefusal(error: unknown): ToolRefusal {
  if (error instanceof ToolRefusal) return error;
  if (error instanceof TokenUnavailableError) return refusalFromDecoded(error.decoded);
  if (error instanceof AppError) {
    const fix =
      error.hint ??
      (error.code === "forbidden" ? "Ask a TenantBridge administrator to assign this organization or database to the agent, or to give it a write token." : "Check the request and try again.");
    return new ToolRefusal({ code: error.code, title: error.message, cause: error.message, fix });
  }
  throw error;
}

/** The text an agent reads: code, title, cause, fix, then the link and the values side by side. */
export function describeRefusal(refusal: ToolRefusal): string {
  const d = refusal.decoded;
  return [
    `${d.code}: ${d.title}`,
    d.cause !== d.title ? `Cause: ${d.cause}` : null,
    `Fix: ${d.fix}`,
    d.link ? `${d.link.label}: ${d.link.href}` : null,
    d.expected ? `Expected: ${d.expected}` : null,
    d.configured ? `Configured: ${d.configured}` : null,
    d.traceId ? `Trace id: ${d.traceId}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}
