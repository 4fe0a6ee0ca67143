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

/** The column's value for a run's checks, in hop order: the schema drops any field that is not a check's. */
export function checksColumn(checks: CheckResultDto[]): string {
  return JSON.stringify(storedChecksSchema.parse(checks));
}

/** A run's checks read back from its column. */
export function checksOf(column: string): CheckResultDto[] {
  return storedChecksSchema.parse(JSON.parse(column));
}
