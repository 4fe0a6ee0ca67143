// Placeholder: replaced by the arm part of the world schema.
import { z } from "zod";

export const armSchema = z.object({}).strict();
