import "server-only";
// Permission validation makes a burst of calls into someone else's organization, and Azure
// DevOps throttles per identity and organization (429 with Retry-After), so the portal limits
// validations per organization before ADO has to.
import { AppError } from "@/lib/server/errors";
import { recordRateLimited } from "@/lib/server/observability/metrics";
import { TokenBuckets } from "./token-bucket";

/** A wizard validating a few repositories in a row fits; a loop does not. */
export const VALIDATIONS_BURST = 5;
export const VALIDATIONS_PER_MINUTE = 10;

const holder = globalThis as unknown as { tenantBridgeValidationBuckets?: TokenBuckets };
const buckets = () => (holder.tenantBridgeValidationBuckets ??= new TokenBuckets(VALIDATIONS_BURST, VALIDATIONS_PER_MINUTE));

/** Takes one validation for `organization`, or throws rate_limited with the seconds to wait. */
export function takeValidationSlot(organization: string, now = Date.now()): void {
  const result = buckets().take(organization.toLowerCase(), now);
  if (result.ok) return;
  recordRateLimited("validation");
  throw new AppError("rate_limited", `Too many permission validations for the organization '${organization}' in a short time.`, {
    hint: `Wait ${result.retryAfterSeconds} s, then validate again. Azure DevOps throttles bursts of calls from one identity.`,
    retryAfterSeconds: result.retryAfterSeconds,
  });
}

/** Tests only: every organization starts with a full bucket. */
export function resetValidationRateLimit(): void {
  buckets().reset();
}
