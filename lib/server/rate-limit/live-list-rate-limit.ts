import "server-only";
// Live lists (projects, repositories, area paths) call Azure DevOps with the connector's own
// credential, often a PAT: every call spends its owner's ADO throttling budget
// (https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits), so a reader must not
// be able to spend it without bound. One bucket per operator, and one per organization across
// all operators (twice the size), so many readers together cannot do it either.
import type { Operator } from "@/lib/server/auth/permissions";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { TokenBuckets } from "./token-bucket";

type Buckets = { operators: TokenBuckets; organizations: TokenBuckets };
const holder = globalThis as unknown as { tenantBridgeLiveListBuckets?: Buckets };

function buckets(): Buckets {
  if (!holder.tenantBridgeLiveListBuckets) {
    const { burst, perMinute } = settings().liveLists;
    holder.tenantBridgeLiveListBuckets = { operators: new TokenBuckets(burst, perMinute), organizations: new TokenBuckets(burst * 2, perMinute * 2) };
  }
  return holder.tenantBridgeLiveListBuckets;
}

const at = (now: number, seconds: number) => new Date(now + seconds * 1000).toISOString().slice(11, 19);

/** Takes one live list for the operator and the organization, or throws rate_limited with the wait. */
export function takeLiveListSlot(operator: Pick<Operator, "id">, organization: string, now = Date.now()): void {
  const mine = buckets().operators.take(operator.id, now);
  if (!mine.ok) {
    throw new AppError("rate_limited", `You loaded too many live lists from Azure DevOps in a short time. Try again in ${mine.retryAfterSeconds} s (at ${at(now, mine.retryAfterSeconds)} UTC).`, {
      hint: "Each list is a live call with the connector's credential, and Azure DevOps throttles that credential.",
      retryAfterSeconds: mine.retryAfterSeconds,
    });
  }
  const theirs = buckets().organizations.take(organization.toLowerCase(), now);
  if (!theirs.ok) {
    throw new AppError("rate_limited", `Too many live lists for the organization '${organization}' in a short time. Try again in ${theirs.retryAfterSeconds} s (at ${at(now, theirs.retryAfterSeconds)} UTC).`, {
      hint: "Operators share the connector's Azure DevOps throttling budget.",
      retryAfterSeconds: theirs.retryAfterSeconds,
    });
  }
}

/** Tests only: forget the buckets (they are recreated full, with the current settings). */
export function resetLiveListRateLimit(): void {
  holder.tenantBridgeLiveListBuckets = undefined;
}
