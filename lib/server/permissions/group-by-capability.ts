import "server-only";
// The checks grouped by what the agent will do with the access (seed 000's scenarios), and the
// one-line summary of each check that did not pass. Shared checks (credential, organization,
// project) appear in every group that needs them.
import { capabilityDefinitions, checkKindOf, type AdoCapability, type CapabilityResultDto } from "@/lib/schemas/permission-check";
import type { CheckResultDto, CheckStatus } from "@/lib/schemas/validation";

export function groupStatus(checks: CheckResultDto[]): CheckStatus {
  if (checks.some((check) => check.status === "fail")) return "fail";
  if (checks.some((check) => check.status === "unknown")) return "unknown";
  if (checks.some((check) => check.status === "skipped")) return "skipped";
  return "pass";
}

export function groupByCapability(checks: CheckResultDto[], capabilities: AdoCapability[]): CapabilityResultDto[] {
  return capabilities.map((capability) => {
    const definition = capabilityDefinitions[capability];
    const grouped = checks.filter((check) => definition.needs.includes(checkKindOf(check.key)));
    return { capability, label: definition.label, scenario: definition.scenario, status: groupStatus(grouped), checks: grouped };
  });
}

/** "Contribute to pull requests in payments-web: <fix>" for each check that did not pass. */
export function missingOf(checks: CheckResultDto[]): string[] {
  return checks
    .filter((check) => check.status === "fail" || check.status === "unknown" || check.status === "skipped")
    .map((check) => {
      const state = check.status === "fail" ? "" : check.status === "unknown" ? " (not decided)" : " (not checked)";
      return `${check.label}${state}: ${check.fix ?? check.cause ?? check.title ?? "no details"}`;
    });
}
