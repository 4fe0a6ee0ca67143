// Contract of saving a personal access token. The same schema checks the form and the handler.
import { z } from "zod";
import { text } from "./text";

export const PAT_MAX_LENGTH = 1024;

/** A calendar date (the PAT's expiry as Azure DevOps shows it) or a full ISO date-time. */
const expirySchema = text()
  .trim()
  .max(40, "must be at most 40 characters")
  .refine((value) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) && !Number.isNaN(Date.parse(value)), "must be a date like 2026-12-31");

export const savePatSchema = z
  .object({
    // Messages describe the shape only: a rejected token is never echoed back.
    pat: text().trim().min(1, "is required").max(PAT_MAX_LENGTH, `must be at most ${PAT_MAX_LENGTH} characters`),
    expiresAt: expirySchema.nullable().optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type SavePatInput = z.infer<typeof savePatSchema>;

export const removePatQuerySchema = z.object({ version: z.coerce.number().int().positive("must be a positive whole number") }).strict();

/** Everything the portal ever says about a saved PAT. */
export type PatSaved = { configured: true; last4: string; setAt: string; expiresAt: string | null; authenticatedAs: string };

/** Expiry dates are calendar days: a PAT "expiring 2026-12-31" works through that day (UTC). */
export function expiryToDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}
