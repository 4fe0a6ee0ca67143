// A source's readiness as a word, an icon and a colour: ready, or a draft that says what is missing.
import { Badge } from "@/components/ui/badge";
import { CheckCircleIcon, CircleDashedIcon } from "@/components/ui/icons";
import type { SourceDto } from "@/lib/schemas/source";

export function SourceStatus({ source }: { source: SourceDto }) {
  if (source.status === "ready") {
    return (
      <Badge tone="success" icon={<CheckCircleIcon size={14} />}>
        Ready
      </Badge>
    );
  }
  return (
    <div className="space-y-1.5">
      <Badge tone="warning" icon={<CircleDashedIcon size={14} />}>
        Draft
      </Badge>
      {source.missing.length > 0 ? (
        <details className="text-xs text-slate-700">
          <summary className="cursor-pointer font-medium text-amber-900">
            {source.missing.length} missing {source.missing.length === 1 ? "permission" : "permissions"}
          </summary>
          <ul className="mt-1 list-disc space-y-1 pl-4 leading-5">
            {source.missing.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="text-xs text-slate-600">Not validated yet</p>
      )}
    </div>
  );
}
