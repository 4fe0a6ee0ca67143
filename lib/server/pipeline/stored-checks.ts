import "server-only";
// A run's checks are stored as one JSON array in ValidationRun.checks: a run is written once, at
// its end, and always read whole, so one value per run costs one column to write instead of a row
// per check. What is written is exactly a CheckResultDto's fields, and what is read is checked
// against them.
import { z } from "zod";
import { checkStatuses, type CheckResultDto } from "@/lib/schemas/validation";

const text = z.string().nullable();
const storedCheckSchema = z.object({
  key: z.string(),
  label: z.string(),
  status: z.enum(checkStatuses),
  durationMs: z.number().nullable(),
  code: text,
  title: text,
  cause: text,
  fix: text,
  expected: text,
  configured: text,
  detail: text,
  link: z.object({ label: z.string(), href: z.string() }).nullable(),
  raw: text,
  traceId: text,
  retryAfterMs: z.number().nullable(),
}) satisfies z.ZodType<CheckResultDto>;
const storedChecksSchema = z.array(storedCheckSchema);

/** The column's value for a run's checks, in hop order; fields other than a check's are left out. */
export function checksColumn(checks: CheckResultDto[]): string {
  return JSON.stringify(
    checks.map((check) => ({
      key: check.key,
      label: check.label,
      status: check.status,
      durationMs: check.durationMs,
      code: check.code,
      title: check.title,
      cause: check.cause,
      fix: check.fix,
      expected: check.expected,
      configured: check.configured,
      detail: check.detail,
      link: check.link,
      raw: check.raw,
      traceId: check.traceId,
      retryAfterMs: check.retryAfterMs,
    })),
  );
}

/** A run's checks read back from its column. */
export function checksOf(column: string): CheckResultDto[] {
  return storedChecksSchema.parse(JSON.parse(column));
}
