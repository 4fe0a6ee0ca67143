// The sign-in's answers, checked with zod/mini: the sign-in page asks for its nonce as it loads,
// and the full zod would double the page's JavaScript besides MSAL. Imported on demand by auth.ts.
import * as z from "zod/mini";

export const nonceSchema = z.object({ nonce: z.string() });
export const sessionSchema = z.object({ name: z.string(), username: z.string(), role: z.enum(["admin", "reader"]), expiresAt: z.string() });
