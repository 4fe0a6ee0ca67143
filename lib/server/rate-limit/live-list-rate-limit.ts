import "server-only";
// Live lists (projects, repositories, area paths) call Azure DevOps with the connector's own
// credential, often a PAT: every call spends its owner's ADO throttling budget
// (https://learn.microsoft.com/azure/devops/integrate/concepts/rate-limits), so a reader must not
// be able to spend it without bound. One bucket per operator, and one per organization across
// all operators (twice the size), so many readers together cannot do it either. Shared by all
// replicas (take-shared-slot.ts).
import type { Operator } from "@/lib/server/auth/permissions";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { settings } from "@/lib/server/settings";
import { tokenBucketPolicy } from "./rate-limit-policies";
import { resetSharedRateLimit, takeSharedSlot } from "./take-shared-slot";

function policies() {
  const { burst, perMinute } = settings().liveLists;
  return {
    operators: tokenBucketPolicy("live-list:operator", burst, perMinute),
    organizations: tokenBucketPolicy("live-list:organization", burst * 2, perMinute * 2),
  };
}

const at = (now: number, seconds: number) => new Date(now + seconds * 1000).toISOString().slice(11, 19);

/** Takes one live list for the operator and the organization, or throws rate_limited with the wait. */
export async function takeLiveListSlot(db: Db, operator: Pick<Operator, "id">, organization: string, now = Date.now()): Promise<void> {
  const { operators, organizations } = policies();
  const mine = await takeSharedSlot(db, operators, operator.id, now);
  if (!mine.ok) {
    throw new AppError("rate_limited", `You loaded too many live lists from Azure DevOps in a short time. Try again in ${mine.retryAfterSeconds} s (at ${at(now, mine.retryAfterSeconds)} UTC).`, {
      hint: "Each list is a live call with the connector's credential, and Azure DevOps throttles that credential.",
      retryAfterSeconds: mine.retryAfterSeconds,
    });
  }
  const theirs = await takeSharedSlot(db, organizations, organization.toLowerCase(), now);
  if (!theirs.ok) {
    throw new AppError(
      "rate_limited",
      `Too many live lists for the organization '${organization}' in a short time. Try again in ${theirs.retryAfterSeconds} s (at ${at(now, theirs.retryAfterSeconds)} UTC).`,
      {
        hint: "Operators share the connector's Azure DevOps throttling budget.",
        retryAfterSeconds: theirs.retryAfterSeconds,
      },
    );
  }
}

/** Tests only: every operator and organization starts with a full bucket (with the current settings). */
export async function resetLiveListRateLimit(db: Db): Promise<void> {
  const { operators, organizations } = policies();
  await resetSharedRateLimit(db, operators);
  await resetSharedRateLimit(db, organizations);
}
