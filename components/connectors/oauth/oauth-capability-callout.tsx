"use client";
// Shown once, right after an OAuth sign-in: what the account can do in the organization, from
// Azure DevOps' own permission evaluation, with the tenant's name. Dismissible; nothing is stored.
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/client/api/client";
import { connectorsApi } from "@/lib/client/api/connectors";
import type { OauthCapabilitiesDto } from "@/lib/schemas/oauth-capabilities";

type State = { kind: "loading" } | { kind: "ready"; summary: OauthCapabilitiesDto } | { kind: "error"; message: string } | { kind: "dismissed" };

const list = (items: string[]) => (items.length > 0 ? items.join(", ") : "none");

export function OauthCapabilityCallout({ connectorId, tenantName }: { connectorId: string; tenantName: string | null }) {
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    connectorsApi
      .oauthCapabilities(connectorId, controller.signal)
      .then((summary) => setState({ kind: "ready", summary }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const problem = ApiError.from(caught);
        setState({ kind: "error", message: [problem.message, problem.hint].filter(Boolean).join(" ") });
      });
    return () => controller.abort();
  }, [connectorId]);

  if (state.kind === "dismissed") return null;
  const summary = state.kind === "ready" ? state.summary : null;
  const tenant = summary?.tenantName ?? tenantName ?? summary?.tenantId ?? "its tenant";
  return (
    <section aria-label="What this account can do" data-testid="oauth-capabilities" className="rounded-md border border-indigo-200 bg-indigo-50 p-4 text-sm leading-6 text-slate-800">
      <div className="flex items-start justify-between gap-3">
        <h4 className="font-semibold text-slate-900">{summary ? `What ${summary.account ?? "this account"} (${tenant}) can do in ${summary.organization}` : "What this account can do"}</h4>
        <Button variant="ghost" size="sm" onClick={() => setState({ kind: "dismissed" })}>
          Dismiss
        </Button>
      </div>
      {state.kind === "loading" ? <p role="status">Asking Azure DevOps what the account may do…</p> : null}
      {state.kind === "error" ? <p className="text-red-800">Azure DevOps could not be asked: {state.message}</p> : null}
      {summary?.problem ? <p className="text-red-800">{summary.problem}</p> : null}
      {summary && !summary.problem ? (
        summary.projects.length === 0 ? (
          <p>It is a user of the organization but a member of no project.</p>
        ) : (
          <ul className="mt-1 space-y-2">
            {summary.projects.map((project) => (
              <li key={project.project}>
                <p className="font-medium text-slate-900">{project.project}</p>
                <ul className="ml-4 list-disc">
                  <li>Read code: {list(project.readCode)}</li>
                  <li>Contribute to pull requests: {list(project.contributeToPullRequests)}</li>
                  <li>Edit work items in: {list(project.editWorkItemsIn)}</li>
                </ul>
              </li>
            ))}
            {summary.moreProjects ? <li className="text-slate-600">More projects than these five were not looked at.</li> : null}
          </ul>
        )
      ) : null}
    </section>
  );
}
