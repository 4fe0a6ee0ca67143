// The one string schema every contract in lib/schemas builds on. A lone UTF-16 surrogate
// ("\ud800" in JSON) is valid JSON but not text: it cannot be encoded as UTF-8, so Prisma,
// encodeURIComponent and outbound requests fail on it deep inside a handler. Refusing it at the
// boundary gives a 422 that names the field, before anything is stored or sent.
import { z } from "zod";

export const WELL_FORMED_TEXT_MESSAGE = "must be well-formed Unicode text (it contains a lone surrogate character)";
// PostgreSQL's text type cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"),
// so a NUL that reached a query or an insert was a 500 on PostgreSQL and stored on SQLite.
export const NO_NUL_MESSAGE = "must not contain a NUL character";

/** z.string() that refuses ill-formed Unicode and NUL; chain .trim(), .max(), .regex() … as usual. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z
    .string(params)
    .refine((value) => value.isWellFormed(), WELL_FORMED_TEXT_MESSAGE)
    .refine((value) => !value.includes("\u0000"), NO_NUL_MESSAGE);
}
