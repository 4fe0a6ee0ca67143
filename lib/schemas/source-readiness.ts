// What a knowledge source is ready for, decided in one place from its latest checks. A source is
// added for capabilities (read code; comment on work items and pull requests; create work items);
// it is "ready for everything it was added for" only when every check those capabilities need
// passed, "ready for reading code" when only reading passed, and never "ready" with a failed or
// undecided check hidden behind it.
import { capabilityDefinitions, checkKindOf, type AdoCapability } from "./permission-check";
import type { CheckResultDto, CheckStatus } from "./validation";

export type ReadinessCheck = Pick<CheckResultDto, "key" | "label" | "status" | "cause" | "fix" | "link">;

export type CapabilityReadinessDto = {
  capability: AdoCapability;
  label: string;
  status: CheckStatus;
  /** Each check this capability needs that did not pass, with where to grant it. */
  missing: { key: string; label: string; status: CheckStatus; fix: string | null; link: { label: string; href: string } | null }[];
};

export type SourceReadinessDto = {
  /** everything: every capability it was added for; read_code: only reading; nothing: not even reading. */
  level: "everything" | "read_code" | "nothing";
  summary: string;
  capabilities: CapabilityReadinessDto[];
};

const repositoryKinds = new Set(["repository-read", "pull-request-contribute"]);

function statusOf(checks: { status: CheckStatus }[]): CheckStatus {
  if (checks.some((check) => check.status === "fail")) return "fail";
  if (checks.some((check) => check.status === "unknown")) return "unknown";
  if (checks.some((check) => check.status === "skipped")) return "skipped";
  return "pass";
}

export function sourceReadiness(source: { repository: string; capabilities: readonly AdoCapability[] }, checks: readonly ReadinessCheck[]): SourceReadinessDto {
  const mine = (check: ReadinessCheck) => {
    const kind = checkKindOf(check.key);
    if (!repositoryKinds.has(kind)) return true;
    return check.key.slice(kind.length + 1).toLowerCase() === source.repository.toLowerCase();
  };
  const wanted: AdoCapability[] = source.capabilities.includes("read_code") ? [...source.capabilities] : ["read_code", ...source.capabilities];
  const capabilities = wanted.map((capability): CapabilityReadinessDto => {
    const definition = capabilityDefinitions[capability];
    const found: CapabilityReadinessDto["missing"] = [];
    for (const kind of definition.needs) {
      const ofKind = checks.filter((check) => checkKindOf(check.key) === kind && mine(check));
      // A check the latest run did not make is not a pass: the source was never checked for it.
      if (ofKind.length === 0) found.push({ key: kind, label: `${kind.replace(/-/g, " ")}: not checked`, status: "skipped", fix: "Check the source again.", link: null });
      for (const check of ofKind) {
        if (check.status !== "pass") found.push({ key: check.key, label: check.label, status: check.status, fix: check.fix ?? check.cause, link: check.link });
      }
    }
    return { capability, label: definition.label, status: statusOf(found), missing: found };
  });
  const read = capabilities.find((entry) => entry.capability === "read_code");
  const level = capabilities.every((entry) => entry.status === "pass") ? "everything" : read?.status === "pass" ? "read_code" : "nothing";
  const summary =
    level === "everything"
      ? wanted.length === 1
        ? "Ready for reading code, all it was added for"
        : "Ready for everything it was added for"
      : level === "read_code"
        ? `Ready for reading code only: not for ${capabilities
            .filter((entry) => entry.status !== "pass")
            .map((entry) => entry.label.toLowerCase())
            .join(" or ")}`
        : checks.length === 0
          ? "Not checked yet: check it again to see what it is ready for"
          : "Not ready: the agent cannot read it yet";
  return { level, summary, capabilities };
}
