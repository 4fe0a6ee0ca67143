import type { FicDraftItemDto } from "@/lib/schemas/fic";

/** What is missing, who must do it and how: the part of a draft the operator forwards. */
export function DraftList({ items }: { items: FicDraftItemDto[] }) {
  return (
    <ol className="mt-2 space-y-2">
      {items.map((item, index) => (
        <li key={item.what} className="rounded-md bg-white/80 p-3 text-sm ring-1 ring-amber-200">
          <p className="font-medium text-slate-900">
            {index + 1}. {item.what}
          </p>
          <p className="mt-0.5 text-slate-700">
            <span className="font-medium">Who:</span> {item.who}
          </p>
          <p className="text-slate-700">
            <span className="font-medium">How:</span> {item.how}
          </p>
        </li>
      ))}
    </ol>
  );
}
