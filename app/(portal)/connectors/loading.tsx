import { Card } from "@/components/ui/card";

// Same footprint as the loaded page, so nothing jumps when the data arrives.
export default function ConnectorsLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading connectors…</span>
      <div className="mb-6 animate-pulse" aria-hidden="true">
        <div className="h-7 w-40 rounded bg-slate-200" />
        <div className="mt-3 h-4 w-[28rem] max-w-full rounded bg-slate-200" />
      </div>
      <Card>
        <div className="animate-pulse" aria-hidden="true">
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <div className="flex gap-2">
              {[48, 64, 56, 60, 88].map((width) => (
                <div key={width} className="h-6 rounded bg-slate-100" style={{ width }} />
              ))}
            </div>
            <div className="h-8 w-64 rounded bg-slate-100" />
          </div>
          <div className="h-9 border-b border-slate-200 bg-slate-50/80" />
          {[0, 1, 2, 3].map((row) => (
            <div key={row} className="grid grid-cols-6 gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
              <div className="h-4 rounded bg-slate-200" />
              <div className="h-4 rounded bg-slate-100" />
              <div className="h-4 rounded bg-slate-100" />
              <div className="h-5 w-20 rounded-full bg-slate-100" />
              <div className="h-4 rounded bg-slate-100" />
              <div className="h-4 w-16 rounded bg-slate-100" />
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}
