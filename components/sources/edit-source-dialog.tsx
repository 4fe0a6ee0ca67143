"use client";
// Edit what a knowledge source is for (capabilities, area path) and its branch, in a native
// <dialog>: showModal() gives focus containment, Escape to close and focus return for free.
// The server checks the source again when what it is for changes, so saving can take a moment.
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { adoCapabilities, capabilityDefinitions, type AdoCapability } from "@/lib/schemas/permission-check";
import { updateSourceSchema, type AdoAreaDto, type CatalogListDto, type SourceDto } from "@/lib/schemas/source";
import { sourceKeys, sourcesApi } from "@/lib/client/api/sources";
import { settle } from "./wizard/post-json";
import { useApiGet } from "./wizard/use-api-get";

type Problem = { message: string; conflict: boolean; fields: Record<string, string> };

const inputClasses =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

export function EditSourceDialog({ source }: { source: SourceDto }) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [branch, setBranch] = useState(source.branch ?? "");
  const [capabilities, setCapabilities] = useState<AdoCapability[]>(source.capabilities);
  const [areaPath, setAreaPath] = useState(source.areaPath ?? "");
  const [busy, setBusy] = useState(false);
  const [waitSeconds, setWaitSeconds] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const areas = useApiGet<CatalogListDto<AdoAreaDto>>(sourceKeys.areas(source.connectorId, source.project), open ? (signal) => sourcesApi.areas(source.connectorId, source.project, signal) : null);
  const writes = capabilities.some((capability) => capability !== "read_code");

  function show() {
    setBranch(source.branch ?? "");
    setCapabilities(source.capabilities);
    setAreaPath(source.areaPath ?? "");
    setProblem(null);
    setOpen(true);
    dialog.current?.showModal();
  }

  function toggle(capability: AdoCapability, on: boolean) {
    setCapabilities((current) => adoCapabilities.filter((entry) => (entry === capability ? on : current.includes(entry))));
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      version: source.version,
      ...(branch.trim() !== (source.branch ?? "") ? { branch: branch.trim() || null } : {}),
      ...(capabilities.join() !== source.capabilities.join() ? { capabilities } : {}),
      ...((writes ? areaPath : "") !== (source.areaPath ?? "") ? { areaPath: writes && areaPath ? areaPath : null } : {}),
    };
    // The same schema as the handler: a bad branch is named before anything is sent.
    const parsed = updateSourceSchema.safeParse(body);
    if (!parsed.success) {
      return setProblem({ message: "Check the highlighted fields.", conflict: false, fields: Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])) });
    }
    if (writes && !areaPath) return setProblem({ message: "Check the highlighted fields.", conflict: false, fields: { areaPath: "is required to comment or create work items" } });
    setBusy(true);
    setProblem(null);
    const answer = await settle(sourcesApi.update(source.id, parsed.data, { onWait: (seconds) => setWaitSeconds(seconds) }));
    setBusy(false);
    setWaitSeconds(0);
    if (!answer.ok) {
      const error = answer.problem;
      if (error.status === 409) return setProblem({ message: "Someone changed this source since the page loaded: reload to see the change, then edit again.", conflict: true, fields: {} });
      return setProblem({ message: [error.message, error.hint].filter(Boolean).join(" "), conflict: false, fields: Object.fromEntries(error.fields.map((field) => [field.field, field.message])) });
    }
    dialog.current?.close();
    router.refresh();
  }

  const fieldError = (name: string) =>
    problem?.fields[name] ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-xs text-red-800">
        {problem.fields[name]}
      </p>
    ) : null;

  return (
    <>
      <Button variant="secondary" size="sm" onClick={show} aria-label={`Edit ${source.displayName}`}>
        Edit
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        onClose={() => setOpen(false)}
        className="m-auto w-full max-w-lg rounded-lg bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
      >
        <form onSubmit={(event) => void save(event)} className="space-y-4 p-5" noValidate>
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              Edit {source.displayName}
            </h2>
            <p className="mt-0.5 font-mono text-xs text-slate-600">
              {source.organization}/{source.project}/{source.repository}
            </p>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">What the agent uses it for</legend>
            <div className="mt-1.5 space-y-1.5">
              {adoCapabilities.map((capability) => (
                <label key={capability} className="flex items-start gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={capabilities.includes(capability)}
                    // Every source is cloned: reading code is what a knowledge source is.
                    disabled={capability === "read_code"}
                    onChange={(event) => toggle(capability, event.target.checked)}
                  />
                  <span>
                    {capabilityDefinitions[capability].label}
                    {capability === "read_code" ? <span className="text-slate-600"> (always)</span> : null}
                  </span>
                </label>
              ))}
            </div>
            {fieldError("capabilities")}
          </fieldset>
          {writes ? (
            <div>
              <label htmlFor={`${id}-area`} className="block text-sm font-medium text-slate-900">
                Area path for work items
              </label>
              {areas.status === "loaded" && !areas.data.problem && areas.data.items.length > 0 ? (
                <select
                  id={`${id}-area`}
                  value={areaPath}
                  onChange={(event) => setAreaPath(event.target.value)}
                  className={inputClasses}
                  aria-invalid={Boolean(problem?.fields.areaPath)}
                  aria-describedby={problem?.fields.areaPath ? `${id}-areaPath-error` : undefined}
                >
                  {areaPath === "" ? <option value="">Choose an area path…</option> : null}
                  {areas.data.items.some((area) => area.path === areaPath) || areaPath === "" ? null : <option value={areaPath}>{areaPath}</option>}
                  {areas.data.items.map((area) => (
                    <option key={area.identifier} value={area.path}>
                      {area.path}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`${id}-area`}
                  value={areaPath}
                  onChange={(event) => setAreaPath(event.target.value)}
                  className={inputClasses}
                  placeholder={areas.status === "loading" ? "Listing the area paths…" : `${source.project}\\Team`}
                  aria-invalid={Boolean(problem?.fields.areaPath)}
                  aria-describedby={problem?.fields.areaPath ? `${id}-areaPath-error` : undefined}
                />
              )}
              {fieldError("areaPath")}
            </div>
          ) : null}
          <div>
            <label htmlFor={`${id}-branch`} className="block text-sm font-medium text-slate-900">
              Branch
            </label>
            <input
              id={`${id}-branch`}
              value={branch}
              onChange={(event) => setBranch(event.target.value)}
              className={inputClasses}
              placeholder="default branch"
              aria-invalid={Boolean(problem?.fields.branch)}
              aria-describedby={problem?.fields.branch ? `${id}-branch-error` : undefined}
            />
            {fieldError("branch")}
          </div>
          {problem ? (
            <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
              <span>{problem.message}</span>
              {problem.conflict ? (
                <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
                  Reload
                </Button>
              ) : null}
            </div>
          ) : null}
          {waitSeconds > 0 ? (
            <p role="status" className="text-sm text-slate-700">
              Validations of {source.organization} are rate-limited: saving in {waitSeconds} s…
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy}>
              {busy ? "Saving and checking again…" : "Save"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
