import { z } from "zod";
import { text } from "./text";

export const createSessionSchema = z
  .object({ idToken: text().min(20, "must be the ID token from the sign-in popup").max(16_384, "is too long") })
  .strict();
