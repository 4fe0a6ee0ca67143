// `npm run sandbox:schema`: writes sandbox/world.schema.json from the world's zod schema.
import { writeFileSync } from "node:fs";
import { WORLD_SCHEMA_PATH, worldJsonSchema } from "./json-schema";

writeFileSync(WORLD_SCHEMA_PATH, worldJsonSchema());
console.log(`wrote ${WORLD_SCHEMA_PATH}`);
