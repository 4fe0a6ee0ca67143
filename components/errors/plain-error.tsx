// What an error boundary shows while its full panel loads, or instead of it when that cannot load
// (the network may be what failed): the same title and message, and a link, without icons or
// scripts of its own.
import type { BoundaryWords } from "./messages";

export function PlainError({ words }: { words: BoundaryWords }) {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold text-slate-900">{words.title}</h2>
      <p className="mt-1 text-sm leading-6 text-slate-700">{words.message}</p>
      <a href={words.link.href} className="mt-4 inline-block text-sm font-medium text-indigo-700 underline underline-offset-2">
        {words.link.label}
      </a>
    </div>
  );
}
