"use client";
// The area path the agent files and comments work items in, from the project's live list.
import { useId } from "react";
import type { AdoAreaDto, CatalogListDto } from "@/lib/schemas/source";
import type { ApiGetState } from "./use-api-get";

export function AreaPicker({ areas, value, onChange }: { areas: ApiGetState<CatalogListDto<AdoAreaDto>>; value: string | null; onChange: (areaPath: string) => void }) {
  const id = useId();
  if (areas.status === "loading") return <p className="text-sm text-slate-600">Listing the area paths…</p>;
  if (areas.status === "error") return <p className="text-sm text-red-800">The area paths could not be listed: {areas.problem.message}</p>;
  if (areas.data.problem)
    return (
      <p className="text-sm text-red-800">
        The area paths could not be listed: {areas.data.problem.title}. {areas.data.problem.fix}
      </p>
    );
  if (areas.data.items.length === 0) return <p className="text-sm text-slate-600">The project lists no area paths.</p>;
  return (
    <div className="max-w-md">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        Area path for work items
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">
        Where the agent files work items and comments on them: “Edit work items in this node” is granted per area.
      </p>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
      >
        {value === null ? <option value="">Choose an area path…</option> : null}
        {areas.data.items.map((area) => (
          <option key={area.identifier} value={area.path}>
            {area.path}
          </option>
        ))}
      </select>
    </div>
  );
}
