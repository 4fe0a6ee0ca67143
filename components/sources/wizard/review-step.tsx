"use client";
// Step 6: what the connector's identity may really do, checked in the target organization with
// ADO's permission evaluation, grouped by what the agent will do with it (seed 000): read code;
// comment on work items and pull requests; create work items.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { RefreshCw as RefreshIcon } from "lucide-react";
import { checkStatusDisplay, formatDuration } from "@/components/connectors/chain-test/check-status";
import type { ApiProblem } from "@/lib/client/api/client";
import { capabilityDefinitions } from "@/lib/schemas/ado-capabilities";
import type { CapabilityResultDto, PermissionValidationDto } from "@/lib/schemas/permission-check";
import type { AdoAreaDto, CatalogListDto } from "@/lib/schemas/source";
import type { CheckStatus } from "@/lib/schemas/validation";
import { AreaPicker } from "./area-picker";
import { CheckRow } from "./check-row";
import { ApiProblemNotice, SkeletonRows } from "./notices";
import { reviewLayout, type ReviewGroup } from "./review-layout";
import type { ApiGetState } from "./use-api-get";
import type { WizardDraft } from "@/lib/client/wizard-draft";
import type { WizardDispatch } from "./wizard-state";

export type ValidationState =
  { status: "idle" } | { status: "running"; waitSeconds: number } | { status: "done"; result: PermissionValidationDto; current: boolean } | { status: "error"; problem: ApiProblem };

const badgeTone: Record<CheckStatus, "success" | "danger" | "warning" | "neutral"> = { pass: "success", fail: "danger", unknown: "warning", skipped: "neutral" };
const capabilityWord: Record<CheckStatus, string> = { pass: "Can do", fail: "Missing permissions", unknown: "Could not decide", skipped: "Not checked" };

function StatusBadge({ status }: { status: CheckStatus }) {
  const display = checkStatusDisplay[status];
  return (
    <Badge tone={badgeTone[status]} icon={<span className="[&>svg]:size-3.5">{display.icon}</span>}>
      {capabilityWord[status]}
    </Badge>
  );
}

function CapabilityCard({ capability, group, children }: { capability: CapabilityResultDto; group: ReviewGroup | undefined; children?: React.ReactNode }) {
  const own = group?.rows ?? [];
  const sharedWith = group?.sharedWith ?? [];
  return (
    <section
      aria-labelledby={`capability-${capability.capability}`}
      className={cx("rounded-lg p-4 ring-1", capability.status === "pass" ? "ring-slate-200" : checkStatusDisplay[capability.status].ring)}
      data-capability={capability.capability}
      data-status={capability.status}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`capability-${capability.capability}`} className="text-sm font-semibold text-slate-900">
            {capability.label}
          </h3>
          <p className="text-sm text-slate-600">{capability.scenario}</p>
        </div>
        <StatusBadge status={capability.status} />
      </div>
      {children ? <div className="mt-3">{children}</div> : null}
      {own.length > 0 ? (
        <ul className="mt-3 space-y-2">
          {own.map((check) => (
            <CheckRow key={check.key} check={check} />
          ))}
        </ul>
      ) : null}
      {sharedWith.length > 0 ? (
        <ul className="mt-3 space-y-1 text-sm text-slate-700">
          {sharedWith.map(({ check, shownIn }) => (
            <li key={check.key} data-shared-check={check.key}>
              Also needs <span className="font-medium text-slate-900">{check.label}</span>
              {check.status === "pass" ? " (passed)" : ""}: shown under “{shownIn === "connection" ? "Connection" : capabilityDefinitions[shownIn].label}” above.
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function ReviewStep({
  organization,
  project,
  areas,
  draft,
  dispatch,
  validation,
  onRun,
}: {
  organization: string;
  project: string;
  areas: ApiGetState<CatalogListDto<AdoAreaDto>>;
  draft: WizardDraft;
  dispatch: WizardDispatch;
  validation: ValidationState;
  onRun: () => void;
}) {
  const { areaPath } = draft;
  if (validation.status === "idle" || validation.status === "running") {
    const waiting = validation.status === "running" && validation.waitSeconds > 0;
    return (
      <SkeletonRows
        label={
          waiting
            ? `Azure DevOps validations are limited per organization: checking again in ${validation.waitSeconds} s…`
            : `Checking, as the connector's identity, what it may do in ${organization}/${project}…`
        }
        rows={4}
      />
    );
  }
  if (validation.status === "error") return <ApiProblemNotice problem={validation.problem} title="The permissions could not be checked" onRetry={onRun} />;

  const { result, current } = validation;
  const layout = reviewLayout(result);
  const connection = layout.groups.find((group) => group.capability === "connection")?.rows ?? [];
  // Counted from the rows the layout shows, so the number is the red rows below, each once.
  const failing = layout.attention;
  return (
    <div className="space-y-4" data-testid="review">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
        <p className="text-sm text-slate-700" role="status" data-testid="review-summary" data-attention={failing}>
          {failing === 0 ? "Every check passed" : `${failing} ${failing === 1 ? "check needs" : "checks need"} attention`}, checked as{" "}
          <strong className="font-semibold text-slate-900">{result.identity ?? "the connector's identity"}</strong> in {result.organization}/{result.project} in {formatDuration(result.durationMs)}.
        </p>
        <Button variant="secondary" size="sm" icon={<RefreshIcon size={16} />} onClick={onRun}>
          Check again
        </Button>
      </div>
      {!current ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          The repositories or the area path changed since these results: select <strong>Check again</strong> before saving.
        </p>
      ) : null}
      <section aria-labelledby="capability-connection" className="rounded-lg p-4 ring-1 ring-slate-200">
        <h3 id="capability-connection" className="text-sm font-semibold text-slate-900">
          Connection to {result.organization}
        </h3>
        <ul className="mt-3 space-y-2">
          {connection.map((check) => (
            <CheckRow key={check.key} check={check} />
          ))}
        </ul>
      </section>
      {result.capabilities.map((capability) => (
        <CapabilityCard key={capability.capability} capability={capability} group={layout.groups.find((group) => group.capability === capability.capability)}>
          {capability.capability === "create_work_items" ? (
            <div className="flex flex-wrap items-end gap-3">
              <AreaPicker areas={areas} value={areaPath} onChange={(chosen) => dispatch({ type: "chooseArea", areaPath: chosen })} />
              {!current ? (
                <Button size="sm" icon={<RefreshIcon size={16} />} onClick={onRun}>
                  Check this area path
                </Button>
              ) : null}
            </div>
          ) : null}
        </CapabilityCard>
      ))}
    </div>
  );
}
