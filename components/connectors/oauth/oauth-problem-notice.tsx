import type { OauthProblem } from "@/lib/schemas/connector-oauth";
import { TriangleAlert as AlertTriangleIcon } from "lucide-react";
import { CopyableText } from "@/components/ui/copyable-text";
import { LearnMoreLink } from "@/components/ui/learn-more-link";

/** A failed sign-in: what happened, why, what to do next, and the link the fix needs. */
export function OauthProblemNotice({ problem }: { problem: OauthProblem }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangleIcon size={18} />
        {problem.title}
      </p>
      <p className="mt-2 leading-6">{problem.cause}</p>
      <p className="mt-2 leading-6">
        <span className="font-medium">What to do: </span>
        {problem.fix}
      </p>
      <LearnMoreLink code={problem.code} className="mt-2" />
      {problem.link ? (
        <p className="mt-2 break-all">
          <a
            className="font-medium text-red-900 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600"
            href={problem.link.href}
            target="_blank"
            rel="noreferrer noopener"
          >
            {problem.link.label}
          </a>
          <span className="mt-1 block font-mono text-xs text-red-800 select-all">{problem.link.href}</span>
        </p>
      ) : null}
      <p className="mt-2 text-xs text-red-800">
        Code {problem.code}
        {problem.traceId ? (
          <>
            {" "}
            · trace id <CopyableText value={problem.traceId} label="trace id" />
          </>
        ) : (
          ""
        )}
      </p>
    </div>
  );
}
