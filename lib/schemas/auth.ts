import { z } from "zod";
import { text } from "./text";

export const createSessionSchema = z.object({ idToken: text().min(20, "must be the ID token from the sign-in popup").max(16_384, "is too long") }).strict();

/** The page MSAL's popups return to (app/auth/redirect); registered as an SPA redirect URI. */
export const MSAL_REDIRECT_PATH = "/auth/redirect";
