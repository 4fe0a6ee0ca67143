// Placeholder: replaced by the kusto part of the world schema.
import { z } from "zod";

export const kustoSchema = z.object({}).strict();
