// Placeholder: replaced by the identity part of the world schema.
import { z } from "zod";

export const identitySchema = z.object({});
