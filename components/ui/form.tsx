"use client";
// Form scaffolding shared by every form: a refusal of the portal mapped onto the fields it names
// (react-hook-form's setError, so the field shows it with aria-invalid), and the alert that shows
// what is left: the message, the fix and the portal page that helps.
import Link from "next/link";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, type ApiProblem } from "@/lib/client/api/client";

/**
 * Puts each field problem of a refused call on its field (only the fields this form has) and
 * returns the problem for the form-level alert when none of them matched, null when one did.
 */
export function applyApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): ApiProblem | null {
  const problem = ApiError.from(error);
  let placed = false;
  for (const issue of problem.fields) {
    const field = fields.find((name) => name === issue.field);
    if (!field) continue;
    setError(field, { type: "server", message: issue.message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed ? null : problem.toProblem();
}

/** What went wrong with the whole form: the portal's message, its fix and a link when it has one. */
export function FormProblem({ problem, title }: { problem: ApiProblem | null; title?: string }) {
  if (!problem) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">{title ?? problem.message}</p>
      {title ? <p className="mt-1">{problem.message}</p> : null}
      {problem.hint ? <p className="mt-1">{problem.hint}</p> : null}
      {problem.related ? (
        <p className="mt-1">
          <Link href={problem.related.href} className="font-medium underline">
            {problem.related.label}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
