// A world is everything the sandbox cloud knows: tenants and their identities, and the
// Azure DevOps, Kusto and ARM resources that live in them. One JSON document, validated here;
// `npm run sandbox:schema` publishes it as JSON Schema (sandbox/world.schema.json).
import { z } from "zod";
import { identitySchema } from "./identity";
import { adoSchema } from "./ado";
import { kustoSchema } from "./kusto";
import { armSchema } from "./arm";

export const worldSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    ...identitySchema.shape,
    ado: adoSchema,
    kusto: kustoSchema,
    arm: armSchema,
  })
  .strict();

export type World = z.infer<typeof worldSchema>;
