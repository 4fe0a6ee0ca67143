"use client";
// Edit what a knowledge source is for (capabilities, area path) and its branch, in a native
// <dialog>: showModal() gives focus containment, Escape to close and focus return for free.
// The server checks the source again when what it is for changes, so saving can take a moment.
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { ConflictProblem, placeFieldProblems } from "@/components/ui/form";
import { adoCapabilities, capabilityDefinitions, type AdoCapability } from "@/lib/schemas/ado-capabilities";
import { updateSourceSchema, type AdoAreaDto, type CatalogListDto, type SourceDto, type UpdateSourceInput } from "@/lib/schemas/source";
import { sourceKeys, sourcesApi } from "@/lib/client/api/sources";
import { settle } from "./wizard/post-json";
import { useApiGet } from "./wizard/use-api-get";

type Problem = { message: string; conflict: boolean };

/**
 * The dialog's fields checked with the handler's schema: what changed from the source becomes the
 * update body (with the version the page read), and an area path is needed once the agent writes.
 */
function editSourceSchema(source: SourceDto) {
  return z
    .object({ branch: z.string(), capabilities: z.array(z.enum(adoCapabilities)), areaPath: z.string() })
    .superRefine((form, context) => {
      const writes = form.capabilities.some((capability) => capability !== "read_code");
      if (writes && !form.areaPath.trim()) context.addIssue({ code: "custom", path: ["areaPath"], message: "is required to comment or create work items" });
    })
    .transform((form): z.input<typeof updateSourceSchema> => {
      const writes = form.capabilities.some((capability) => capability !== "read_code");
      const areaPath = writes ? form.areaPath : "";
      return {
        version: source.version,
        ...(form.branch.trim() !== (source.branch ?? "") ? { branch: form.branch.trim() || null } : {}),
        ...(form.capabilities.join() !== source.capabilities.join() ? { capabilities: form.capabilities } : {}),
        ...(areaPath !== (source.areaPath ?? "") ? { areaPath: areaPath || null } : {}),
      };
    })
    .pipe(updateSourceSchema);
}
type EditSourceForm = z.input<ReturnType<typeof editSourceSchema>>;

const inputClasses =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

export function EditSourceDialog({ source }: { source: SourceDto }) {
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [waitSeconds, setWaitSeconds] = useState(0);
  const [problem, setProblem] = useState<Problem | null>(null);
  const initial = (): EditSourceForm => ({ branch: source.branch ?? "", capabilities: source.capabilities, areaPath: source.areaPath ?? "" });
  const form = useForm<EditSourceForm, unknown, UpdateSourceInput>({ resolver: zodResolver(editSourceSchema(source)), defaultValues: initial() });
  const busy = form.formState.isSubmitting;
  const { errors } = form.formState;
  const [capabilities, areaPath] = useWatch({ control: form.control, name: ["capabilities", "areaPath"] });
  const areas = useApiGet<CatalogListDto<AdoAreaDto>>(sourceKeys.areas(source.connectorId, source.project), open ? (signal) => sourcesApi.areas(source.connectorId, source.project, signal) : null);
  const writes = capabilities.some((capability) => capability !== "read_code");

  function show() {
    form.reset(initial());
    setProblem(null);
    setOpen(true);
    dialog.current?.showModal();
  }

  function toggle(capability: AdoCapability, on: boolean) {
    const current = form.getValues("capabilities");
    form.setValue(
      "capabilities",
      adoCapabilities.filter((entry) => (entry === capability ? on : current.includes(entry))),
      { shouldDirty: true },
    );
  }

  async function save(body: UpdateSourceInput) {
    setProblem(null);
    const answer = await settle(sourcesApi.update(source.id, body, { onWait: (seconds) => setWaitSeconds(seconds) }));
    setWaitSeconds(0);
    if (!answer.ok) {
      const error = answer.problem;
      if (error.status === 409) return setProblem({ message: "Someone changed this source since the page loaded: reload to see the change, then edit again.", conflict: true });
      placeFieldProblems(error, form.setError, ["branch", "capabilities", "areaPath"]);
      return setProblem({ message: [error.message, error.hint].filter(Boolean).join(" "), conflict: false });
    }
    dialog.current?.close();
    router.refresh();
  }

  const fieldError = (name: keyof EditSourceForm) =>
    errors[name]?.message ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-xs text-red-800">
        {errors[name].message}
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
        <form onSubmit={(event) => void form.handleSubmit(save, () => setProblem({ message: "Check the highlighted fields.", conflict: false }))(event)} className="space-y-4 p-5" noValidate>
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
                  {...form.register("areaPath")}
                  className={inputClasses}
                  aria-invalid={Boolean(errors.areaPath)}
                  aria-describedby={errors.areaPath ? `${id}-areaPath-error` : undefined}
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
                  {...form.register("areaPath")}
                  className={inputClasses}
                  placeholder={areas.status === "loading" ? "Listing the area paths…" : `${source.project}\\Team`}
                  aria-invalid={Boolean(errors.areaPath)}
                  aria-describedby={errors.areaPath ? `${id}-areaPath-error` : undefined}
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
              {...form.register("branch")}
              className={inputClasses}
              placeholder="default branch"
              aria-invalid={Boolean(errors.branch)}
              aria-describedby={errors.branch ? `${id}-branch-error` : undefined}
            />
            {fieldError("branch")}
          </div>
          <ConflictProblem problem={problem} className="rounded-md border border-red-200 bg-red-50 p-3" />
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
