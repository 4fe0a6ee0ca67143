// Answers whose contract only the browser checks (the routes' own schemas live in lib/schemas).
// The API modules import this file on demand, with the call, so zod stays out of first loads.
import { z } from "zod";

export const nonceSchema = z.object({ nonce: z.string() });
export const sessionSchema = z.object({ name: z.string(), username: z.string(), role: z.enum(["admin", "reader"]), expiresAt: z.string() });

/** What the demo's stand-in for the target admin granted (sandbox cloud only). */
export const sandboxGrantSchema = z.object({ organization: z.string(), tenant: z.string(), servicePrincipalId: z.string(), accessLevel: z.string(), readerOf: z.array(z.string()) });
export const patRemovedSchema = z.object({ configured: z.literal(false) }).loose();
export const oauthDisconnectedSchema = z.object({ configured: z.literal(false), version: z.number().int() }).loose();
