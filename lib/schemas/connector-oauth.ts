// Contracts of the OAuth sign-in for a connector: the start request, its answer, and the message
// the sign-in popup posts to the page that opened it (checked again on receipt: lib/client/popup-bridge.ts).
import { z } from "zod";
import { text } from "./text";

/** sign_in: account picker; sign_in_again: picker with the current account suggested; different_account: picker, no suggestion. */
export const startOauthSchema = z.object({ mode: z.enum(["sign_in", "sign_in_again", "different_account"]).default("sign_in") }).strict();
export type StartOauthInput = z.infer<typeof startOauthSchema>;

export type StartOauthResponse = { authorizeUrl: string; flowId: string };

export const OAUTH_RESULT_MESSAGE_TYPE = "tenantbridge.oauth-result";

const problemSchema = z
  .object({
    code: text().max(100),
    title: text().max(300),
    cause: text().max(2000),
    fix: text().max(2000),
    link: z
      .object({ label: text().max(200), href: text().url().max(2000) })
      .strict()
      .optional(),
    traceId: text().max(100).optional(),
  })
  .strict();
export type OauthProblem = z.infer<typeof problemSchema>;

export const oauthResultMessageSchema = z.discriminatedUnion("outcome", [
  z
    .object({
      type: z.literal(OAUTH_RESULT_MESSAGE_TYPE),
      flowId: text().min(32).max(200),
      outcome: z.literal("connected"),
      account: text().max(320),
      tenantId: text().max(64),
      /** The tenant's display name when Graph told us ("Litware"); null otherwise. */
      tenantName: text().max(256).nullable(),
      organization: text().max(50),
    })
    .strict(),
  z
    .object({
      type: z.literal(OAUTH_RESULT_MESSAGE_TYPE),
      flowId: text().max(200),
      outcome: z.literal("failed"),
      problem: problemSchema,
    })
    .strict(),
]);
export type OauthResultMessage = z.infer<typeof oauthResultMessageSchema>;
