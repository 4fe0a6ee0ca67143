// Placeholder: replaced by the ado part of the world schema.
import { z } from "zod";

export const adoSchema = z.object({}).strict();
