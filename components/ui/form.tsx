"use client";
// Form scaffolding shared by every form: a refusal of the portal mapped onto the fields it names
// (react-hook-form's setError, so the field shows it with aria-invalid), and the alert that shows
// what is left: the message, the fix and the portal page that helps.
import Link from "next/link";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ApiError, type ApiProblem } from "@/lib/client/api/client";

/**
 * Puts each field problem of a refused call on its field (only the fields this form has) and
 * returns the problem for the form-level alert when none of them matched, null when one did.
 */
export function applyApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): ApiProblem | null {
  const problem = ApiError.from(error);
  return placeFieldProblems(problem, setError, fields) ? null : problem.toProblem();
}

/** Puts each field problem on its field (only the fields this form has; the first one gets focus); true when one matched. */
export function placeFieldProblems<T extends FieldValues>(problem: Pick<ApiProblem, "fields">, setError: UseFormSetError<T>, fields: readonly Path<T>[]): boolean {
  let placed = false;
  for (const issue of problem.fields) {
    const field = fields.find((name) => name === issue.field);
    if (!field) continue;
    setError(field, { type: "server", message: issue.message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
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

/** A refusal of a version-checked change: the message, and a Reload button when someone else changed the row first. */
export function ConflictProblem({ problem, className }: { problem: { message: string; conflict: boolean } | null; className?: string }) {
  if (!problem) return null;
  return (
    <div role="alert" className={cx("flex flex-wrap items-center gap-3 text-sm text-red-900", className)}>
      <span>{problem.message}</span>
      {problem.conflict ? (
        <Button variant="secondary" size="sm" onClick={() => window.location.reload()}>
          Reload
        </Button>
      ) : null}
    </div>
  );
}
